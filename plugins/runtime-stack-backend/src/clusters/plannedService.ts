import { InputError } from '@backstage/errors';
import {
  ECOSYSTEM_ANNOTATIONS,
  isDnsLabel,
  type ClusterObject,
} from '@internal/backstage-plugin-runtime-stack-common';

/** A service that does not run yet: where it will and under what name. */
export interface PlannedService {
  cluster: string;
  namespace: string;
  /** Its `backstage.io/kubernetes-id`, the name of its objects. */
  name: string;
  /** The RuntimeClass its pods will name, if any. */
  runtimeClass?: string;
}

const FIELDS: Array<keyof PlannedService> = [
  'cluster',
  'namespace',
  'name',
  'runtimeClass',
];

function label(
  query: Record<string, unknown>,
  field: keyof PlannedService,
  required: boolean,
  source: string,
): string | undefined {
  const refuse = (message: string) =>
    new InputError(`Invalid ${source}: ${field}: ${message}`);
  const value = query[field];
  if (value === undefined || value === '') {
    if (required) throw refuse('required');
    return undefined;
  }
  if (typeof value !== 'string') {
    throw refuse('must be given once, as a string');
  }
  if (field !== 'cluster' && !isDnsLabel(value)) {
    throw refuse(
      `must be a Kubernetes name (lower-case letters, digits and '-', at most 63): '${value}'`,
    );
  }
  return value;
}

/**
 * Reads a planned service from a query string (or an action's input, named
 * by `source`); names the field it refuses, and refuses fields it does not
 * read, such as a mistyped `runtimeclass`, which would be ignored.
 */
export function parsePlannedService(
  query: Record<string, unknown>,
  source: 'query' | 'input' = 'query',
): PlannedService {
  const unknown = Object.keys(query).filter(
    key => !FIELDS.includes(key as keyof PlannedService),
  );
  if (unknown.length > 0) {
    throw new InputError(
      `Invalid ${source}: unknown ${
        unknown.length === 1 ? 'parameter' : 'parameters'
      } ${unknown.join(', ')}; expected ${FIELDS.join(', ')}`,
    );
  }
  const runtimeClass = label(query, 'runtimeClass', false, source);
  return {
    cluster: label(query, 'cluster', true, source)!,
    namespace: label(query, 'namespace', true, source)!,
    name: label(query, 'name', true, source)!,
    ...(runtimeClass ? { runtimeClass } : {}),
  };
}

/**
 * The objects a planned service will have, as far as the cluster's own
 * objects can relate to them: a Deployment whose pods carry the labels the
 * template's chart gives them (`backstage.io/kubernetes-id`, and
 * `app.kubernetes.io/name` and `instance` from a release named after the
 * service), which the cluster's policies, schedules and monitors select by,
 * in its namespace. What its chart adds (an Ingress, monitors, a
 * NetworkPolicy, the Helm labels) is the template's to declare, not the
 * cluster's to show.
 */
export function plannedServiceObjects(plan: PlannedService): ClusterObject[] {
  const labels = {
    [ECOSYSTEM_ANNOTATIONS.kubernetesId]: plan.name,
    'app.kubernetes.io/name': plan.name,
    'app.kubernetes.io/instance': plan.name,
  };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: plan.name, namespace: plan.namespace, labels },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [{ name: plan.name }],
            ...(plan.runtimeClass
              ? { runtimeClassName: plan.runtimeClass }
              : {}),
          },
        },
      },
    },
  ];
}
