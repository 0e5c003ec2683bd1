import { InputError } from '@backstage/errors';
import {
  ECOSYSTEM_ANNOTATIONS,
  type ServiceGrafanaAlert,
} from '@internal/backstage-plugin-runtime-stack-common';
import { commaSeparated } from './annotationLists';
import type { GrafanaAlertInstance, GrafanaAlertRule } from './GrafanaClient';

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

/** Worst first: the state a rule shows is the worst of its instances'. */
const STATES: Array<[string, ServiceGrafanaAlert['state']]> = [
  ['Alerting', 'alerting'],
  ['Error', 'error'],
  ['Pending', 'pending'],
  ['NoData', 'nodata'],
  ['Normal', 'normal'],
];

function ruleState(instances: GrafanaAlertInstance[]) {
  for (const [grafana, ours] of STATES) {
    if (instances.some(i => i.state === grafana)) return ours;
  }
  return 'unknown' as const;
}

/**
 * The rules any selector picks by the rule's own labels, each with the
 * state of its instances. Instances belong to a rule by its title
 * (`alertname`) and folder (`grafana_folder`): Grafana's alerting API
 * leaves out the rule uid.
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
    const own = instances.filter(
      i =>
        i.labels.alertname === rule.title &&
        (i.labels.grafana_folder ?? rule.folderTitle) === rule.folderTitle,
    );
    alerts.push({
      uid: rule.uid,
      title: rule.title,
      folderTitle: rule.folderTitle,
      url: rule.url,
      state: ruleState(own),
      instances: own.length,
      firing: own.filter(i => i.state === 'Alerting').length,
      labels: rule.labels,
      ...(rule.annotations.summary
        ? { summary: rule.annotations.summary }
        : {}),
      matchedSelector: selector.text,
    });
  }
  return alerts;
}
