import { InputError } from '@backstage/errors';
import {
  ECOSYSTEM_ANNOTATIONS,
  type ServiceGrafanaAlert,
} from '@internal/backstage-plugin-runtime-stack-common';
import { commaSeparated } from './annotationLists';
import {
  folderPathTitles,
  type GrafanaAlertInstance,
  type GrafanaAlertRule,
} from './GrafanaClient';

export interface AlertLabelSelector {
  label: string;
  value: string;
  /** As written, `key=value`. */
  text: string;
}

/**
 * The `grafana/alert-label-selector` annotation: `key=value`, or several
 * separated by commas, any of which selects a rule (the Grafana plugin
 * takes a list of selectors the same way). A value may contain `=`; the
 * first one separates it from the label.
 */
export function parseAlertLabelSelector(
  annotation: string,
): AlertLabelSelector[] {
  const selectors = commaSeparated(annotation).map(text => {
    const at = text.indexOf('=');
    const label = at > 0 ? text.slice(0, at).trim() : '';
    const value = at > 0 ? text.slice(at + 1).trim() : '';
    if (!label || !value) {
      throw new InputError(
        `Invalid ${ECOSYSTEM_ANNOTATIONS.grafanaAlertLabelSelector} '${annotation}': '${text}' is not key=value`,
      );
    }
    return { label, value, text: `${label}=${value}` };
  });
  if (selectors.length === 0) {
    throw new InputError(
      `Invalid ${ECOSYSTEM_ANNOTATIONS.grafanaAlertLabelSelector} '${annotation}': expected key=value`,
    );
  }
  return selectors;
}

/**
 * Worst first: the state a rule shows is the worst of its instances'.
 * Grafana's state without its reason (`Alerting (NoData)` is alerting).
 * `Recovering` (Grafana 12, `keep_firing_for`) still fires: Grafana keeps
 * sending it to the Alertmanager and counts it as firing in its own
 * metrics.
 */
const STATES: Array<[string, ServiceGrafanaAlert['state']]> = [
  ['alerting', 'alerting'],
  ['recovering', 'alerting'],
  ['error', 'error'],
  ['pending', 'pending'],
  ['nodata', 'nodata'],
  ['normal', 'normal'],
];

const stateOf = (instance: GrafanaAlertInstance) =>
  instance.state.toLowerCase();

const isFiring = (instance: GrafanaAlertInstance) =>
  STATES.find(([grafana]) => grafana === stateOf(instance))?.[1] === 'alerting';

function ruleState(instances: GrafanaAlertInstance[]) {
  for (const [grafana, ours] of STATES) {
    if (instances.some(i => stateOf(i) === grafana)) return ours;
  }
  return 'unknown' as const;
}

/**
 * Whether an instance is the rule's: by the rule uid Grafana labels it
 * with; from a Grafana that leaves the uid out, by the rule's title
 * (`alertname`) and folder (`grafana_folder`, which is the folder as the
 * ruler keys it, maybe written without the escaping of `/`).
 */
function belongsTo(instance: GrafanaAlertInstance, rule: GrafanaAlertRule) {
  if (instance.ruleUid !== undefined) return instance.ruleUid === rule.uid;
  const folder = instance.labels.grafana_folder;
  return (
    instance.labels.alertname === rule.title &&
    (folder === undefined ||
      folder === rule.folderPath ||
      folder === folderPathTitles(rule.folderPath).join('/'))
  );
}

/**
 * The rules any selector picks by the rule's own labels, each with the
 * state of its instances.
 */
export function grafanaAlertsFor(
  selectors: AlertLabelSelector[],
  rules: GrafanaAlertRule[],
  instances: GrafanaAlertInstance[],
): ServiceGrafanaAlert[] {
  const alerts: ServiceGrafanaAlert[] = [];
  for (const rule of rules) {
    const selector = selectors.find(s => rule.labels[s.label] === s.value);
    if (!selector) continue;
    const own = instances.filter(i => belongsTo(i, rule));
    alerts.push({
      uid: rule.uid,
      title: rule.title,
      folderTitle: rule.folderTitle,
      url: rule.url,
      state: ruleState(own),
      instances: own.length,
      firing: own.filter(isFiring).length,
      labels: rule.labels,
      ...(rule.annotations.summary
        ? { summary: rule.annotations.summary }
        : {}),
      matchedSelector: selector.text,
    });
  }
  return alerts;
}
