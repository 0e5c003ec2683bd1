import type { Entity } from '@backstage/catalog-model';
import {
  ECOSYSTEM_ANNOTATIONS,
  describeDetectionEvidence,
  podSpecOf,
  runningSummary,
  sourceControlToolOf,
  withEvidenceDetail,
  type ClusterObject,
  type CoverageEvidence,
  type EntityClusters,
  type EntityImages,
  type EntityObservability,
  type EvidenceDetailParts,
  type ToolFinding,
} from '@internal/backstage-plugin-runtime-stack-common';

/** Names the source-control tool of a repository host, when known. */
type ToolOfHost = (host: string) => string | undefined;

/**
 * The address without a user or password, which a URL may carry and the
 * stored evidence must not.
 */
function withoutCredentials(address: string): string {
  try {
    const url = new URL(address);
    if (!url.username && !url.password) return address;
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return address;
  }
}

/**
 * Evidence that names a tool when the repository's host tells which; the
 * detail shows the address without credentials.
 */
function sourceControl(
  source: CoverageEvidence['source'],
  rawAddress: string,
  describe: (address: string) => EvidenceDetailParts,
  toolOfHost?: ToolOfHost,
): CoverageEvidence {
  const address = withoutCredentials(rawAddress);
  const tool = sourceControlToolOf(address, toolOfHost);
  return withEvidenceDetail(
    {
      source,
      capability: 'source-control',
      ...(tool && { tool }),
      strength: 'full',
    },
    describe(address),
  );
}

/**
 * What the catalog saw: an entity it reads from a `url` location lives in
 * that repository. The catalog writes `backstage.io/managed-by-location`
 * itself, so unlike `backstage.io/source-location` it is no claim.
 */
export function catalogEvidence(
  entity: Entity,
  toolOfHost?: ToolOfHost,
): CoverageEvidence[] {
  const location =
    entity.metadata.annotations?.[ECOSYSTEM_ANNOTATIONS.managedByLocation];
  if (!location?.startsWith('url:')) return [];
  return [
    sourceControl(
      'catalog',
      location.slice('url:'.length),
      address => ({ kind: 'catalog-location', address }),
      toolOfHost,
    ),
  ];
}

const WORKLOAD_TOOLS: Record<string, string> = {
  Deployment: 'deployment',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
  Job: 'job',
  CronJob: 'cronjob',
};

/** Probes and limits of a workload's containers, as health evidence. */
function healthOfTemplate(object: ClusterObject): string[] {
  const containers = (podSpecOf(object)?.containers ?? []) as any[];
  if (containers.length === 0) return [];
  const all = (test: (c: any) => boolean) => containers.every(test);
  return [
    ...(all(c => c.livenessProbe) ? ['liveness-probe'] : []),
    ...(all(c => c.readinessProbe) ? ['readiness-probe'] : []),
    ...(all(c => c.resources?.limits) ? ['resource-limits'] : []),
  ];
}

/**
 * What the clusters show: the tools detected for the service, the tools of
 * the cluster every workload on it runs with, its workloads,
 * and the probes, limits, autoscalers and disruption budgets that keep it
 * healthy.
 */
export function clusterEvidence(
  clusters: Pick<EntityClusters, 'clusters'>,
  objects: Map<string, ClusterObject[]>,
  now: Date = new Date(),
): CoverageEvidence[] {
  const evidence: CoverageEvidence[] = [];
  for (const view of clusters.clusters) {
    const found = (finding: ToolFinding): Omit<CoverageEvidence, 'detail'> => ({
      source: 'cluster',
      capability: finding.capability,
      tool: finding.tool,
      cluster: view.cluster,
      strength: 'full',
    });
    for (const finding of view.tools) {
      const first = finding.evidence[0];
      evidence.push(
        first
          ? { ...found(finding), detail: describeDetectionEvidence(first) }
          : withEvidenceDetail(found(finding), { kind: 'detected' }),
      );
    }
    for (const finding of view.providedByCluster ?? []) {
      const first = finding.evidence[0];
      evidence.push(
        withEvidenceDetail(found(finding), {
          kind: 'provided-by-cluster',
          cluster: view.cluster,
          ...(first && { object: describeDetectionEvidence(first) }),
        }),
      );
    }
    for (const object of objects.get(view.cluster) ?? []) {
      const where = `${object.kind} ${object.metadata.namespace ?? ''}/${
        object.metadata.name
      }`;
      const workloadTool = WORKLOAD_TOOLS[object.kind];
      if (workloadTool) {
        evidence.push({
          source: 'cluster',
          capability: 'workloads',
          tool: workloadTool,
          cluster: view.cluster,
          detail: where,
          strength: 'full',
        });
        for (const tool of healthOfTemplate(object)) {
          evidence.push(
            withEvidenceDetail(
              {
                source: 'cluster',
                capability: 'health',
                tool,
                cluster: view.cluster,
                strength: 'partial',
              },
              { kind: 'every-container', object: where },
            ),
          );
        }
      }
      if (
        object.kind === 'HorizontalPodAutoscaler' ||
        object.kind === 'PodDisruptionBudget'
      ) {
        evidence.push({
          source: 'cluster',
          capability: 'health',
          tool:
            object.kind === 'HorizontalPodAutoscaler'
              ? 'horizontal-pod-autoscaler'
              : 'pod-disruption-budget',
          cluster: view.cluster,
          detail: where,
          strength: 'full',
        });
      }
    }
  }
  // When the cluster was last collected is when its evidence was seen.
  const seenAt = new Map(
    clusters.clusters
      .filter(c => c.ageSeconds !== undefined)
      .map(c => [
        c.cluster,
        new Date(now.getTime() - c.ageSeconds! * 1000).toISOString(),
      ]),
  );
  return evidence.map(e =>
    e.cluster && seenAt.has(e.cluster)
      ? { ...e, seenAt: seenAt.get(e.cluster) }
      : e,
  );
}

