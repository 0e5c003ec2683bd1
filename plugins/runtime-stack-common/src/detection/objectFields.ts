import type { ClusterObject } from '../cluster/clusterObjects';
import type { DetectionEvidence } from './types';

/**
 * A plain JSON object, as found inside spec and status.
 *
 * @public
 */
export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a property path, or undefined when any step is missing. */
export function valueAt(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const step of path) {
    if (!isRecord(current)) {
      return undefined;
    }
    current = current[step];
  }
  return current;
}

export function stringAt(
  root: unknown,
  path: readonly string[],
): string | undefined {
  const value = valueAt(root, path);
  return typeof value === 'string' ? value : undefined;
}

export function recordsAt(
  root: unknown,
  path: readonly string[],
): JsonRecord[] {
  const value = valueAt(root, path);
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function stringsAt(root: unknown, path: readonly string[]): string[] {
  const value = valueAt(root, path);
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** `cert-manager.io` for `cert-manager.io/v1`, `''` for the core group. */
export function apiGroupOf(object: ClusterObject): string {
  const slash = object.apiVersion.lastIndexOf('/');
  return slash === -1 ? '' : object.apiVersion.slice(0, slash);
}

export function evidenceOf(
  object: ClusterObject,
  field: string,
  value: string,
): DetectionEvidence {
  return {
    kind: object.kind,
    apiVersion: object.apiVersion,
    ...(object.metadata.namespace
      ? { namespace: object.metadata.namespace }
      : {}),
    name: object.metadata.name,
    field,
    value,
  };
}

/** Where each kind keeps its pod spec; the key order is the lookup order. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/**
 * The kinds a person writes pod templates in, without their copies.
 *
 * @public
 */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
]);

export const POD_BEARING_KINDS: ReadonlySet<string> = new Set(
  Object.keys(POD_SPEC_PATHS),
);

/**
 * The pod spec of a Pod, or the pod template's spec of a workload (for a
 * CronJob, of its job template).
 *
 * @public
 */
export function podSpecOf(object: ClusterObject): JsonRecord | undefined {
  const path = POD_SPEC_PATHS[object.kind];
  const spec = path ? valueAt(object, path) : undefined;
  return isRecord(spec) ? spec : undefined;
}

/**
 * A string field of the pod spec and where it was read, e.g.
 * `spec.template.spec.runtimeClassName` on a Deployment.
 */
export function podSpecFieldOf(
  object: ClusterObject,
  key: string,
): { field: string; value: string } | undefined {
  const path = POD_SPEC_PATHS[object.kind];
  const value = path ? stringAt(object, [...path, key]) : undefined;
  return path && value !== undefined
    ? { field: [...path, key].join('.'), value }
    : undefined;
}

/**
 * Whether a workload's template is running: a ReplicaSet or Job counts
 * while it has pods (an old ReplicaSet halfway through a rollout), not once
 * it has scaled to nothing or finished. Other objects count.
 *
 * @public
 */
export function hasRunningPods(object: ClusterObject): boolean {
  if (object.kind === 'ReplicaSet') {
    return Number(valueAt(object, ['status', 'replicas'])) > 0;
  }
  if (object.kind === 'Job') {
    return Number(valueAt(object, ['status', 'active'])) > 0;
  }
  return true;
}

export interface ContainerRef {
  /** Path of the container, e.g. `spec.template.spec.containers[0]`. */
  path: string;
  name?: string;
  image?: string;
}

/** Containers and init containers of a Pod or of a workload's pod template. */
export function containersOf(object: ClusterObject): ContainerRef[] {
  const specPath = POD_SPEC_PATHS[object.kind];
  if (!specPath) {
    return [];
  }
  return ['containers', 'initContainers'].flatMap(list =>
    recordsAt(object, [...specPath, list]).map((container, index) => ({
      path: `${specPath.join('.')}.${list}[${index}]`,
      name: typeof container.name === 'string' ? container.name : undefined,
      image: typeof container.image === 'string' ? container.image : undefined,
    })),
  );
}

export interface PodLabels {
  object: ClusterObject;
  /** `metadata.labels` for Pods, the pod template's labels for workloads. */
  field: string;
  labels: Record<string, string>;
}

/** The labels the pods of a Pod or workload carry, which selectors match. */
export function podLabelsOf(object: ClusterObject): PodLabels | undefined {
  if (object.kind === 'Pod') {
    return {
      object,
      field: 'metadata.labels',
      labels: object.metadata.labels ?? {},
    };
  }
  const specPath = POD_SPEC_PATHS[object.kind];
  if (!specPath) {
    return undefined;
  }
  const templatePath = specPath.slice(0, -1);
  const labels = valueAt(object, [...templatePath, 'metadata', 'labels']);
  return {
    object,
    field: `${templatePath.join('.')}.metadata.labels`,
    labels: isRecord(labels) ? (labels as Record<string, string>) : {},
  };
}

/** The repository of an image reference, without tag and digest. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const tagColon = withoutDigest.indexOf(':', lastSlash + 1);
  return tagColon === -1 ? withoutDigest : withoutDigest.slice(0, tagColon);
}
