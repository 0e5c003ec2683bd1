import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  KubernetesClusterLinkFormatter,
  StandardClusterLinksFormatter,
  kubernetesClusterLinkFormatterApiRef,
} from '@backstage/plugin-kubernetes-react';
import type {
  EntityClusters,
  EntityClusterView,
} from '@internal/backstage-plugin-runtime-stack-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { act, screen, within } from '@testing-library/react';
import {
  defaultLayerModel,
  layerModelTitlesOf,
} from '@internal/backstage-plugin-runtime-stack-common';
import { ClustersPanel } from './ClustersPanel';
import { translationModule } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';

const view = (cluster: string, extra: Partial<EntityClusterView> = {}) => ({
  cluster,
  stale: false,
  warnings: [],
  namespaces: ['checkout'],
  workloads: [
    {
      kind: 'Deployment',
      namespace: 'checkout',
      name: 'cart-service',
      desiredReplicas: 2,
      readyReplicas: 2,
      images: ['registry.example.com/checkout/cart-service:2.4.1'],
      pods: {
        total: 2,
        running: 2,
        pending: 0,
        failed: 0,
        ready: 2,
        restarts: 0,
      },
    },
  ],
  objects: [],
  tools: [],
  ...extra,
});

const clusters: EntityClusters = {
  entityRef: 'component:default/cart-service',
  selector: { labelSelector: 'backstage.io/kubernetes-id=cart-service' },
  clusters: [
    view('prod-eu-1', { dashboardUrl: 'https://dashboard.eu.example.com/' }),
    view('prod-us-1'),
    view('prod-ap-1', {
      dashboardUrl: 'https://rancher.example.com',
      dashboardApp: 'no-such-app',
    }),
  ],
  unavailable: [],
};

const formatter = new KubernetesClusterLinkFormatter({
  formatters: { standard: new StandardClusterLinksFormatter() },
  defaultFormatterName: 'standard',
});

const workloadCell = (cluster: string) =>
  within(
    screen.getByRole('table', { name: `Workloads on ${cluster}` }),
  ).getByText(/^Deployment cart-service/);