/**
 * Images that run, and whether their registry answers for them, naming the
 * registry's tool where its host tells (`toolOfRegistry`).
 */
export function imageEvidence(
  images: EntityImages,
  toolOfHost?: ToolOfHost,
  toolOfRegistry?: ToolOfHost,
): CoverageEvidence[] {
  return images.images.flatMap(image => {
    const evidence: CoverageEvidence[] = [];
    const registryTool = image.registry
      ? toolOfRegistry?.(image.registry)
      : undefined;
    if (image.running.length > 0) {
      const pods = runningSummary(image.running).clusters.reduce(
        (sum, c) => sum + c.pods,
        0,
      );
      evidence.push(
        withEvidenceDetail(
          {
            source: 'cluster',
            capability: 'images',
            tool: 'oci-image',
            strength: 'full',
          },
          { kind: 'image-runs', image: image.reference, pods },
        ),
      );
    }
    if (image.current) {
      const name = `${image.registry}/${image.repository}:${image.tag}`;
      evidence.push({
        source: 'registry',
        capability: 'container-registry',
        ...(registryTool && { tool: registryTool }),
        detail: `${name} → ${image.current.digest}`,
        strength: 'full',
      });
      if (image.current.source) {
        const { revision } = image.current;
        evidence.push(
          sourceControl(
            'registry',
            image.current.source,
            address => ({
              kind: 'image-built-from',
              image: name,
              address,
              ...(revision && { revision }),
              label: 'org.opencontainers.image.source',
            }),
            toolOfHost,
          ),
        );
      }
    } else if (image.registry && image.running.length > 0) {
      // Named with the repository: a service runs several images of one host.
      evidence.push(
        withEvidenceDetail(
          {
            source: 'registry',
            capability: 'container-registry',
            ...(registryTool && { tool: registryTool }),
            strength: 'partial',
          },
          {
            kind: 'registry-not-read',
            repository: `${image.registry}/${image.repository}`,
            configured: image.registryConfigured,
          },
        ),
      );
    }
    return evidence;
  });
}

/** The tool behind a capability when the evidence names none. */
const OBSERVABILITY_TOOLS: Record<string, string | undefined> = {
  metrics: 'prometheus',
  alerting: 'alertmanager',
  visualization: 'grafana',
};

/** Telemetry that exists, counted; a link alone is partial evidence. */
export function observabilityEvidence(
  observability: Pick<EntityObservability, 'evidence'>,
): CoverageEvidence[] {
  return observability.evidence
    .filter(e => e.status !== 'none')
    .flatMap(e => {
      const fallback = OBSERVABILITY_TOOLS[e.capability];
      const tools = e.tools ?? (fallback ? [fallback] : []);
      const found = {
        source: 'observability' as const,
        capability: e.capability,
        strength:
          e.status === 'evidenced' ? ('full' as const) : ('partial' as const),
      };
      // Telemetry collected before the figures were counted has its summary.
      const evidence: CoverageEvidence = e.counts
        ? withEvidenceDetail(found, {
            kind: 'telemetry',
            capability: e.capability,
            counts: e.counts,
          })
        : { ...found, detail: e.summary };
      return tools.length > 0
        ? tools.map(tool => ({ ...evidence, tool }))
        : [evidence];
    });
}
