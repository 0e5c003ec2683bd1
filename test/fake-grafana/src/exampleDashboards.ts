import type { FakeDashboard } from './types';

const service = (
  uid: string,
  title: string,
  team: string,
  folderTitle: string,
): FakeDashboard => ({
  uid,
  title,
  tags: [uid, team, 'kubernetes'],
  folderTitle,
});

/**
 * The example portal's Grafana: one dashboard per example service, tagged
 * with the service and its team (what `grafana/dashboard-selector`
 * annotations select on), in a folder per team, plus platform dashboards.
 */
export const exampleDashboards: FakeDashboard[] = [
  service('payments-api', 'Payments API', 'payments', 'Payments'),
  service('payments-ledger', 'Payments Ledger', 'payments', 'Payments'),
  service('checkout-web', 'Checkout Web', 'checkout', 'Checkout'),
  service('checkout-api', 'Checkout API', 'checkout', 'Checkout'),
  service('catalog-api', 'Catalog API', 'catalog', 'Catalog'),
  {
    uid: 'ingress-nginx',
    title: 'Ingress NGINX / Controller',
    tags: ['ingress-nginx', 'platform', 'kubernetes'],
    folderTitle: 'Platform',
  },
  {
    uid: 'cert-manager',
    title: 'cert-manager',
    tags: ['cert-manager', 'platform', 'kubernetes'],
    folderTitle: 'Platform',
  },
];
