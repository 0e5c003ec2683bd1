import type {
  EntityObservability,
  ObservabilityEvidence,
} from '@internal/backstage-plugin-runtime-stack-common';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

/**
 * The observability data of a service as evidence for the layer model's
 * observability capabilities: what backs each one, counted, rather than
 * whether a link exists.
 */
export function observabilityEvidence(
  data: Omit<EntityObservability, 'evidence'>,
): ObservabilityEvidence[] {
  const healthy = data.targets.filter(t => t.health === 'up').length;
  const prometheusRules = data.rules.filter(r => r.type === 'alerting').length;
  const grafanaRules = data.grafanaAlerts.length;
  const alertRules = prometheusRules + grafanaRules;
  const firing =
    data.alerts.filter(a => a.state === 'firing').length +
    data.grafanaAlerts.filter(a => a.state === 'alerting').length;
  const alertingTools = [
    ...(prometheusRules > 0 ? ['alertmanager'] : []),
    ...(grafanaRules > 0 ? ['grafana-alerting'] : []),
  ];
  const dashboards = data.dashboards.length + (data.overviewDashboard ? 1 : 0);
  const linksOf = (type: string) => data.links.filter(l => l.type === type);

  const evidence: ObservabilityEvidence[] = [
    data.targets.length > 0
      ? {
          capability: 'metrics',
          status: healthy > 0 ? 'evidenced' : 'none',
          summary: `${healthy} of ${plural(
            data.targets.length,
            'target',
          )} healthy`,
        }
      : { capability: 'metrics', status: 'none', summary: 'no scrape targets' },
    alertRules > 0
      ? {
          capability: 'alerting',
          status: 'evidenced',
          summary: `${plural(alertRules, 'alert rule')}${
            grafanaRules > 0 && prometheusRules > 0
              ? ` (${grafanaRules} in Grafana)`
              : ''
          }, ${firing} firing`,
          tools: alertingTools,
        }
      : { capability: 'alerting', status: 'none', summary: 'no alert rules' },
    dashboards > 0
      ? {
          capability: 'visualization',
          status: 'evidenced',
          summary: plural(dashboards, 'dashboard'),
        }
      : {
          capability: 'visualization',
          status: 'none',
          summary: 'no dashboards',
        },
  ];
  for (const capability of ['logging', 'tracing'] as const) {
    const links = linksOf(capability === 'logging' ? 'logs' : 'traces');
    evidence.push(
      links.length > 0
        ? {
            capability,
            status: 'linked',
            summary: plural(links.length, 'link'),
          }
        : { capability, status: 'none', summary: 'no links' },
    );
  }
  return evidence;
}
