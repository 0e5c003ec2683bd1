/** A listable Kubernetes resource. */
export interface ResourceType {
  group: string; // '' for the core group
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
}

const core = (
  plural: string,
  kind: string,
  namespaced = true,
): ResourceType => ({
  group: '',
  version: 'v1',
  plural,
  kind,
  namespaced,
});
const grouped = (
  group: string,
  version: string,
  plural: string,
  kind: string,
  namespaced = true,
): ResourceType => ({ group, version, plural, kind, namespaced });

export const apiVersionOf = (r: ResourceType) =>
  r.group ? `${r.group}/${r.version}` : r.version;

export const pathOf = (r: ResourceType) =>
  r.group ? `/apis/${r.group}/${r.version}/${r.plural}` : `/api/v1/${r.plural}`;

/**
 * What every collection reads. Secrets and ConfigMaps are never listed:
 * nothing here needs their data, and Secret data must never be read.
 */
export const BUILT_IN_RESOURCES: ResourceType[] = [
  core('namespaces', 'Namespace', false),
  core('nodes', 'Node', false),
  core('pods', 'Pod'),
  core('services', 'Service'),
  core('persistentvolumeclaims', 'PersistentVolumeClaim'),
  grouped('apps', 'v1', 'deployments', 'Deployment'),
  grouped('apps', 'v1', 'replicasets', 'ReplicaSet'),
  grouped('apps', 'v1', 'statefulsets', 'StatefulSet'),
  grouped('apps', 'v1', 'daemonsets', 'DaemonSet'),
  grouped('batch', 'v1', 'jobs', 'Job'),
  grouped('batch', 'v1', 'cronjobs', 'CronJob'),
  grouped('networking.k8s.io', 'v1', 'ingresses', 'Ingress'),
  grouped('networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false),
  grouped('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy'),
  grouped(
    'autoscaling',
    'v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
  ),
  grouped('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget'),
  grouped('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false),
  grouped('storage.k8s.io', 'v1', 'csidrivers', 'CSIDriver', false),
  grouped('node.k8s.io', 'v1', 'runtimeclasses', 'RuntimeClass', false),
];

export const CRD_RESOURCE = grouped(
  'apiextensions.k8s.io',
  'v1',
  'customresourcedefinitions',
  'CustomResourceDefinition',
  false,
);

/**
 * Custom resources of platform tools that say something about a service:
 * collected when the cluster has their CRD. Plural `*` stands for every
 * resource of the group.
 */
export const TOOL_CUSTOM_RESOURCES: Array<{ group: string; plural: string }> = [
  { group: 'monitoring.coreos.com', plural: 'servicemonitors' },
  { group: 'monitoring.coreos.com', plural: 'podmonitors' },
  { group: 'monitoring.coreos.com', plural: 'prometheusrules' },
  { group: 'cert-manager.io', plural: 'certificates' },
  { group: 'cert-manager.io', plural: 'clusterissuers' },
  { group: 'cert-manager.io', plural: 'issuers' },
  { group: 'argoproj.io', plural: 'applications' },
  { group: 'kustomize.toolkit.fluxcd.io', plural: 'kustomizations' },
  { group: 'helm.toolkit.fluxcd.io', plural: 'helmreleases' },
  { group: 'velero.io', plural: 'schedules' },
  { group: 'kyverno.io', plural: 'clusterpolicies' },
  { group: 'kyverno.io', plural: 'policies' },
  // Every Gatekeeper constraint template makes a kind of its own in this group.
  { group: 'constraints.gatekeeper.sh', plural: '*' },
  { group: 'networking.istio.io', plural: 'virtualservices' },
  { group: 'gateway.networking.k8s.io', plural: 'httproutes' },
  { group: 'gateway.networking.k8s.io', plural: 'gateways' },
  // Trivy Operator's scan results; stored as their summary only.
  { group: 'aquasecurity.github.io', plural: 'vulnerabilityreports' },
];

/** `plural.group`, the way CRDs are named and resources are configured. */
export const resourceName = (r: { plural: string; group: string }) =>
  r.group ? `${r.plural}.${r.group}` : r.plural;

/**
 * The wanted custom resources this cluster serves, read off its CRDs, each
 * in its served storage version.
 */
export function customResourcesFromCrds(
  crds: any[],
  wanted: Set<string>,
): ResourceType[] {
  return crds.flatMap(crd => {
    const spec = crd.spec ?? {};
    const id = `${spec.names?.plural}.${spec.group}`;
    if (!wanted.has(id) && !wanted.has(`*.${spec.group}`)) return [];
    const versions: any[] = spec.versions ?? [];
    const version =
      versions.find(v => v.served && v.storage) ?? versions.find(v => v.served);
    if (!version) return [];
    return [
      grouped(
        spec.group,
        version.name,
        spec.names.plural,
        spec.names.kind,
        spec.scope !== 'Cluster',
      ),
    ];
  });
}
