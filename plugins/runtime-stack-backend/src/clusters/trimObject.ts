import type { ClusterObject } from '@internal/backstage-plugin-runtime-stack-common';
import type { JsonObject, JsonValue } from '@backstage/types';

// Annotations that repeat the whole object, env values included: kubectl's
// client-side apply, kapp's and Rancher's (gzipped) copies of what they
// applied.
const DROPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'kapp.k14s.io/original',
  'objectset.rio.cattle.io/applied',
]);

const CONTAINER_LISTS = new Set([
  'containers',
  'initContainers',
  'ephemeralContainers',
]);

const isObject = (value: unknown): value is JsonObject =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/**
 * An environment in the shape of a container's, `[{ name, value }]`, which
 * is also how Argo Workflows templates, Tekton steps and Argo CD plugins
 * take theirs. Nothing reads environments, not even their names.
 */
const isEnvList = (value: unknown): boolean =>
  Array.isArray(value) &&
  value.every(item => isObject(item) && typeof item.name === 'string');

/**
 * The value with `env` and `envFrom` removed from every container list at
 * any depth: a Pod's spec, a workload's `template`, a CronJob's
 * `jobTemplate`, and the pod templates custom resources embed wherever they
 * like (Argo Rollouts, Knative, operators' own kinds); and with every other
 * `env` list removed too, for the kinds that run containers without a
 * container list (a Workflow template's `container`, a Task's `steps`).
 */
function withoutContainerEnv(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutContainerEnv);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, child]) => {
      if (key === 'env' && isEnvList(child)) return [];
      if (CONTAINER_LISTS.has(key) && Array.isArray(child)) {
        return [
          [
            key,
            child.map(container => {
              if (!isObject(container)) return container;
              const { env, envFrom, ...rest } = container;
              return withoutContainerEnv(rest);
            }),
          ],
        ];
      }
      return [[key, withoutContainerEnv(child)]];
    }),
  );
}

/**
 * What an Argo CD source says about where the manifests come from. Helm
 * values and parameters, plugin environments and parameters, Jsonnet
 * variables and Kustomize patches are where values, passwords included, are
 * inlined, so only named fields are kept rather than what is left over.
 */
const ARGO_SOURCE_FIELDS = [
  'repoURL',
  'path',
  'targetRevision',
  'chart',
  'ref',
  'name',
];
const ARGO_SOURCE_TOOL_FIELDS: Record<string, string[]> = {
  helm: ['releaseName', 'valueFiles', 'version', 'namespace'],
  kustomize: ['namePrefix', 'nameSuffix', 'namespace', 'images', 'version'],
  directory: ['recurse', 'include', 'exclude'],
  plugin: ['name'],
};

function argoSource(source: unknown): unknown {
  if (!isObject(source)) return source;
  const kept = settingsOf(source, ARGO_SOURCE_FIELDS);
  for (const [tool, fields] of Object.entries(ARGO_SOURCE_TOOL_FIELDS)) {
    const settings = source[tool];
    if (isObject(settings)) kept[tool] = settingsOf(settings, fields);
  }
  return kept;
}

/**
 * An Argo CD Application, or an ApplicationSet's template, with every copy
 * of its sources trimmed: the spec's, and those status repeats in
 * `sync.comparedTo`, `history` and `operationState` (the operation and its
 * result). A sync operation's `manifests` are rendered objects, Secrets
 * possibly among them.
 */
function withArgoSourcesTrimmed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withArgoSourcesTrimmed);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, child]) => {
      if (key === 'manifests') return [];
      if (key === 'source') return [[key, argoSource(child)]];
      if (key === 'sources' && Array.isArray(child)) {
        return [[key, child.map(argoSource)]];
      }
      return [[key, withArgoSourcesTrimmed(child)]];
    }),
  );
}

/**
 * The values a generator hands the template (a list's elements, a plugin's
 * input, the values of any generator), dropped however deep a matrix or
 * merge nests them: they are written inline, credentials among them.
 */
const GENERATOR_VALUE_KEYS = new Set([
  'elements',
  'elementsYaml',
  'input',
  'values',
]);

function withoutGeneratorValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutGeneratorValues);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !GENERATOR_VALUE_KEYS.has(key))
      .map(([key, child]) => [key, withoutGeneratorValues(child)]),
  );
}

const isArgoCd = (raw: any) =>
  (raw.kind === 'Application' || raw.kind === 'ApplicationSet') &&
  typeof raw.apiVersion === 'string' &&
  raw.apiVersion.startsWith('argoproj.io/');

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
 * status, without managed fields, without the annotations that copy the
 * object, and without what secrets are often inlined in: environments
 * anywhere in spec or status, a HelmRelease's values and post-renderers, a
 * Flux Kustomization's inline patches and substitutions, a k3s HelmChart's
 * values, an Argo CD Application's Helm values and parameters and plugin
 * environments wherever its sources are repeated, and the values an
 * ApplicationSet's generators hand its template.
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
    if (raw.kind === 'HelmRelease') {
      // The chart's values, passwords often among them, and post-renderers'
      // inline patches; valuesFrom only names the ConfigMaps and Secrets
      // they are read from, and stays.
      const { values, postRenderers, ...rest } = spec;
      spec = rest;
    } else if (
      raw.kind === 'Kustomization' &&
      raw.apiVersion?.startsWith('kustomize.toolkit.fluxcd.io/')
    ) {
      // Inline patches and substitution variables hold values as written;
      // substituteFrom only names where they are read from.
      const { patches, postBuild, ...rest } = spec;
      const substituteFrom = (postBuild as JsonObject | undefined)
        ?.substituteFrom;
      spec = substituteFrom ? { ...rest, postBuild: { substituteFrom } } : rest;
    } else if (
      raw.kind === 'HelmChart' &&
      raw.apiVersion?.startsWith('helm.cattle.io/')
    ) {
      // k3s and RKE2's Helm controller: the chart's values, inline as YAML
      // or as --set pairs; valuesSecrets only names where they are read from.
      const { valuesContent, set, ...rest } = spec;
      spec = rest;
    }
    spec = withoutContainerEnv(spec) as JsonObject;
  }
  // Status repeats specs too: a TaskRun's `taskSpec`, a Workflow's
  // `storedTemplates`.
  let status = raw.status
    ? (withoutContainerEnv(raw.status) as JsonObject)
    : undefined;
  if (isArgoCd(raw)) {
    if (spec && raw.kind === 'ApplicationSet' && spec.generators) {
      spec = {
        ...spec,
        generators: withoutGeneratorValues(spec.generators) as JsonValue,
      };
    }
    spec = spec && (withArgoSourcesTrimmed(spec) as JsonObject);
    status = status && (withArgoSourcesTrimmed(status) as JsonObject);
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
    ...(status ? { status } : {}),
  };
}
