import type { ClusterObject } from '../cluster/clusterObjects';
import {
  containersOf,
  imageRepository,
  POD_BEARING_KINDS,
  stringAt,
  WORKLOAD_KINDS,
} from './objectFields';

/** A value read from an object, and what a pattern is tested against. */
export interface ReadValue {
  field: string;
  value: string;
  /** Defaults to `value`; images are matched without tag and digest. */
  subject?: string;
}

type MatcherFields = Record<string, unknown>;

/**
 * How one condition key of a matcher reads objects. Validation and
 * evaluation both use this table, so they cannot disagree.
 */
export interface MatcherCondition {
  /** The only kind the condition makes sense for, if it is kind-specific. */
  kind?: string;
  /** The condition reads containers, so the kind must have a pod spec. */
  needsPodSpec?: boolean;
  /** The key holding the pattern; `value` is optional for labels. */
  patternKey: string;
  patternOptional?: boolean;
  read(object: ClusterObject, matcher: MatcherFields): ReadValue[];
}

function single(field: string, value: string | undefined): ReadValue[] {
  return value === undefined ? [] : [{ field, value }];
}

/**
 * A `scheme://…` value, such as a Node's runtime version or provider ID,
 * matched by its scheme (`containerd`, `aws`).
 */
function schemeAt(object: ClusterObject, path: string[]): ReadValue[] {
  const value = stringAt(object, path);
  return value === undefined
    ? []
    : [{ field: path.join('.'), value, subject: value.split('://')[0] }];
}

/**
 * A field Kubernetes keeps at the top level of the object (a StorageClass's
 * `provisioner`, a RuntimeClass's `handler`), which a collector that only
 * keeps metadata, spec and status may have moved under spec.
 */
function topLevelOrSpec(object: ClusterObject, key: string): ReadValue[] {
  const topLevel = stringAt(object, [key]);
  return topLevel !== undefined
    ? single(key, topLevel)
    : single(`spec.${key}`, stringAt(object, ['spec', key]));
}

function metadataEntry(
  map: Record<string, string> | undefined,
  section: 'labels' | 'annotations',
  key: unknown,
): ReadValue[] {
  if (typeof key !== 'string' || !map || !(key in map)) {
    return [];
  }
  return [{ field: `metadata.${section}[${key}]`, value: map[key] }];
}

export const MATCHER_CONDITIONS: Record<string, MatcherCondition> = {
  name: {
    patternKey: 'name',
    read: object => single('metadata.name', object.metadata.name),
  },
  label: {
    patternKey: 'value',
    patternOptional: true,
    read: (object, matcher) =>
      metadataEntry(object.metadata.labels, 'labels', matcher.label),
  },
  annotation: {
    patternKey: 'value',
    patternOptional: true,
    read: (object, matcher) =>
      metadataEntry(
        object.metadata.annotations,
        'annotations',
        matcher.annotation,
      ),
  },
  image: {
    needsPodSpec: true,
    patternKey: 'image',
    read: object =>
      containersOf(object).flatMap(c =>
        c.image === undefined
          ? []
          : [
              {
                field: `${c.path}.image`,
                value: c.image,
                subject: imageRepository(c.image),
              },
            ],
      ),
  },
  container: {
    needsPodSpec: true,
    patternKey: 'container',
    read: object =>
      containersOf(object).flatMap(c => single(`${c.path}.name`, c.name)),
  },
  controller: {
    kind: 'IngressClass',
    patternKey: 'controller',
    read: object =>
      single('spec.controller', stringAt(object, ['spec', 'controller'])),
  },
  provisioner: {
    kind: 'StorageClass',
    patternKey: 'provisioner',
    read: object => topLevelOrSpec(object, 'provisioner'),
  },
  group: {
    kind: 'CustomResourceDefinition',
    patternKey: 'group',
    read: object => single('spec.group', stringAt(object, ['spec', 'group'])),
  },
  containerRuntime: {
    kind: 'Node',
    patternKey: 'containerRuntime',
    read: object =>
      schemeAt(object, ['status', 'nodeInfo', 'containerRuntimeVersion']),
  },
  providerId: {
    kind: 'Node',
    patternKey: 'providerId',
    read: object => schemeAt(object, ['spec', 'providerID']),
  },
  handler: {
    kind: 'RuntimeClass',
    patternKey: 'handler',
    // Top-level in Kubernetes, under spec once the collector has trimmed it.
    read: object => topLevelOrSpec(object, 'handler'),
  },
  kubelet: {
    kind: 'Node',
    patternKey: 'kubelet',
    read: object =>
      single(
        'status.nodeInfo.kubeletVersion',
        stringAt(object, ['status', 'nodeInfo', 'kubeletVersion']),
      ),
  },
};

export const CONDITION_KEYS = Object.keys(MATCHER_CONDITIONS);

/** Keys a matcher may hold besides its condition key. */
export const TARGET_KEYS = ['objectKind', 'apiGroup'];

export function objectKindMatches(objectKind: string, kind: string): boolean {
  if (objectKind === 'any') {
    return true;
  }
  if (objectKind === 'workload') {
    return WORKLOAD_KINDS.has(kind);
  }
  return objectKind === kind;
}

/** Whether a matcher's target can hold containers at all. */
export function targetHasPodSpec(objectKind: string): boolean {
  return (
    objectKind === 'any' ||
    objectKind === 'workload' ||
    POD_BEARING_KINDS.has(objectKind)
  );
}
