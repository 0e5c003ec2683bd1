import { slugify } from './catalog';
import type { FakeAlertRule } from './types';

/** Grafana reports instances that never fired as active since the zero time. */
const NEVER = '0001-01-01T00:00:00Z';

/** Grafana requires rule uids to be unique and at most 40 characters. */
export function checkAlertRules(rules: FakeAlertRule[]) {
  const seen = new Set<string>();
  for (const { uid, folderTitle } of rules) {
    if (!/^[\w-]{1,40}$/.test(uid)) {
      throw new Error(
        `Invalid alert rule uid '${uid}': 1-40 letters, digits, _ or -`,
      );
    }
    if (seen.has(uid)) throw new Error(`Duplicate alert rule uid '${uid}'`);
    if (!folderTitle) throw new Error(`Alert rule '${uid}' needs a folder`);
    seen.add(uid);
  }
}

/**
 * `GET /api/ruler/grafana/api/v1/rules`: the rule configuration, as a map
 * from folder title to its evaluation groups, each rule in the ruler's
 * Grafana-managed form (`grafana_alert` holds what Grafana adds).
 */
export function rulerRules(rules: FakeAlertRule[], updated: string) {
  const folders: Record<
    string,
    Array<{ name: string; interval: string; rules: unknown[] }>
  > = {};
  rules.forEach((rule, index) => {
    const groups = (folders[rule.folderTitle] ??= []);
    const groupName = rule.group ?? rule.title;
    let group = groups.find(g => g.name === groupName);
    if (!group) {
      group = { name: groupName, interval: '1m', rules: [] };
      groups.push(group);
    }
    group.rules.push({
      expr: '',
      for: '5m',
      labels: { ...rule.labels },
      annotations: { ...rule.annotations },
      grafana_alert: {
        id: index + 1,
        orgId: 1,
        title: rule.title,
        condition: 'C',
        data: [],
        updated,
        intervalSeconds: 60,
        version: 1,
        uid: rule.uid,
        namespace_uid: slugify(rule.folderTitle),
        rule_group: groupName,
        no_data_state: 'NoData',
        exec_err_state: 'Error',
        is_paused: false,
      },
    });
  });
  return folders;
}

/**
 * `GET /api/prometheus/grafana/api/v1/alerts`: every instance of every rule,
 * Normal ones included, in Prometheus' envelope. Grafana labels each with the
 * rule's title (`alertname`) and folder (`grafana_folder`).
 */
export function alertInstances(rules: FakeAlertRule[], started: string) {
  return {
    status: 'success',
    data: {
      alerts: rules.flatMap(rule =>
        (rule.instances ?? [{ state: 'Normal' as const }]).map(instance => ({
          labels: {
            alertname: rule.title,
            grafana_folder: rule.folderTitle,
            ...rule.labels,
            ...instance.labels,
          },
          annotations: { ...rule.annotations },
          state: instance.state,
          activeAt:
            instance.state === 'Normal' ? NEVER : instance.activeAt ?? started,
          value: '',
        })),
      ),
    },
  };
}
