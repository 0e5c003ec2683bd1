import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { EntityObservability } from '@internal/backstage-plugin-runtime-stack-common';
import { screen, within } from '@testing-library/react';
import { defaultLayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import { capabilityTitlesOf } from '@internal/backstage-plugin-runtime-stack-common';
import { ObservabilityPanel } from './ObservabilityPanel';
import { translationModule } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';

const observed: EntityObservability = {
  entityRef: 'component:default/checkout-web',
  matchedBy: {
    labels: { service: 'checkout-web', namespace: 'checkout' },
    grafanaAlertSelectors: ['service=checkout-web'],
  },
  alerts: [],
  rules: [
    {
      source: 'prometheus-eu',
      name: 'CheckoutWebLatencyHigh',
      type: 'alerting',
      state: 'inactive',
      health: 'ok',
      query: 'vector(0) > 0',
      labels: {},
    },
    {
      source: 'prometheus-eu',
      name: 'CheckoutWebDown',
      type: 'alerting',
      health: 'err',
      query: 'up == 0',
      labels: {},
    },
    {
      source: 'prometheus-eu',
      name: 'checkout:requests:rate5m',
      type: 'recording',
      health: 'ok',
      query: 'rate(requests[5m])',
      labels: {},
    },
  ],
  grafanaAlerts: [
    {
      uid: 'lcp',
      title: 'Checkout Web slow page loads',
      folderTitle: 'Checkout',
      url: 'https://grafana.example.com/alerting/grafana/lcp/view',
      state: 'alerting',
      instances: 2,
      firing: 1,
      labels: { service: 'checkout-web' },
      summary: 'LCP p75 above 4 s',
      matchedSelector: 'service=checkout-web',
    },
    {
      uid: 'js',
      title: 'Checkout Web JavaScript errors',
      folderTitle: 'Checkout',
      url: 'https://grafana.example.com/alerting/grafana/js/view',
      state: 'normal',
      instances: 1,
      firing: 0,
      labels: { service: 'checkout-web' },
      matchedSelector: 'service=checkout-web',
    },
  ],
  targets: [
    {
      source: 'prometheus-eu',
      scrapePool: 'checkout-web',
      scrapeUrl: 'http://10.0.0.7:9100/metrics',
      health: 'down',
      lastError: 'connection refused',
      labels: {},
    },
  ],
  dashboards: [
    {
      title: 'Checkout Web',
      url: 'https://grafana.example.com/d/cw',
      tags: ['checkout'],
      folderTitle: 'Checkout',
    },
  ],
  overviewDashboard: 'https://grafana.example.com/d/overview',
  links: [
    {
      title: 'Logs',
      url: 'https://logs.example.com/?ns=checkout',
      type: 'logs',
      cluster: 'prod-eu-1',
      namespace: 'checkout',
    },
  ],
  evidence: [
    {
      capability: 'metrics',
      status: 'none',
      summary: '0 of 1 target healthy',
      counts: { targets: 1, healthyTargets: 0 },
    },
    {
      capability: 'alerting',
      status: 'evidenced',
      summary: '2 alert rules, 1 firing',
      tools: ['grafana-alerting'],
    },
    {
      capability: 'visualization',
      status: 'evidenced',
      summary: '2 dashboards',
    },
    { capability: 'logging', status: 'linked', summary: '1 link' },
    { capability: 'tracing', status: 'none', summary: 'no links' },
  ],
  errors: [],
};

describe('ObservabilityPanel', () => {
  it('lists Grafana alert rules with their state and page, and the scrape targets', async () => {
    await renderInTestApp(<ObservabilityPanel value={observed} />);

    const rules = screen.getByRole('list', { name: 'Grafana alert rules' });
    const slow = within(rules).getByRole('link', {
      name: /^Checkout Web slow page loads/,
    });
    expect(slow).toHaveAttribute(
      'href',
      'https://grafana.example.com/alerting/grafana/lcp/view',
    );
    expect(within(rules).getByText('alerting (1 of 2)')).toBeInTheDocument();
    expect(within(rules).getByText('normal')).toBeInTheDocument();
    expect(
      within(rules).getByText(
        'LCP p75 above 4 s · Checkout · service=checkout-web',
      ),
    ).toBeInTheDocument();

    const targets = screen.getByRole('table', { name: 'Scrape targets' });
    expect(
      within(targets).getByText('http://10.0.0.7:9100/metrics'),
    ).toBeInTheDocument();
    expect(within(targets).getByText('down')).toBeInTheDocument();
    expect(within(targets).getByText('connection refused')).toBeInTheDocument();

    expect(
      screen.getByText(
        'Matched by service=checkout-web, namespace=checkout; Grafana alert rules labelled service=checkout-web',
      ),
    ).toBeInTheDocument();
  });

  it('lists the Prometheus alerting rules with their state, not the recording rules', async () => {
    await renderInTestApp(<ObservabilityPanel value={observed} />);
    const items = within(
      screen.getByRole('list', { name: 'Prometheus alert rules' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'CheckoutWebLatencyHigh inactiveprometheus-eu',
      'CheckoutWebDown not evaluatedprometheus-eu · health: err',
    ]);
  });

  it('puts the overview dashboard first, then the found dashboards and links', async () => {
    await renderInTestApp(<ObservabilityPanel value={observed} />);
    const links = within(
      screen.getByRole('list', { name: 'Dashboards and links' }),
    ).getAllByRole('link');
    // External links also say they open a new window.
    const text = (l: HTMLElement) =>
      l.textContent?.replace(', Opens in a new window', '');
    expect(links.map(l => [text(l), l.getAttribute('href')])).toEqual([
      ['Overview dashboard', 'https://grafana.example.com/d/overview'],
      ['Checkout Web (Checkout)', 'https://grafana.example.com/d/cw'],
      ['Logs (prod-eu-1/checkout)', 'https://logs.example.com/?ns=checkout'],
    ]);
  });

  it('says what would add evidence for each capability that has none, and only those, by title', async () => {
    await renderInTestApp(
      <ObservabilityPanel
        value={observed}
        capabilityTitleOf={capabilityTitlesOf(defaultLayerModel)}
      />,
    );
    const hints = screen.getByRole('list', { name: 'Observability hints' });
    const items = within(hints).getAllByRole('listitem');
    expect(items.map(i => i.querySelector('span')?.textContent)).toEqual([
      'Metrics',
      'Distributed tracing',
    ]);
    expect(
      screen.getByText('Distributed tracing: no links'),
    ).toBeInTheDocument();
    // Its one target is down: that needs fixing, not Prometheus finding it.
    expect(items[0]).toHaveTextContent(
      'Prometheus scrapes it, but its 1 target is not healthy: fix the target, whose last error the scrape targets show.',
    );
    expect(items[0]).not.toHaveTextContent(/prometheus\.io\/labels/);
    expect(items[1]).toHaveTextContent(/type traces/);
  });

  it('says to make Prometheus scrape a service it has no target of', async () => {
    await renderInTestApp(
      <ObservabilityPanel
        value={{
          ...observed,
          targets: [],
          evidence: [
            {
              capability: 'metrics',
              status: 'none',
              summary: 'no scrape targets',
              counts: { targets: 0, healthyTargets: 0 },
            },
          ],
        }}
        capabilityTitleOf={capabilityTitlesOf(defaultLayerModel)}
      />,
    );
    const [metrics] = within(
      screen.getByRole('list', { name: 'Observability hints' }),
    ).getAllByRole('listitem');
    expect(metrics).toHaveTextContent(/^MetricsMake Prometheus scrape it/);
    expect(metrics).toHaveTextContent(/prometheus\.io\/labels/);
  });

  it('gives no advice for a capability the coverage already counts as covered', async () => {
    await renderInTestApp(
      <ObservabilityPanel
        value={observed}
        capabilityTitleOf={capabilityTitlesOf(defaultLayerModel)}
        covered={new Set(['metrics'])}
      />,
    );
    const hints = screen.getByRole('list', { name: 'Observability hints' });
    expect(
      within(hints)
        .getAllByRole('listitem')
        .map(i => i.querySelector('span')?.textContent),
    ).toEqual(['Distributed tracing']);
  });

  it('gives no advice while the coverage it depends on loads', async () => {
    await renderInTestApp(
      <ObservabilityPanel
        value={observed}
        capabilityTitleOf={capabilityTitlesOf(defaultLayerModel)}
        covered="loading"
      />,
    );
    expect(
      screen.getByText('Distributed tracing: no links'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Observability hints' }),
    ).toBeNull();
    expect(screen.queryByText('What would add evidence')).toBeNull();
  });

  it('says which named rules Prometheus does not have, rather than to name some', async () => {
    const namingMissingRules: EntityObservability = {
      ...observed,
      matchedBy: {
        labels: {},
        ruleNames: ['PaymentsApiErrors', 'payments:errors:rate5m'],
      },
      rules: [],
      grafanaAlerts: [],
      evidence: [
        { capability: 'alerting', status: 'none', summary: 'no alert rules' },
      ],
    };
    await renderInTestApp(
      <ObservabilityPanel
        value={namingMissingRules}
        capabilityTitleOf={capabilityTitlesOf(defaultLayerModel)}
      />,
    );
    const [alerting] = within(
      screen.getByRole('list', { name: 'Observability hints' }),
    ).getAllByRole('listitem');
    expect(alerting).toHaveTextContent(
      'Rules PaymentsApiErrors, payments:errors:rate5m are not in Prometheus: correct the names in prometheus.io/rule or have Prometheus load their rule files, or label Grafana-managed rules and set grafana/alert-label-selector.',
    );
    expect(alerting).not.toHaveTextContent(/name its Prometheus rules/);
  });

  it('does not call named rules missing when no Prometheus was read', async () => {
    await renderInTestApp(
      <ObservabilityPanel
        value={{
          ...observed,
          matchedBy: { labels: {}, ruleNames: ['PaymentsApiErrors'] },
          rules: [],
          alerts: [],
          grafanaAlerts: [],
          prometheusRead: 0,
          errors: [{ source: 'prometheus', message: 'connect ECONNREFUSED' }],
          evidence: [
            {
              capability: 'alerting',
              status: 'none',
              summary: 'no alert rules',
            },
          ],
        }}
        capabilityTitleOf={capabilityTitlesOf(defaultLayerModel)}
      />,
    );
    const [alerting] = within(
      screen.getByRole('list', { name: 'Observability hints' }),
    ).getAllByRole('listitem');
    expect(alerting).not.toHaveTextContent(/not in Prometheus/);
  });

  it('says how the service was matched when no labels are annotated', async () => {
    await renderInTestApp(
      <ObservabilityPanel
        value={{
          ...observed,
          matchedBy: {
            labels: { '<service label>': 'checkout-web' },
            alertNames: ['CheckoutDown'],
          },
        }}
      />,
    );
    expect(
      screen.getByText(
        'Matched by checkout-web in a service label (service, app, job, …); alerts CheckoutDown',
      ),
    ).toBeInTheDocument();
  });

  it('names the annotated rules and alerts Prometheus does not have, and only when there are some', async () => {
    const { unmount } = await renderInTestApp(
      <ObservabilityPanel
        value={{
          ...observed,
          matchedBy: {
            ...observed.matchedBy,
            ruleNames: ['checkout_web_error_rate'],
            alertNames: ['CheckoutDown'],
            namesNotFound: ['CheckoutDown', 'checkout_web_error_rate'],
          },
        }}
      />,
    );
    expect(
      screen.getByText(
        'Not a rule or alert in Prometheus: CheckoutDown, checkout_web_error_rate. Check the names in prometheus.io/rule and prometheus.io/alert, and that Prometheus loads the rule files.',
      ),
    ).toBeInTheDocument();
    unmount();

    await renderInTestApp(<ObservabilityPanel value={observed} />);
    expect(
      screen.queryByText(/Not a rule or alert in Prometheus/),
    ).not.toBeInTheDocument();
  });

  it('leaves out what is empty and names a source that failed', async () => {
    await renderInTestApp(
      <ObservabilityPanel
        value={{
          ...observed,
          rules: [],
          grafanaAlerts: [],
          targets: [],
          dashboards: [],
          overviewDashboard: undefined,
          links: [],
          evidence: observed.evidence.map(e =>
            e.capability === 'alerting' ? e : { ...e, status: 'evidenced' },
          ),
          errors: [{ source: 'grafana', message: 'answered 401' }],
        }}
      />,
    );
    expect(
      screen.getByText('grafana could not be read: answered 401'),
    ).toBeInTheDocument();
    for (const name of [
      'Prometheus alert rules',
      'Grafana alert rules',
      'Dashboards and links',
      'Observability hints',
    ]) {
      expect(screen.queryByRole('list', { name })).not.toBeInTheDocument();
    }
    expect(
      screen.queryByRole('table', { name: 'Scrape targets' }),
    ).not.toBeInTheDocument();
  });

  it('says nothing of how the service was matched when nothing could match it, only why', async () => {
    await renderInTestApp(
      <ObservabilityPanel
        value={{
          ...observed,
          matchedBy: { labels: {} },
          errors: [
            {
              source: 'prometheus',
              message:
                "Invalid prometheus.io/labels annotation 'team': 'team' has no =",
            },
          ],
        }}
      />,
    );
    expect(
      screen.getByText(
        "prometheus could not be read: Invalid prometheus.io/labels annotation 'team': 'team' has no =",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Matched by/)).not.toBeInTheDocument();
  });

  it('lists every alert, rule and dashboard when their names repeat', async () => {
    const keyWarnings = jest.spyOn(console, 'error');
    const firing = {
      source: 'prometheus-eu',
      name: 'CheckoutWebDown',
      state: 'firing' as const,
      annotations: {},
      activeAt: '2026-11-23T10:00:00.000Z',
    };
    const rule = observed.rules[0];
    try {
      await renderInTestApp(
        <ObservabilityPanel
          value={{
            ...observed,
            // One alert per instance, fired at the same moment.
            alerts: [
              { ...firing, labels: { instance: '10.0.0.7:9100' } },
              { ...firing, labels: { instance: '10.0.0.8:9100' } },
            ],
            // One rule name in two rule groups.
            rules: [rule, { ...rule, query: 'vector(1) > 0' }],
            // The overview dashboard is also found by its tags.
            dashboards: [
              {
                title: 'Overview',
                url: 'https://grafana.example.com/d/overview',
                tags: [],
              },
            ],
          }}
        />,
      );
      expect(
        within(screen.getByRole('list', { name: 'Alerts' })).getAllByRole(
          'listitem',
        ),
      ).toHaveLength(2);
      expect(
        within(
          screen.getByRole('list', { name: 'Prometheus alert rules' }),
        ).getAllByRole('listitem'),
      ).toHaveLength(2);
      expect(
        within(
          screen.getByRole('list', { name: 'Dashboards and links' }),
        ).getAllByRole('link'),
      ).toHaveLength(3);
      expect(
        keyWarnings.mock.calls.filter(([message]) =>
          String(message).includes('same key'),
        ),
      ).toEqual([]);
    } finally {
      keyWarnings.mockRestore();
    }
  });

  it('speaks the words an app installs for the plugin', async () => {
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        'observabilityPanel.grafanaRules': 'Grafana-Alarmregeln',
        'observabilityPanel.grafanaAlerting':
          'alarmiert ({{firing, number}} von {{instances, number}})',
        'observabilityPanel.matchedBy.intro': 'Gefunden über {{what}}',
        'observabilityPanel.matchedBy.grafanaSelectors':
          'Grafana-Regeln mit {{selectors}}',
        'observabilityPanel.evidenceChip': '{{capability}} – {{summary}}',
        'observabilityPanel.summary.targets_one':
          '{{healthy, number}} von {{count}} Ziel gesund',
        'observabilityPanel.hints.targetsDown_one':
          'Prometheus fragt {{count}} Ziel ab, aber es ist nicht gesund',
      },
    });
    await renderInTestApp(<ObservabilityPanel value={observed} />, {
      features: [translationModule(german)],
    });

    const rules = screen.getByRole('list', { name: 'Grafana-Alarmregeln' });
    expect(within(rules).getByText('alarmiert (1 von 2)')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Grafana-Alarmregeln' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Gefunden über service=checkout-web, namespace=checkout; Grafana-Regeln mit service=checkout-web',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('metrics – 0 von 1 Ziel gesund'),
    ).toBeInTheDocument();
    const hints = screen.getByRole('list', { name: 'Observability hints' });
    expect(
      within(hints).getByText(
        'Prometheus fragt 1 Ziel ab, aber es ist nicht gesund.',
      ),
    ).toBeInTheDocument();
  });
});
