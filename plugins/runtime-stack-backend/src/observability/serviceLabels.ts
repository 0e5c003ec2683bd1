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

/**
 * A label name as Prometheus' classic grammar has it. Prometheus 3 can
 * quote any UTF-8 name, but a name outside this grammar in the annotation
 * is far likelier a typo than such a label.
 */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Why a `key=value` pair of `prometheus.io/labels` is no label, or undefined when it is one. */
function labelPairProblem(pair: string): string | undefined {
  const at = pair.indexOf('=');
  if (at < 0) return `'${pair}' is not key=value`;
  const name = pair.slice(0, at).trim();
  if (!LABEL_NAME.test(name)) {
    return `'${pair}': '${name}' is not a Prometheus label name`;
  }
  // Prometheus reads an empty value as the label being absent: matching
  // that would take in every series without it, other services' too.
  if (!pair.slice(at + 1).trim()) return `'${pair}' has no value`;
  return undefined;
}

/**
 * The labels of a `prometheus.io/labels` annotation: `key=value` pairs,
 * comma-separated, split at the first `=` since a value may hold one.
 * Throws an InputError naming the annotation and every pair that is no
 * label: matching by the others alone would take in more than asked for.
 */
export function serviceLabelsOf(
  raw: string | undefined,
): Record<string, string> {
  const pairs = commaSeparated(raw);
  const problems = pairs.flatMap(pair => labelPairProblem(pair) ?? []);
  if (problems.length > 0) {
    throw new InputError(
      `Invalid ${
        ECOSYSTEM_ANNOTATIONS.prometheusLabels
      } annotation '${raw}': ${problems.join('; ')}`,
    );
  }
  return Object.fromEntries(
    pairs.map(pair => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    }),
  );
}

export interface ServiceMatch {
  /** Labels that must all be equal, from `prometheus.io/labels`. */
  labels: Record<string, string>;
  /**
   * Why `prometheus.io/labels` could not be read. Nothing is then matched
   * by labels, not even by the service id: the annotation says the usual
   * labels are not the service's, and what it meant is not known.
   */
  invalidLabels?: string;
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
  let labels: Record<string, string> = {};
  let invalidLabels: string | undefined;
  try {
    labels = serviceLabelsOf(
      annotations[ECOSYSTEM_ANNOTATIONS.prometheusLabels],
    );
  } catch (error) {
    // Told to the caller, which names it beside what the rest still finds.
    if (!(error instanceof InputError)) throw error;
    invalidLabels = error.message;
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
    ...(invalidLabels ? { invalidLabels } : {}),
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
  if (match.invalidLabels) return false;
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
