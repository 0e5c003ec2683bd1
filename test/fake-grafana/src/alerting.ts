import { slugify } from './catalog';
import type { FakeAlertRule } from './types';

/** Grafana reports instances that never fired as active since the zero time. */
const NEVER = '0001-01-01T00:00:00Z';

/** Prometheus' metric names, which Grafana requires of a recording rule. */
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * Grafana requires rule uids to be unique and at most 40 characters, and a
 * recording rule to name a valid metric.
 */
export function checkAlertRules(rules: FakeAlertRule[]) {
  const seen = new Set<string>();
  for (const { uid, folderTitle, parentFolders, record, instances } of rules) {
    if (!/^[\w-]{1,40}$/.test(uid)) {
      throw new Error(
        `Invalid alert rule uid '${uid}': 1-40 letters, digits, _ or -`,
      );
    }
    if (seen.has(uid)) throw new Error(`Duplicate alert rule uid '${uid}'`);
    if (!folderTitle || parentFolders?.some(title => !title)) {
      throw new Error(`Alert rule '${uid}' needs a folder`);
    }
    if (record && !METRIC_NAME.test(record.metric)) {
      throw new Error(
        `Recording rule '${uid}' needs a valid metric name, not '${record.metric}'`,
      );
    }
    if (record && instances?.length) {
      throw new Error(`Recording rule '${uid}' has no instances`);
    }
    seen.add(uid);
  }
}

/** The folder titles of a rule, outermost first. */
const folderTitles = (rule: FakeAlertRule) => [
  ...(rule.parentFolders ?? []),
  rule.folderTitle,
];

/**
 * The folder's full path, as Grafana 11+ keys the ruler's answer and labels
 * instances (`grafana_folder`): the titles from the top joined by `/`, a
 * `/` inside a title escaped as `\/`.
 */
export function folderPath(rule: FakeAlertRule): string {
  return folderTitles(rule)
    .map(title => title.replaceAll('/', '\\/'))
    .join('/');
}

/** The uid of the rule's folder (its namespace), derived from its path. */
const folderUid = (rule: FakeAlertRule) =>
  slugify(folderTitles(rule).join(' ')) || 'folder';

/**
 * `GET /api/ruler/grafana/api/v1/rules`: the rule configuration, as a map
 * from folder full path to its evaluation groups, each rule in the ruler's
 * Grafana-managed form (`grafana_alert` holds what Grafana adds; a
 * recording rule's has `record`). Grafana encodes the map with its keys
 * sorted.
 */
export function rulerRules(rules: FakeAlertRule[], updated: string) {
  const folders: Record<
    string,
    Array<{ name: string; interval: string; rules: unknown[] }>
  > = {};
  rules.forEach((rule, index) => {
    const groups = (folders[folderPath(rule)] ??= []);
    const groupName = rule.group ?? rule.title;
    let group = groups.find(g => g.name === groupName);
    if (!group) {
      group = { name: groupName, interval: '1m', rules: [] };
      groups.push(group);
    }
    const record = rule.record;
    group.rules.push({
      expr: '',
      // Grafana clears what a recording rule does not use.
      for: record ? '0s' : '5m',
      keep_firing_for: rule.keepFiringFor ?? '0s',
      labels: { ...rule.labels },
      annotations: { ...rule.annotations },
      grafana_alert: {
        id: index + 1,
        orgId: 1,
        title: rule.title,
        condition: record ? '' : 'C',
        data: [],
        updated,
        intervalSeconds: 60,
        version: 1,
        uid: rule.uid,
        namespace_uid: folderUid(rule),
        rule_group: groupName,
        no_data_state: record ? '' : 'NoData',
        exec_err_state: record ? '' : 'Error',
        is_paused: false,
        ...(record
          ? {
              record: {
                metric: record.metric,
                from: record.from ?? 'A',
                ...(record.targetDatasourceUid
                  ? { target_datasource_uid: record.targetDatasourceUid }
                  : {}),
              },
            }
          : {}),
      },
    });
  });
  return Object.fromEntries(
    Object.keys(folders)
      .sort()
      .map(key => [key, folders[key]]),
  );
}

/** Go's `strconv.ParseBool` true, as Grafana reads a boolean parameter. */
export const queryBool = (value: string | null) =>
  value !== null && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);

/**
 * `GET /api/prometheus/grafana/api/v1/alerts`: every instance of every
 * alerting rule, Normal ones included, in Prometheus' envelope. Grafana
 * labels each with the rule's title (`alertname`) and folder path
 * (`grafana_folder`), and with `includeInternalLabels` also with the rule's
 * uid (`__alert_rule_uid__`) and folder uid (`__alert_rule_namespace_uid__`).
 * The state is `State (Reason)` when there is a reason, as Grafana's
 * `FormatStateAndReason` writes it.
 */
export function alertInstances(
  rules: FakeAlertRule[],
  started: string,
  options: { includeInternalLabels?: boolean } = {},
) {
  return {
    status: 'success',
    data: {
      alerts: rules
        .filter(rule => !rule.record)
        .flatMap(rule =>
          (rule.instances ?? [{ state: 'Normal' as const }]).map(instance => ({
            labels: {
              alertname: rule.title,
              grafana_folder: folderPath(rule),
              ...(options.includeInternalLabels
                ? {
                    __alert_rule_uid__: rule.uid,
                    __alert_rule_namespace_uid__: folderUid(rule),
                  }
                : {}),
              ...rule.labels,
              ...instance.labels,
            },
            annotations: { ...rule.annotations },
            state:
              instance.reason && instance.reason !== instance.state
                ? `${instance.state} (${instance.reason})`
                : instance.state,
            activeAt:
              instance.state === 'Normal'
                ? NEVER
                : instance.activeAt ?? started,
            value: '',
          })),
        ),
    },
  };
}
