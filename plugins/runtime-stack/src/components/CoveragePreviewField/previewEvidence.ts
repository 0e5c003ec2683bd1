import {
  chosenOption,
  registryToolOf,
  type CoverageEvidence,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';
import { coveragePreviewMessages } from './coveragePreviewMessages';

/**
 * The platform choices of the runtime-service template that decide what the
 * new service covers, read from the form.
 */
export interface PreviewChoices {
  ingress?: {
    enabled?: boolean;
    className?: string;
    host?: string;
    tls?: boolean;
    clusterIssuer?: string;
  };
  /** `argo-cd`, `flux` or `none`. */
  gitops?: string;
  observability?: {
    serviceMonitor?: boolean;
    dashboards?: boolean;
    alertRules?: boolean;
  };
  /** `none`, `linkerd` or `istio`. */
  mesh?: string;
  /** `none` or the RuntimeClass the pods run in, e.g. `gvisor`, `kata-qemu`. */
  sandbox?: string;
  autoscaling?: { enabled?: boolean; min?: number; max?: number; cpu?: number };
  /** `github-actions` or `gitlab-ci`. */
  ci?: string;
  /** The host the repository is published to, from the RepoUrlPicker. */
  repositoryHost?: string;
  /** `owner/repo` of the repository, from the RepoUrlPicker. */
  repositorySlug?: string;
  /** `repository`, or `local` for the portal's host (the template's default). */
  publishTo?: string;
  /** `tier-1`, `tier-2` or `experimental`. */
  requirementProfile?: string;
  /** `registry/name`, without tag. */
  image?: string;
  /** The cluster it will run on, from the cluster picker. */
  cluster?: string;
  /** Its Kubernetes namespace; its name when not set. */
  namespace?: string;
  /** Its name, which its Kubernetes objects carry. */
  name?: string;
  /** The Group that will own it, as the OwnerPicker writes it. */
  owner?: string;
  /** Its System, as the EntityPicker writes it. */
  system?: string;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
const bool = (value: unknown) =>
  typeof value === 'boolean' ? value : undefined;
const num = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** Leaves out unset keys, so `{}` means "nothing chosen". */
function compact<T extends Json>(object: T): T | undefined {
  const entries = Object.entries(object).filter(([, v]) => v !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : undefined;
}

/** `owner/repo` from a RepoUrlPicker value (`github.com?owner=acme&repo=web`). */
function repositorySlugOf(repoUrl: string | undefined): string | undefined {
  const query = new URLSearchParams(repoUrl?.split('?')[1] ?? '');
  const owner = str(query.get('owner'));
  const repo = str(query.get('repo'));
  return owner && repo ? `${owner}/${repo}` : undefined;
}

/**
 * Reads the choices from the scaffolder's form data. The nested names
 * (`ingress.enabled`, `observability.serviceMonitor`, `ci`, `image`) are
 * read, and so are the flat parameter names of a template that keeps one
 * field per choice (`ingressEnabled`, `ingressClass`, `tlsEnabled`,
 * `certIssuer`, `serviceMonitor`, `autoscalingEnabled`, `ciSystem`,
 * `registryHost` + `imageName`); nested values win. The repository host is
 * read from `repoUrl` as the RepoUrlPicker writes it (`github.com?owner=…`).
 * Anything of the wrong type counts as not chosen.
 */
export function readPreviewChoices(formData: unknown): PreviewChoices {
  const data = isRecord(formData) ? formData : {};
  const ingress = isRecord(data.ingress) ? data.ingress : {};
  const observability = isRecord(data.observability) ? data.observability : {};
  const autoscaling = isRecord(data.autoscaling) ? data.autoscaling : {};

  const repoUrl = str(data.repoUrl);
  const registryHost = str(data.registryHost);
  const imageName = str(data.imageName) ?? str(data.name);
  const flatImage =
    registryHost && imageName ? `${registryHost}/${imageName}` : undefined;

  const choices: PreviewChoices = {
    ingress: compact({
      enabled: bool(ingress.enabled) ?? bool(data.ingressEnabled),
      className: str(ingress.className) ?? str(data.ingressClass),
      host: str(ingress.host) ?? str(data.ingressHost),
      tls: bool(ingress.tls) ?? bool(data.tlsEnabled),
      clusterIssuer: str(ingress.clusterIssuer) ?? str(data.certIssuer),
    }),
    gitops: str(data.gitops),
    observability: compact({
      serviceMonitor:
        bool(observability.serviceMonitor) ?? bool(data.serviceMonitor),
      dashboards: bool(observability.dashboards) ?? bool(data.dashboards),
      alertRules: bool(observability.alertRules) ?? bool(data.alertRules),
    }),
    mesh: str(data.mesh),
    sandbox: str(data.sandbox) ?? str(data.runtimeClassName),
    autoscaling: compact({
      enabled: bool(autoscaling.enabled) ?? bool(data.autoscalingEnabled),
      min: num(autoscaling.min) ?? num(data.autoscalingMin),
      max: num(autoscaling.max) ?? num(data.autoscalingMax),
      cpu: num(autoscaling.cpu) ?? num(data.autoscalingCpu),
    }),
    ci: str(data.ci) ?? str(data.ciSystem),
    repositoryHost: str(data.repositoryHost) ?? str(repoUrl?.split('?')[0]),
    repositorySlug: repositorySlugOf(repoUrl),
    publishTo: str(data.publishTo),
    requirementProfile: str(data.requirementProfile),
    image: str(data.image) ?? flatImage,
    cluster: str(data.cluster),
    namespace: str(data.namespace),
    name: str(data.name),
    owner: str(data.owner),
    system: str(data.system),
  };
  return compact(choices as Json) ?? {};
}

/**
 * The registry host of an image reference: the first path segment when it
 * looks like a host (has a dot or a port, or is localhost), else Docker Hub.
 */
export function registryHostOf(image: string): string {
  const [first, ...rest] = image.split('/');
  if (rest.length > 0 && (/[.:]/.test(first) || first === 'localhost')) {
    return first.toLowerCase();
  }
  return 'docker.io';
}

/**
 * The template's placeholder registries (`registry.example.com`, any
 * example.com, .org or .net host), as its Repository page tells them: they
 * never resolve, so CI can push no image there.
 */
const PLACEHOLDER_REGISTRY = /(^|\.)example\.(com|org|net)(:[0-9]+)?$/;

/** Whether CI could push nothing to the registry host. */
export const isPlaceholderRegistry = (host: string) =>
  PLACEHOLDER_REGISTRY.test(host);

const declared = (
  capability: string,
  tool: string | undefined,
  detail: string,
  strength: CoverageEvidence['strength'] = 'full',
): CoverageEvidence => ({
  source: 'declared',
  capability,
  ...(tool && { tool }),
  detail,
  strength,
});

/** The ClusterIssuer the template names when the form leaves it empty. */
const DEFAULT_CLUSTER_ISSUER = 'letsencrypt-prod';

const GITOPS_DETAILS: Record<string, string> = {
  'argo-cd': 'an Argo CD Application deploys the chart',
  flux: 'a Flux GitRepository and HelmRelease deploy the chart',
};

/** The layer model's tool for a sandbox's RuntimeClass, by its usual names. */
export function sandboxToolOf(runtimeClass: string): string | undefined {
  if (/^(gvisor|runsc)$/.test(runtimeClass)) return 'gvisor';
  if (/^kata(-.+)?$/.test(runtimeClass)) return 'kata-containers';
  return undefined;
}

/**
 * What the new service will show once it runs, as `declared` evidence in
 * the terms of the layer model (capability and tool ids): what the chart
 * renders for the choices, and the image CI pushes. None of it is in
 * catalog-info.yaml, so it counts for the coverage once running, never for
 * the coverage when registered. Tools are those the template declares and
 * the backend's own evidence uses (metrics=prometheus,
 * alerting=alertmanager, visualization=grafana); the chart's probes and
 * limits on its one container cover health as on the entity page, where a
 * disruption budget or an autoscaler only helps. An image bound for a placeholder registry is partial:
 * CI can push it nowhere.
 */
export function previewEvidence(choices: PreviewChoices): CoverageEvidence[] {
  const evidence: CoverageEvidence[] = [
    // What the chart renders whatever the choices.
    declared('workloads', 'deployment', "the chart's Deployment"),
    declared(
      'health',
      'liveness-probe',
      "the chart's Deployment has a liveness probe",
    ),
    declared(
      'health',
      'readiness-probe',
      "the chart's Deployment has a readiness probe",
    ),
    declared(
      'health',
      'resource-limits',
      "the chart's Deployment sets resource requests and limits",
    ),
    declared(
      'health',
      'pod-disruption-budget',
      "the chart's PodDisruptionBudget",
      'partial',
    ),
    declared(
      'policy',
      'kubernetes-network-policy',
      "the chart's NetworkPolicy admits only the namespace, the ingress controller and monitoring",
    ),
    declared(
      'package-management',
      'helm',
      'the service is deployed as a Helm chart',
    ),
  ];

  const { ingress, observability, autoscaling } = choices;
  if (autoscaling?.enabled) {
    const range =
      autoscaling.min !== undefined && autoscaling.max !== undefined
        ? ` (${autoscaling.min}–${autoscaling.max} replicas${
            autoscaling.cpu !== undefined ? ` at ${autoscaling.cpu}% CPU` : ''
          })`
        : '';
    evidence.push(
      declared(
        'health',
        'horizontal-pod-autoscaler',
        `the chart's HorizontalPodAutoscaler${range}`,
        'partial',
      ),
    );
  }

  if (choices.image) {
    const host = registryHostOf(choices.image);
    evidence.push(
      declared('images', 'oci-image', `image ${choices.image}`),
      isPlaceholderRegistry(host)
        ? declared(
            'container-registry',
            undefined,
            `${host} is a placeholder: CI can push ${choices.image} nowhere`,
            'partial',
          )
        : declared(
            'container-registry',
            registryToolOf(host),
            `CI pushes ${choices.image} to ${host}`,
          ),
    );
  }

  if (ingress?.enabled) {
    const host = ingress.host ? ` for ${ingress.host}` : '';
    evidence.push(
      declared(
        'service-proxy',
        ingress.className,
        `an Ingress${host}${
          ingress.className ? ` of class ${ingress.className}` : ''
        }`,
        ingress.className ? 'full' : 'partial',
      ),
    );
    if (ingress.tls) {
      const issuer = ingress.clusterIssuer ?? DEFAULT_CLUSTER_ISSUER;
      evidence.push(
        declared(
          'certificate-management',
          'cert-manager',
          `cert-manager issues the TLS certificate (ClusterIssuer ${issuer})`,
        ),
      );
    }
  }

  const gitops = chosenOption(choices.gitops);
  if (gitops) {
    evidence.push(
      declared(
        'gitops',
        gitops,
        GITOPS_DETAILS[gitops] ?? `${gitops} deploys the chart`,
      ),
    );
  }

  const mesh = chosenOption(choices.mesh);
  if (mesh) {
    evidence.push(
      declared(
        'service-mesh',
        mesh,
        `${mesh} sidecars are injected into the pods`,
      ),
    );
  }

  const sandbox = chosenOption(choices.sandbox);
  if (sandbox) {
    const tool = sandboxToolOf(sandbox);
    evidence.push(
      declared(
        'container-runtime',
        tool,
        `the pods run in the ${sandbox} RuntimeClass`,
        tool ? 'full' : 'partial',
      ),
    );
  }

  // The chart renders alerting rules and the dashboard only beside the
  // ServiceMonitor: without its metrics they would alert and show nothing.
  if (observability?.serviceMonitor) {
    evidence.push(
      declared(
        'metrics',
        'prometheus',
        'a ServiceMonitor has Prometheus scrape /metrics',
      ),
    );
  }
  if (observability?.serviceMonitor && observability.alertRules) {
    evidence.push(
      declared(
        'alerting',
        'alertmanager',
        'a PrometheusRule alerts on errors, latency and availability through Alertmanager',
      ),
    );
  }
  if (observability?.serviceMonitor && observability.dashboards) {
    evidence.push(
      declared('visualization', 'grafana', 'a Grafana dashboard ConfigMap'),
    );
  }

  const ci = chosenOption(choices.ci);
  if (ci) {
    evidence.push(
      declared('ci-cd', ci, `a ${ci} pipeline builds and pushes the image`),
    );
  }
  return evidence;
}

/** A capability the form can close, with its hint among the messages. */
type FormHint = keyof typeof coveragePreviewMessages.formHints;

const hasFormHint = (capability: string): capability is FormHint =>
  Object.hasOwn(coveragePreviewMessages.formHints, capability);

/**
 * The hint for a gap in the preview: the form choice that closes it, else
 * the coverage engine's own hint (declare a tool, ask the platform team).
 */
export function previewHint(
  t: RuntimeStackT,
  capability: string,
  engineHint?: string,
): string {
  if (hasFormHint(capability)) {
    return t(`coveragePreview.formHints.${capability}`);
  }
  return engineHint ?? t('coveragePreview.notCoveredHint');
}
