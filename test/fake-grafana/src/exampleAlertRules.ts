import type { FakeAlertRule } from './types';

/**
 * The example portal's Grafana-managed rules, selected by the
 * `grafana/alert-label-selector: service=<name>` annotations of the example
 * services that have no Prometheus rules of their own: checkout-web (one
 * rule firing on one cluster, one not, and a recording rule, which is no
 * alert rule) and cart-service (in the nested folder `Checkout/Cart`). The
 * platform rule matches no service; one of its instances is Recovering.
 */
export const exampleAlertRules: FakeAlertRule[] = [
  {
    uid: 'checkout-web-lcp',
    title: 'Checkout Web slow page loads',
    folderTitle: 'Checkout',
    group: 'checkout-web',
    labels: { service: 'checkout-web', team: 'checkout', severity: 'warning' },
    annotations: { summary: 'LCP p75 above 4 s for 10 minutes' },
    instances: [
      { state: 'Alerting', labels: { cluster: 'prod-eu-1' } },
      { state: 'Normal', labels: { cluster: 'prod-us-1' } },
    ],
  },
  {
    uid: 'checkout-web-js-errors',
    title: 'Checkout Web JavaScript errors',
    folderTitle: 'Checkout',
    group: 'checkout-web',
    labels: { service: 'checkout-web', team: 'checkout', severity: 'critical' },
    annotations: { summary: 'More than 1% of sessions throw' },
  },
  {
    uid: 'checkout-web-lcp-p75',
    title: 'Checkout Web LCP p75',
    folderTitle: 'Checkout',
    group: 'checkout-web',
    labels: { service: 'checkout-web', team: 'checkout' },
    record: { metric: 'checkout_web:lcp_seconds:p75_5m' },
  },
  {
    uid: 'cart-service-latency',
    title: 'Cart Service p99 latency',
    folderTitle: 'Cart',
    parentFolders: ['Checkout'],
    group: 'cart-service',
    labels: { service: 'cart-service', team: 'checkout', severity: 'warning' },
    annotations: { summary: 'p99 above 500 ms for 5 minutes' },
    instances: [{ state: 'Normal' }],
  },
  {
    uid: 'node-disk-pressure',
    title: 'Node disk pressure',
    folderTitle: 'Platform',
    labels: { team: 'platform', severity: 'critical' },
    keepFiringFor: '10m',
    instances: [
      { state: 'Normal', labels: { node: 'node-1' } },
      { state: 'Recovering', labels: { node: 'node-2' } },
    ],
  },
];
