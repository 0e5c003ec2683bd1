import type { KubeObject } from './types';

/** One resource the server serves at one group version. */
export interface ResourceType {
  group: string; // '' for the core group
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  /** Custom resources are listed with kind and apiVersion on every item, built-ins are not. */
  custom: boolean;
}

const builtIn = (
  apiVersion: string,
  plural: string,
  kind: string,
  namespaced: boolean,
  shortNames?: string[],
): ResourceType => {
  const { group, version } = splitApiVersion(apiVersion);
  return {
    group,
    version,
    plural,
    singular: kind.toLowerCase(),
    kind,
    namespaced,
    shortNames,
    custom: false,
  };
};

export const BUILT_IN_RESOURCES: readonly ResourceType[] = [
  builtIn('v1', 'namespaces', 'Namespace', false, ['ns']),
  builtIn('v1', 'nodes', 'Node', false, ['no']),
  builtIn('v1', 'pods', 'Pod', true, ['po']),
  builtIn('v1', 'services', 'Service', true, ['svc']),
  builtIn('v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, [
    'pvc',
  ]),
  builtIn('v1', 'configmaps', 'ConfigMap', true, ['cm']),
  builtIn('v1', 'secrets', 'Secret', true),
  // Read by the Kubernetes plugin for every service's namespace.
  builtIn('v1', 'limitranges', 'LimitRange', true, ['limits']),
  builtIn('v1', 'resourcequotas', 'ResourceQuota', true, ['quota']),
  builtIn('apps/v1', 'deployments', 'Deployment', true, ['deploy']),
  builtIn('apps/v1', 'replicasets', 'ReplicaSet', true, ['rs']),
  builtIn('apps/v1', 'statefulsets', 'StatefulSet', true, ['sts']),
  builtIn('apps/v1', 'daemonsets', 'DaemonSet', true, ['ds']),
  builtIn('batch/v1', 'jobs', 'Job', true),
  builtIn('batch/v1', 'cronjobs', 'CronJob', true, ['cj']),
  builtIn('networking.k8s.io/v1', 'ingresses', 'Ingress', true, ['ing']),
  builtIn('networking.k8s.io/v1', 'ingressclasses', 'IngressClass', false),
  builtIn('networking.k8s.io/v1', 'networkpolicies', 'NetworkPolicy', true, [
    'netpol',
  ]),
  builtIn(
    'autoscaling/v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
    ['hpa'],
  ),
  builtIn('policy/v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, [
    'pdb',
  ]),
  builtIn('storage.k8s.io/v1', 'storageclasses', 'StorageClass', false, ['sc']),
  builtIn('storage.k8s.io/v1', 'csidrivers', 'CSIDriver', false),
  builtIn('node.k8s.io/v1', 'runtimeclasses', 'RuntimeClass', false),
  builtIn(
    'apiextensions.k8s.io/v1',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    false,
    ['crd', 'crds'],
  ),
];

export const CRD_GROUP = 'apiextensions.k8s.io';
export const CRD_KIND = 'CustomResourceDefinition';

export function splitApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : {
        group: apiVersion.slice(0, slash),
        version: apiVersion.slice(slash + 1),
      };
}

export const joinApiVersion = (group: string, version: string) =>
  group ? `${group}/${version}` : version;

/**
 * Objects of one kind live together whatever version they were written in,
 * as in etcd, so a custom resource can be read at any served version.
 */
export const kindKey = (group: string, kind: string) => `${group}/${kind}`;

const pathKey = (group: string, version: string, plural: string) =>
  `${group}/${version}/${plural}`;

export interface GroupVersions {
  group: string;
  versions: string[];
  preferredVersion: string;
}

/**
 * The resources served right now: the built-ins plus whatever the stored
 * CRDs define. A custom resource is only reachable while its CRD exists.
 */
export class ResourceRegistry {
  private readonly builtIns = new Map<string, ResourceType>();
  private readonly builtInScopeByKind = new Map<string, boolean>();
  private readonly crds = new Map<string, ResourceType[]>();

  constructor() {
    for (const resource of BUILT_IN_RESOURCES) {
      this.builtIns.set(
        pathKey(resource.group, resource.version, resource.plural),
        resource,
      );
      this.builtInScopeByKind.set(
        kindKey(resource.group, resource.kind),
        resource.namespaced,
      );
    }
  }

  resolve(
    group: string,
    version: string,
    plural: string,
  ): ResourceType | undefined {
    const builtInResource = this.builtIns.get(pathKey(group, version, plural));
    if (builtInResource) {
      return builtInResource;
    }
    for (const resources of this.crds.values()) {
      const found = resources.find(
        r => r.group === group && r.version === version && r.plural === plural,
      );
      if (found) {
        return found;
      }
    }
    return undefined;
  }

  /** Whether objects of this kind live in namespaces; undefined when no resource serves the kind. */
  isNamespaced(group: string, kind: string): boolean | undefined {
    const key = kindKey(group, kind);
    const builtInScope = this.builtInScopeByKind.get(key);
    if (builtInScope !== undefined) {
      return builtInScope;
    }
    for (const resources of this.crds.values()) {
      const found = resources.find(r => kindKey(r.group, r.kind) === key);
      if (found) {
        return found.namespaced;
      }
    }
    return undefined;
  }

  defineFromCrd(crd: KubeObject): void {
    this.crds.set(crd.metadata.name, resourcesOfCrd(crd));
  }

  forgetCrd(name: string): void {
    this.crds.delete(name);
  }

  /** Every resource, for discovery. */
  all(): ResourceType[] {
    return [...this.builtIns.values(), ...[...this.crds.values()].flat()];
  }

  /** The API groups (not the core group) with their versions, for discovery. */
  groups(): GroupVersions[] {
    const byGroup = new Map<string, GroupVersions>();
    for (const resource of this.all()) {
      if (!resource.group) {
        continue;
      }
      let entry = byGroup.get(resource.group);
      if (!entry) {
        entry = {
          group: resource.group,
          versions: [],
          preferredVersion: resource.version,
        };
        byGroup.set(resource.group, entry);
      }
      if (!entry.versions.includes(resource.version)) {
        entry.versions.push(resource.version);
      }
    }
    return [...byGroup.values()];
  }
}

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: {
    plural?: string;
    singular?: string;
    kind?: string;
    shortNames?: string[];
  };
  versions?: Array<{ name?: string; served?: boolean; storage?: boolean }>;
}

function resourcesOfCrd(crd: KubeObject): ResourceType[] {
  const spec = (crd.spec ?? {}) as CrdSpec;
  const { group, names } = spec;
  if (!group || !names?.plural || !names.kind) {
    return [];
  }
  const served = (spec.versions ?? []).filter(v => v.served && v.name);
  // Discovery lists the storage version first, which makes it the preferred one.
  served.sort((a, b) => Number(!!b.storage) - Number(!!a.storage));
  return served.map(v => ({
    group,
    version: v.name!,
    plural: names.plural!,
    singular: names.singular ?? names.kind!.toLowerCase(),
    kind: names.kind!,
    namespaced: spec.scope !== 'Cluster',
    shortNames: names.shortNames,
    custom: true,
  }));
}
