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
  type HealthCheckTool,
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

/** A probe or limit that keeps a workload healthy, as the layer model names it. */
interface HealthCheck {
  tool: HealthCheckTool;
  /** Asked only of workloads that keep running. */
  probe: boolean;
  has: (container: any) => boolean;
}

const HEALTH_CHECKS: HealthCheck[] = [
  {
    tool: 'liveness-probe',
    probe: true,
    has: c => Boolean(c.livenessProbe),
  },
  {
    tool: 'readiness-probe',
    probe: true,
    has: c => Boolean(c.readinessProbe),
  },
  {
    // Requests too, as the capability asks: Kubernetes sets a pod's
    // requests to its limits where none are given. An empty map limits
    // nothing.
    tool: 'resource-limits',
    probe: false,
    has: c => Object.keys(c.resources?.limits ?? {}).length > 0,
  },
];

/**
 * Workloads that run to completion: no traffic waits on their readiness and
 * no rollout replaces them, so only their limits are asked for.
 */
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);

/**
 * Proxies a service mesh (or Dapr) injects beside the service's own
 * containers, by the names their injectors give them: the mesh owns their
 * health (Istio's has no liveness probe), so they are not the service's to
 * answer for.
 */
const MESH_SIDECARS = new Set([
  'istio-proxy',
  'linkerd-proxy',
  'consul-dataplane',
  'daprd',
]);

/** What a workload's containers show of each health check. */
interface WorkloadHealth {
  /** Tools every container has. */
  present: string[];
  /**
   * Checks the workload is asked for, with the containers that lack them;
   * `used` when another of its containers has it.
   */
  lacking: Array<{ check: HealthCheck; containers: string[]; used: boolean }>;
}

/** Undefined for a workload without containers: there is nothing to judge. */
function healthOfWorkload(object: ClusterObject): WorkloadHealth | undefined {
  const containers = ((podSpecOf(object)?.containers ?? []) as any[]).filter(
    c => !MESH_SIDECARS.has(c?.name),
  );
  if (containers.length === 0) return undefined;
  const asked = RUN_TO_COMPLETION.has(object.kind)
    ? HEALTH_CHECKS.filter(check => !check.probe)
    : HEALTH_CHECKS;
  // Each check once: which containers lack it.
  const lackedBy = new Map(
    HEALTH_CHECKS.map(check => [
      check,
      containers.filter(c => !check.has(c)).map(c => String(c.name)),
    ]),
  );
  return {
    present: HEALTH_CHECKS.filter(
      check => lackedBy.get(check)!.length === 0,
    ).map(check => check.tool),
    lacking: asked.flatMap(check => {
      const names = lackedBy.get(check)!;
      return names.length === 0
        ? []
        : [
            {
              check,
              containers: names,
              used: names.length < containers.length,
            },
          ];
    }),
  };
}

/**
 * Health is one question for the whole service: only probes and limits on
 * every workload it runs, on every cluster, answer it fully. Each piece on
 * its own (one workload's probes, an autoscaler, a disruption budget) is
 * partial. `tools`: those some container of some workload has.
 */
function serviceHealth(
  clusters: Pick<EntityClusters, 'clusters'>,
  objects: Map<string, ClusterObject[]>,
): { healthy: boolean; tools: Set<string> } {
  const judged = clusters.clusters.flatMap(view =>
    (objects.get(view.cluster) ?? []).flatMap(object => {
      const health = WORKLOAD_TOOLS[object.kind] && healthOfWorkload(object);
      return health ? [health] : [];
    }),
  );
  return {
    healthy: judged.length > 0 && judged.every(h => h.lacking.length === 0),
    tools: new Set(
      judged.flatMap(h => [
        ...h.present,
        ...h.lacking.filter(l => l.used).map(l => l.check.tool),
      ]),
    ),
  };
}

/**
 * The health evidence of one workload: each probe or limit every container
 * has, and each one asked for that some container lacks. A lack is told
 * only under a tool some container shows: a tool named on evidence counts
 * among the service's tools and confirms a declaration of it.
 */
function workloadHealthEvidence(
  health: WorkloadHealth,
  found: (tool: string) => Omit<CoverageEvidence, 'detail'>,
  where: string,
  shownTools: ReadonlySet<string>,
): CoverageEvidence[] {
  return [
    ...health.present.map(tool =>
      withEvidenceDetail(found(tool), {
        kind: 'every-container',
        object: where,
      }),
    ),
    ...health.lacking
      .filter(lack => shownTools.has(lack.check.tool))
      .map(lack =>
        withEvidenceDetail(
          { ...found(lack.check.tool), strength: 'partial' as const },
          {
            kind: 'containers-lack',
            object: where,
            containers: lack.containers,
            check: lack.check.tool,
          },
        ),
      ),
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
  const { healthy, tools: healthTools } = serviceHealth(clusters, objects);
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
        const health = healthOfWorkload(object);
        if (health) {
          evidence.push(
            ...workloadHealthEvidence(
              health,
              tool => ({
                source: 'cluster',
                capability: 'health',
                tool,
                cluster: view.cluster,
                strength: healthy ? 'full' : 'partial',
              }),
              where,
              healthTools,
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
          // It helps a service with probes and limits; it stands in for none.
          strength: 'partial',
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
      // A reference pinned by digest alone is named by the tag found to
      // point at it, else by the digest.
      const tag = image.tag || image.current.tag;
      const name = `${image.registry}/${image.repository}${
        tag ? `:${tag}` : `@${image.current.digest}`
      }`;
      evidence.push({
        source: 'registry',
        capability: 'container-registry',
        ...(registryTool && { tool: registryTool }),
        detail: tag ? `${name} → ${image.current.digest}` : name,
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
          // The registry answered, and lacks the digest pinned: said so,
          // not as a registry still to read.
          image.digestNotInRegistry && image.digest
            ? {
                kind: 'digest-not-in-registry',
                repository: `${image.registry}/${image.repository}`,
                digest: image.digest,
              }
            : {
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
