import {
  describeObservabilityCounts,
  type EntityObservability,
  type ObservabilityCounts,
  type ObservabilityEvidence,
} from '@internal/backstage-plugin-runtime-stack-common';

const evidenceOf = (
  capability: ObservabilityEvidence['capability'],
  status: ObservabilityEvidence['status'],
  counts: ObservabilityCounts,
  tools?: string[],
): ObservabilityEvidence => ({
  capability,
  status,
  summary: describeObservabilityCounts(capability, counts),
  ...(tools && { tools }),
  counts,
});

/**
 * The observability data of a service as evidence for the layer model's
 * observability capabilities: what backs each one, counted, rather than
 * whether a link exists.
 */
export function observabilityEvidence(
  data: Pick<
    EntityObservability,
    | 'targets'
    | 'rules'
    | 'alerts'
    | 'grafanaAlerts'
    | 'dashboards'
    | 'overviewDashboard'
    | 'links'
  >,
): ObservabilityEvidence[] {
  const healthyTargets = data.targets.filter(t => t.health === 'up').length;
  const prometheusRules = data.rules.filter(r => r.type === 'alerting').length;
  const grafanaRules = data.grafanaAlerts.length;
  const alertRules = prometheusRules + grafanaRules;
  // Rules firing, beside the rules counted: one rule firing for four pods
  // is one, not four ("1 alert rule, 4 firing" read as four rules).
  const firing =
    new Set(
      data.alerts
        .filter(a => a.state === 'firing')
        .map(a => `${a.source}\n${a.name}`),
    ).size + data.grafanaAlerts.filter(a => a.state === 'alerting').length;
  const alertingTools = [
    ...(prometheusRules > 0 ? ['alertmanager'] : []),
    ...(grafanaRules > 0 ? ['grafana-alerting'] : []),
  ];
  const dashboards = data.dashboards.length + (data.overviewDashboard ? 1 : 0);
  const linksOf = (type: string) => data.links.filter(l => l.type === type);

  const evidence: ObservabilityEvidence[] = [
    evidenceOf('metrics', healthyTargets > 0 ? 'evidenced' : 'none', {
      targets: data.targets.length,
      healthyTargets,
    }),
    alertRules > 0
      ? evidenceOf(
          'alerting',
          'evidenced',
          { alertRules, grafanaRules, firing },
          alertingTools,
        )
      : evidenceOf('alerting', 'none', { alertRules }),
    evidenceOf('visualization', dashboards > 0 ? 'evidenced' : 'none', {
      dashboards,
    }),
  ];
  for (const capability of ['logging', 'tracing'] as const) {
    const links = linksOf(capability === 'logging' ? 'logs' : 'traces').length;
    evidence.push(
      evidenceOf(capability, links > 0 ? 'linked' : 'none', { links }),
    );
  }
  return evidence;
}
