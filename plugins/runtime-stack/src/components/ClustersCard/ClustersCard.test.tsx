import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import {
  defaultLayerModel,
  type ClusterSummary,
} from '@internal/backstage-plugin-runtime-stack-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { runtimeStackApiRef } from '../../api';
import { ClustersCard } from './ClustersCard';
import { testClient } from '../../__testUtils__/runtimeStackClient';
import { translationModule } from '../../__testUtils__/translations';
import { backendError } from '../../__testUtils__/backendError';
import { runtimeStackTranslationRef } from '../../translation';

const clusters: ClusterSummary[] = [
  {
    name: 'prod-eu-1',
    dashboardUrl: 'https://dash.example.com/eu',
    serverVersion: 'v1.31.2',
    lastSuccessAt: '2026-11-23T10:00:00.000Z',
    lastAttemptAt: '2026-11-23T10:00:00.000Z',
    ageSeconds: 240,
    stale: false,
    warnings: [],
    objectCount: 312,
    platformTools: [
      {
        tool: 'cilium',
        capability: 'cni-networking',
        layer: 3,
        evidence: [
          {
            kind: 'DaemonSet',
            apiVersion: 'apps/v1',
            namespace: 'kube-system',
            name: 'cilium',
            field: 'spec.template.spec.containers[0].image',
            value: 'quay.io/cilium/cilium:v1.16.3',
          },
        ],
      },
    ],
  },
  {
    name: 'prod-us-1',
    lastSuccessAt: '2026-11-23T08:00:00.000Z',
    ageSeconds: 7200,
    stale: true,
    lastError: 'prod-us-1: GET /api/v1/pods answered 500: etcd timeout',
    warnings: ['prod-us-1: GET /apis/velero.io answered 403: forbidden'],
    objectCount: 140,
    platformTools: [],
  },
  {
    name: 'staging-eu-1',
    entityRef: 'resource:platform/staging-eu-1',
    stale: true,
    warnings: [],
    objectCount: 0,
    platformTools: [],
  },
  {
    name: 'gke-prod',
    origin: 'GKE project acme-prod (every location)',
    stale: true,
    warnings: [],
    objectCount: 0,
    platformTools: [],
  },
];

describe('ClustersCard', () => {
  // renderInTestApp renders at once and is not awaited: awaiting it would let
  // answers that come at once land outside act(), before the test's findBy.
  const server = setupServer();
  registerStrictMswTestHooks(server);

  it('shows each cluster’s freshness, errors and detected tools through the real client', async () => {
    server.use(
      http.get('http://backstage.test/api/runtime-stack/clusters', () =>
        HttpResponse.json({ items: clusters }),
      ),
    );
    const client = testClient();
    renderInTestApp(<ClustersCard layerModel={defaultLayerModel} />, {
      apis: [[runtimeStackApiRef, client]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    const table = await screen.findByRole('table', {
      name: 'Collected clusters',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('prod-eu-1').closest('a')).toHaveAttribute(
      'href',
      'https://dash.example.com/eu',
    );
    expect(within(rows[0]).getByText('current')).toBeInTheDocument();
    expect(
      within(rows[0]).getByText('collected 4 min ago'),
    ).toBeInTheDocument();
    // Named by the layer model's title for the tool id.
    expect(within(rows[0]).getByText('Cilium')).toBeInTheDocument();
    fireEvent.mouseOver(within(rows[0]).getByText('Cilium'));
    expect(
      await screen.findByText(/DaemonSet kube-system\/cilium/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Layer 3 · Cloud native networking \(CNI\)/),
    ).toBeInTheDocument();

    expect(
      within(rows[1]).getByText('failing, showing last good data'),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText(/etcd timeout/)).toBeInTheDocument();
    expect(
      within(rows[1]).getByText('1 resource not readable'),
    ).toBeInTheDocument();
    expect(within(rows[2]).getByText('not collected yet')).toBeInTheDocument();
    // A cluster from the catalog links to the Resource that declares it.
    expect(within(rows[2]).getByText(/from the catalog/)).toBeInTheDocument();
    expect(within(rows[2]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/platform/resource/staging-eu-1',
    );
    expect(within(rows[1]).queryByText(/from the catalog/)).toBeNull();
    // One a GKE locator listed says which project it came from.
    expect(
      within(rows[3]).getByText('from GKE project acme-prod (every location)'),
    ).toBeInTheDocument();
    expect(within(rows[0]).queryByText(/^from /)).toBeNull();
  });

  it('speaks the words an app installs for the plugin', async () => {
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        'clustersCard.title': 'Cluster',
        'clustersCard.collected': 'vor {{age}} gesammelt',
        'clustersCard.unreadable_one': '{{count}} Ressource nicht lesbar',
        'clustersCard.platformColumn': 'Erkannte Plattform',
      },
    });
    renderInTestApp(<ClustersCard layerModel={defaultLayerModel} />, {
      apis: [[runtimeStackApiRef, { getClusters: async () => clusters }]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      features: [translationModule(german)],
    });

    expect(
      await screen.findByRole('heading', { name: 'Cluster' }),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Collected clusters' });
    expect(
      within(table).getByRole('columnheader', { name: 'Erkannte Plattform' }),
    ).toBeInTheDocument();
    expect(within(table).getByText('vor 4 min gesammelt')).toBeInTheDocument();
    expect(
      within(table).getByText('1 Ressource nicht lesbar'),
    ).toBeInTheDocument();
  });

  it('explains how to add clusters when none are configured', async () => {
    renderInTestApp(<ClustersCard />, {
      apis: [[runtimeStackApiRef, { getClusters: async () => [] }]],
    });
    expect(
      await screen.findByText('No clusters configured'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/kubernetes.clusterLocatorMethods/),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    renderInTestApp(<ClustersCard />, {
      apis: [
        [
          runtimeStackApiRef,
          { getClusters: () => Promise.reject(new Error('no route')) },
        ],
      ],
    });
    expect(
      await screen.findByText(/Could not load the clusters/),
    ).toBeInTheDocument();
  });

  it('says plainly when the permission policy refuses the clusters, rather than show an error', async () => {
    server.use(
      http.get('http://backstage.test/api/runtime-stack/clusters', () =>
        backendError(
          'NotAllowedError',
          'Reading clusters is not allowed for you',
          403,
        ),
      ),
    );
    renderInTestApp(<ClustersCard />, {
      apis: [[runtimeStackApiRef, testClient()]],
    });
    expect(
      await screen.findByText(
        /^You may not see the clusters \(Reading clusters is not allowed for you\)\. Ask your Backstage administrators/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Could not load the clusters/)).toBeNull();
    // Asking again would meet the same policy.
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('loads the clusters again on Retry after a failure', async () => {
    const getClusters = jest
      .fn<Promise<ClusterSummary[]>, []>()
      .mockRejectedValueOnce(new Error('backend restarting'))
      .mockResolvedValue(clusters);
    renderInTestApp(<ClustersCard />, {
      apis: [[runtimeStackApiRef, { getClusters }]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByText(/Could not load the clusters/),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(
      await screen.findByRole('table', { name: 'Collected clusters' }),
    ).toHaveTextContent('prod-eu-1');
    expect(screen.queryByText(/Could not load the clusters/)).toBeNull();
    expect(getClusters).toHaveBeenCalledTimes(2);
  });
});
