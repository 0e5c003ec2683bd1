import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ECOSYSTEM_ANNOTATIONS } from '@internal/backstage-plugin-runtime-stack-common';
import { commaSeparated } from './annotationLists';

/** Labels Prometheus setups commonly put a service's name in. */
const SERVICE_LABELS = [
  'service',
  'app',
  'app_kubernetes_io_name',
  'job',
  'kubernetes_id',
  'backstage_io_kubernetes_id',
];

/** A metric or rule name, as opposed to a PromQL expression. */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export interface ServiceMatch {
  /** Labels that must all be equal, from `prometheus.io/labels`. */
  labels: Record<string, string>;
  /** Alert names taken as the service's whatever their labels, from `prometheus.io/alert`. */
  alertNames?: string[];
  /** Rule names (or recorded series) taken as the service's, from `prometheus.io/rule`; its PromQL expressions are left out. */
  ruleNames?: string[];
  /** What `prometheus.io/rule` asks to graph: metrics, recording rules and PromQL. */
  queries: string[];
  /** Without `prometheus.io/labels`: the service's id in a usual label. */
  serviceId: string;
  /** Namespaces the service runs in; a `namespace` label must be one. */
  namespaces: string[];
  /** Clusters the service runs on; a `cluster` label must be one. */
  clusters: string[];
}

/**
 * How Prometheus series, rules and targets are told to be a service's: the
 * `prometheus.io/labels` annotation when present (`key=value`, comma-separated,
 * all must match), else its kubernetes-id in one of the usual labels and,
 * where a `namespace` label is set, one of its namespaces.
 */
export function serviceMatchOf(
  entity: Entity,
  namespaces: string[],
  clusters: string[] = [],
): ServiceMatch {
  const annotations = entity.metadata.annotations ?? {};
  const labels: Record<string, string> = {};
  const raw = annotations[ECOSYSTEM_ANNOTATIONS.prometheusLabels];
  for (const pair of commaSeparated(raw)) {
    const [key, value, ...rest] = pair.split('=');
    if (!key || value === undefined || rest.length > 0) {
      throw new InputError(
        `Invalid ${ECOSYSTEM_ANNOTATIONS.prometheusLabels} annotation '${raw}': '${pair}' is not key=value`,
      );
    }
    labels[key.trim()] = value.trim();
  }
  const alert = annotations[ECOSYSTEM_ANNOTATIONS.prometheusAlert]?.trim();
  // The Prometheus plugin writes `query|groupingLabel`, the query a metric,
  // a recording rule or PromQL; only a name can be a rule's.
  const queries = commaSeparated(
    annotations[ECOSYSTEM_ANNOTATIONS.prometheusRule],
  )
    .map(r => r.split('|')[0].trim())
    .filter(Boolean);
  const ruleNames = queries.filter(name => METRIC_NAME.test(name));
  return {
    labels,
    ...(alert && alert !== 'all' ? { alertNames: commaSeparated(alert) } : {}),
    ...(ruleNames.length ? { ruleNames } : {}),
    queries,
    serviceId:
      annotations[ECOSYSTEM_ANNOTATIONS.kubernetesId] || entity.metadata.name,
    namespaces,
    clusters,
  };
}

/** Whether a series' (or rule's, alert's, target's) labels belong to the service. */
export function labelsMatchService(
  labels: Record<string, string>,
  match: ServiceMatch,
): boolean {
  // A `cluster` label (external labels of a per-cluster Prometheus) must be
  // one the service runs on.
  if (
    labels.cluster !== undefined &&
    match.clusters.length > 0 &&
    !match.clusters.includes(labels.cluster)
  ) {
    return false;
  }
  if (Object.keys(match.labels).length > 0) {
    return Object.entries(match.labels).every(([k, v]) => labels[k] === v);
  }
  if (!SERVICE_LABELS.some(key => labels[key] === match.serviceId)) {
    return false;
  }
  return (
    labels.namespace === undefined ||
    match.namespaces.length === 0 ||
    match.namespaces.includes(labels.namespace)
  );
}
