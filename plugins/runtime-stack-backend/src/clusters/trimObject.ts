import type { ClusterObject } from '@internal/backstage-plugin-runtime-stack-common';
import type { JsonObject } from '@backstage/types';

// Annotations that repeat the whole object, env values included.
const DROPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
]);

const CONTAINER_LISTS = new Set([
  'containers',
  'initContainers',
  'ephemeralContainers',
]);

/**
 * The value with `env` and `envFrom` removed from every container list at
 * any depth: a Pod's spec, a workload's `template`, a CronJob's
 * `jobTemplate`, and the pod templates custom resources embed wherever they
 * like (Argo Rollouts, Knative, operators' own kinds).
 */
function withoutContainerEnv(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutContainerEnv);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as JsonObject).map(([key, child]) => {
      if (CONTAINER_LISTS.has(key) && Array.isArray(child)) {
        return [
          key,
          child.map(container => {
            if (!container || typeof container !== 'object') return container;
            const { env, envFrom, ...rest } = container as JsonObject;
            return withoutContainerEnv(rest);
          }),
        ];
      }
      return [key, withoutContainerEnv(child)];
    }),
  );
}

/**
 * Kinds that keep their settings at the top level rather than under spec;
 * the collector keeps them under spec so every stored object has the same
 * shape. A RuntimeClass's are its CRI handler and the pod overhead and node
 * scheduling a sandboxed runtime brings.
 */
const TOP_LEVEL_SETTINGS: Record<string, string[]> = {
  StorageClass: [
    'provisioner',
    'parameters',
    'reclaimPolicy',
    'volumeBindingMode',
  ],
  RuntimeClass: ['handler', 'overhead', 'scheduling'],
};

/** The keys of `source` that are set, as a spec. */
function settingsOf(source: JsonObject, keys: string[]): JsonObject {
  return Object.fromEntries(
    keys
      .filter(key => source[key] !== undefined && source[key] !== null)
      .map(key => [key, source[key]]),
  ) as JsonObject;
}

/**
 * What is worth keeping of an object: identity, labels, annotations, spec and
 * status, without managed fields, without the last-applied copy and without
 * container environments anywhere in the spec, where secrets are often
 * inlined.
 */
export function trimObject(raw: any): ClusterObject {
  const metadata = raw.metadata ?? {};
  const annotations = Object.fromEntries(
    Object.entries(
      (metadata.annotations ?? {}) as Record<string, string>,
    ).filter(([key]) => !DROPPED_ANNOTATIONS.has(key)),
  );
  let spec = raw.spec as JsonObject | undefined;
  if (spec && raw.kind === 'CustomResourceDefinition') {
    // What detection needs; the schemas are large and say nothing about tools.
    const versions = (spec.versions as JsonObject[] | undefined) ?? [];
    spec = {
      group: spec.group,
      names: spec.names,
      scope: spec.scope,
      versions: versions.map(v => ({
        name: v.name,
        served: v.served,
        storage: v.storage,
      })),
    } as JsonObject;
  } else if (raw.kind in TOP_LEVEL_SETTINGS) {
    spec = settingsOf(raw, TOP_LEVEL_SETTINGS[raw.kind]);
  } else if (
    raw.kind === 'VulnerabilityReport' &&
    raw.apiVersion?.startsWith('aquasecurity.github.io/')
  ) {
    // The report is top-level too. Its vulnerability list runs to hundreds
    // of entries per image; what is scanned, by what, when and the counts
    // by severity are what a service's page shows.
    spec = settingsOf(raw.report ?? {}, [
      'artifact',
      'registry',
      'scanner',
      'summary',
      'updateTimestamp',
    ]);
  } else if (spec) {
    spec = withoutContainerEnv(spec) as JsonObject;
  }
  return {
    apiVersion: raw.apiVersion,
    kind: raw.kind,
    metadata: {
      name: metadata.name,
      ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
      ...(metadata.uid ? { uid: metadata.uid } : {}),
      ...(metadata.labels ? { labels: metadata.labels } : {}),
      ...(Object.keys(annotations).length ? { annotations } : {}),
      ...(metadata.ownerReferences
        ? {
            ownerReferences: metadata.ownerReferences.map((o: any) => ({
              apiVersion: o.apiVersion,
              kind: o.kind,
              name: o.name,
              uid: o.uid,
            })),
          }
        : {}),
      ...(metadata.creationTimestamp
        ? { creationTimestamp: metadata.creationTimestamp }
        : {}),
      ...(metadata.resourceVersion
        ? { resourceVersion: metadata.resourceVersion }
        : {}),
    },
    ...(spec ? { spec } : {}),
    ...(raw.status ? { status: raw.status } : {}),
  };
}