describe('ClustersPanel', () => {
  // Each workload looks its dashboard link up asynchronously. The panel is
  // rendered without awaiting renderInTestApp (which renders at once) and the
  // tests find what they read first, so that the lookups settle inside act().
  it('links clusters and workloads to the dashboard as the Kubernetes tab does', async () => {
    renderInTestApp(
      <ClustersPanel value={clusters} titles={layerModelTitlesOf(undefined)} />,
      { apis: [[kubernetesClusterLinkFormatterApiRef, formatter]] },
    );

    expect(screen.getByRole('link', { name: /^prod-eu-1/ })).toHaveAttribute(
      'href',
      'https://dashboard.eu.example.com/',
    );
    expect(
      await screen.findByRole('link', { name: /^Deployment cart-service/ }),
    ).toHaveAttribute(
      'href',
      'https://dashboard.eu.example.com/#/deployment/checkout/cart-service?namespace=checkout',
    );
    // No dashboard configured; an app the formatter does not know.
    expect(screen.queryByRole('link', { name: /^prod-us-1/ })).toBeNull();
    expect(workloadCell('prod-us-1').closest('a')).toBeNull();
    expect(workloadCell('prod-ap-1').closest('a')).toBeNull();
  });

  it('links a cluster from the catalog to the Resource that declares it', async () => {
    renderInTestApp(
      <ClustersPanel
        value={{
          ...clusters,
          clusters: [
            view('lab-eks', { entityRef: 'resource:platform/lab-eks' }),
            view('prod-us-1'),
          ],
        }}
        titles={layerModelTitlesOf(undefined)}
      />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('link', { name: /lab-eks/ }),
    ).toHaveAttribute('href', '/catalog/platform/resource/lab-eks');
    expect(screen.getAllByText(/from the catalog/)).toHaveLength(1);
  });

  it('leaves workloads as text in an app without the Kubernetes plugin', async () => {
    renderInTestApp(
      <ClustersPanel value={clusters} titles={layerModelTitlesOf(undefined)} />,
    );
    expect(screen.getByRole('link', { name: /^prod-eu-1/ })).toBeVisible();
    // Let the link lookup settle before saying there is none.
    await act(() => new Promise(resolve => setTimeout(resolve, 20)));
    expect(workloadCell('prod-eu-1').closest('a')).toBeNull();
  });

  it('shows the tools the service uses on a cluster apart from those the cluster provides every workload', async () => {
    const finding = (capability: string, tool: string, layer: number) => ({
      capability,
      tool,
      layer,
      evidence: [
        {
          kind: 'DaemonSet',
          apiVersion: 'apps/v1',
          namespace: 'kube-system',
          name: tool,
          field: 'spec.template.spec.containers[0].image',
          value: `example/${tool}:1.0`,
        },
      ],
    });
    renderInTestApp(
      <ClustersPanel
        value={{
          ...clusters,
          clusters: [
            view('prod-eu-1', {
              tools: [finding('service-mesh', 'istio', 5)],
              providedByCluster: [
                finding('cni-networking', 'cilium', 3),
                finding('container-runtime', 'containerd', 1),
              ],
            }),
            view('prod-us-1', { tools: [finding('service-mesh', 'istio', 5)] }),
          ],
        }}
        titles={layerModelTitlesOf(defaultLayerModel)}
      />,
    );
    const chipsUnder = (heading: HTMLElement) =>
      Array.from(
        heading.parentElement!.querySelectorAll('.MuiChip-label'),
        chip => chip.textContent,
      );
    const [euUses, usUses] = await screen.findAllByRole('heading', {
      name: 'Uses here',
    });
    expect(chipsUnder(euUses)).toEqual(['Istio']);
    expect(chipsUnder(usUses)).toEqual(['Istio']);
    // Only the cluster that reported its platform shows it.
    const provided = screen.getAllByRole('heading', {
      name: 'Provided by the cluster',
    });
    expect(provided).toHaveLength(1);
    expect(chipsUnder(provided[0])).toEqual(['Cilium', 'containerd']);
  });

  /** prod-eu-1 with `eu` as its last collection left it, beside a current prod-us-1. */
  const renderWithEuCollected = (eu: Partial<EntityClusterView>) =>
    renderInTestApp(
      <ClustersPanel
        value={{
          ...clusters,
          clusters: [
            view('prod-eu-1', { lastSuccessAt: '2026-12-04T10:00:00Z', ...eu }),
            view('prod-us-1', { lastSuccessAt: '2026-12-04T10:00:00Z' }),
          ],
        }}
        titles={layerModelTitlesOf(undefined)}
      />,
      { apis: [[kubernetesClusterLinkFormatterApiRef, formatter]] },
    );

  it('labels a cluster whose last collection failed as failing, beside its last good data', async () => {
    renderWithEuCollected({
      lastError: 'prod-eu-1: GET /api/v1/pods answered 401',
    });
    expect(
      await screen.findByText('failing, showing last good data'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Showing the last good data: prod-eu-1: GET /api/v1/pods answered 401',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('current')).toHaveLength(1);
  });

  it('says what the collector could not read on a cluster, since its objects may be missing', async () => {
    renderWithEuCollected({ warnings: ['pods: 403 Forbidden'] });
    expect(
      await screen.findByText(
        'Not everything on this cluster could be read, so pods or objects may be missing here: pods: 403 Forbidden',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/^Not everything on this cluster/)).toHaveLength(
      1,
    );
  });

  it('shows a CronJob without a ready count, with the pods that ran to completion', async () => {
    renderWithEuCollected({
      workloads: [
        {
          kind: 'CronJob',
          namespace: 'checkout',
          name: 'nightly-export',
          images: ['registry.example.com/checkout/export:1.0.0'],
          pods: {
            total: 3,
            running: 1,
            pending: 0,
            failed: 1,
            succeeded: 1,
            ready: 1,
            restarts: 0,
          },
        },
      ],
    });
    const table = await screen.findByRole('table', {
      name: 'Workloads on prod-eu-1',
    });
    const [, row] = within(table).getAllByRole('row');
    const cells = within(row)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells.slice(1, 3)).toEqual([
      '—',
      '1 running of 3, 1 succeeded, 1 failed',
    ]);
  });

  it('says what to change beside the clusters it could not check, when no other shows the service', async () => {
    renderInTestApp(
      <ClustersPanel
        value={{
          ...clusters,
          clusters: [],
          unavailable: [
            {
              cluster: 'prod-eu-1',
              lastError: 'GET /api/v1/pods answered 401',
            },
          ],
        }}
        titles={layerModelTitlesOf(undefined)}
      />,
      { apis: [[kubernetesClusterLinkFormatterApiRef, formatter]] },
    );
    expect(
      await screen.findByText(
        'prod-eu-1 could not be checked: GET /api/v1/pods answered 401',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/backstage\.io\/kubernetes-id=cart-service/),
    ).toBeInTheDocument();
  });

  it('speaks the words an app installs for the plugin', async () => {
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        'clustersPanel.workloadsLabel': 'Workloads auf {{cluster}}',
        'clustersPanel.columns.restarts': 'Neustarts',
        'clustersPanel.pods':
          '{{running, number}} von {{total, number}} laufen',
      },
    });
    renderInTestApp(
      <ClustersPanel
        value={{ ...clusters, clusters: [view('prod-eu-1')] }}
        titles={layerModelTitlesOf(undefined)}
      />,
      { features: [translationModule(german)] },
    );

    const table = await screen.findByRole('table', {
      name: 'Workloads auf prod-eu-1',
    });
    expect(
      within(table).getByRole('columnheader', { name: 'Neustarts' }),
    ).toBeInTheDocument();
    expect(within(table).getByText('2 von 2 laufen')).toBeInTheDocument();
    // What the app leaves alone stays in English.
    expect(
      within(table).getByRole('columnheader', { name: 'Workload' }),
    ).toBeInTheDocument();
  });
});
