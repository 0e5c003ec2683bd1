import type { Entity } from '@backstage/catalog-model';
import { registerStrictMswTestHooks } from './__testUtils__/msw';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  getComponentData,
  identityApiRef,
  type RouteRef,
} from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockSearchApi,
  SearchResult,
  searchApiRef,
} from '@backstage/plugin-search-react';
import LayersIcon from '@material-ui/icons/Layers';
import {
  MockPermissionApi,
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import {
  computeCoverage,
  defaultLayerModel,
  defaultRequirementProfiles,
  type EntityCoverage,
  type RuntimeStackSearchDocument,
} from '@internal/backstage-plugin-runtime-stack-common';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { RuntimeStackClient, runtimeStackApiRef } from './api';
import { teamService, teamView } from './__testUtils__/teamViews';
import {
  EntityCoverageCard,
  EntityRuntimeStackContent,
  RuntimeStackClusterPickerField,
  RuntimeStackCoveragePreviewField,
  RuntimeStackPage,
  RuntimeStackScorecardsPage,
  RuntimeStackSearchResultListItem,
  RuntimeStackTeamsCoverageCard,
  runtimeStackLegacyPlugin,
  SystemRuntimeStackContent,
  GroupRuntimeStackContent,
} from './legacy';
import { findCoverageFigure } from './__testUtils__/coverageFigure';
import {
  emptyTrendHandler,
  noExemptionsHandler,
  noOwnersHandler,
  nothingCollectedHandlers,
} from './__testUtils__/panelSources';

const base = 'http://backstage.test/api/runtime-stack';
const server = setupServer();
registerStrictMswTestHooks(server);

const client = new RuntimeStackClient({
  discoveryApi: { getBaseUrl: async () => base },
  fetchApi: { fetch: (input, init) => fetch(input, init) },
});

const coverage: EntityCoverage = {
  entityRef: 'component:default/payments-api',
  evaluatedAt: new Date().toISOString(),
  sourceErrors: [],
  ...computeCoverage({
    layerModel: defaultLayerModel,
    choice: { profile: defaultRequirementProfiles[0], reason: 'test' },
    evidence: [],
    now: new Date(),
  }),
};

const { routes } = runtimeStackLegacyPlugin;

const render = (
  ui: JSX.Element,
  entity?: Entity,
  mountedRoutes: Record<string, RouteRef> = {},
) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [runtimeStackApiRef, client],
        [permissionApiRef, new MockPermissionApi()],
      ]}
    >
      {entity ? <EntityProvider entity={entity}>{ui}</EntityProvider> : ui}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...mountedRoutes,
      },
    },
  );

/** A routable extension where a legacy app puts it: on a route of its own. */
const renderAt = (path: string, element: JSX.Element, entity?: Entity) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [runtimeStackApiRef, client],
        [permissionApiRef, new MockPermissionApi()],
      ]}
    >
      {entity ? (
        <EntityProvider entity={entity}>
          <Routes>
            <Route path={`${path}/*`} element={element} />
          </Routes>
        </EntityProvider>
      ) : (
        <Routes>
          <Route path={`${path}/*`} element={element} />
        </Routes>
      )}
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );

const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'team-payments' },
};

describe('legacy exports in a legacy app', () => {
  it.each([
    // No route shows where the app put the tab: its default path.
    ['at its default path without a route for it', {}, 'runtime-stack'],
    [
      'to the tab where the app mounts it',
      { '/catalog/:namespace/:kind/:name/stack': routes.entityContent },
      'stack',
    ],
  ])(
    'mounts the Overview coverage card, linked %s',
    async (_, mountedRoutes: Record<string, RouteRef>, tab) => {
      server.use(
        http.get(
          `${base}/entities/component/default/payments-api/coverage`,
          () => HttpResponse.json(coverage),
        ),
        // The card reads the clusters' freshness too.
        http.get(
          `${base}/entities/component/default/payments-api/clusters`,
          () =>
            HttpResponse.json({
              entityRef: 'component:default/payments-api',
              selector: { labelSelector: '' },
              clusters: [],
              unavailable: [],
            }),
        ),
      );
      await render(<EntityCoverageCard />, paymentsApi, mountedRoutes);
      expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
        '0%',
      );
      expect(
        screen.getByText('View runtime stack').closest('a'),
      ).toHaveAttribute(
        'href',
        `/catalog/default/component/payments-api/${tab}`,
      );
    },
  );

  it('mounts the System tab', async () => {
    server.use(
      http.get(`${base}/systems/default/payments/coverage`, () =>
        HttpResponse.json({
          entityRef: 'system:default/payments',
          components: [],
          pending: ['component:default/payments-api'],
          layers: [],
          overall: { required: 0, covered: 0, partial: 0, ratio: 1 },
          topGaps: [],
        }),
      ),
      http.get(`${base}/exemptions`, () => HttpResponse.json({ items: [] })),
      http.get(`${base}/layers`, () => HttpResponse.json(defaultLayerModel)),
      noOwnersHandler(),
      emptyTrendHandler(),
    );
    await render(<SystemRuntimeStackContent />, {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments', namespace: 'default' },
      spec: { owner: 'team-payments' },
    });
    expect(
      await screen.findByRole('list', { name: 'Components not evaluated yet' }),
    ).toHaveTextContent(/payments-api/i);
    expect(
      await screen.findByText('No exemptions for this System.'),
    ).toBeInTheDocument();
  });

  it('mounts the Group tab', async () => {
    server.use(
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        HttpResponse.json({
          team: 'group:default/team-payments',
          groups: ['group:default/team-payments'],
          overall: { required: 0, covered: 0, partial: 0, ratio: 1 },
          services: [],
          expiringExemptions: [],
        }),
      ),
      http.get(`${base}/scorecards/trend`, () =>
        HttpResponse.json({
          subject: { kind: 'team', ref: 'group:default/team-payments' },
          layers: [],
          points: [],
        }),
      ),
    );
    await render(<GroupRuntimeStackContent />, {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-payments', namespace: 'default' },
      spec: { type: 'team', children: [] },
    });
    expect(
      await screen.findByText(/No evaluated Component is owned by this group/),
    ).toBeInTheDocument();
  });

  it('mounts the Runtime stack tab as a routable extension', async () => {
    const entityUrl = `${base}/entities/component/default/payments-api`;
    server.use(
      http.get(`${base}/layers`, () => HttpResponse.json(defaultLayerModel)),
      http.get(`${entityUrl}/coverage`, () => HttpResponse.json(coverage)),
      ...nothingCollectedHandlers(),
      emptyTrendHandler(),
      noExemptionsHandler(),
    );
    expect(routes.entityContent).toBeDefined();
    await renderAt(
      '/runtime-stack',
      <EntityRuntimeStackContent />,
      paymentsApi,
    );
    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
      '0%',
    );
  });

  const renderTeamsCard = (ownershipEntityRefs: string[]) => {
    server.use(
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        HttpResponse.json(
          teamView([teamService('payments-api', [['alerting', 4, 'missing']])]),
        ),
      ),
    );
    return renderInTestApp(
      <TestApiProvider
        apis={[
          [runtimeStackApiRef, client],
          [identityApiRef, mockApis.identity({ ownershipEntityRefs })],
        ]}
      >
        <RuntimeStackTeamsCoverageCard />
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': entityRouteRef,
          '/scorecards': routes.scorecards,
        },
      },
    );
  };

  it("mounts the home page card of the user's teams, linking each team view", async () => {
    await renderTeamsCard(['group:default/team-payments']);
    expect(
      await screen.findByRole('link', { name: 'Team view of team-payments' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments/runtime-stack',
    );
    expect(
      screen.getByRole('progressbar', { name: 'Coverage of team-payments' }),
    ).toHaveAttribute(
      'aria-valuetext',
      '90%, 9 of 10 required capabilities covered',
    );
  });

  it('links the scorecards where the app mounts them, for a user in no team', async () => {
    await renderTeamsCard(['user:default/guest']);
    expect(
      await screen.findByRole('link', {
        name: 'See every team on the scorecards.',
      }),
    ).toHaveAttribute('href', '/scorecards');
  });

  it('mounts the layer model page, a page of its own with the header of a legacy app', async () => {
    server.use(
      http.get(`${base}/layers`, () => HttpResponse.json(defaultLayerModel)),
      http.get(`${base}/clusters`, () => HttpResponse.json({ items: [] })),
    );
    await renderAt('/runtime-stack', <RuntimeStackPage />);
    const main = screen.getByRole('main');
    expect(
      await within(main).findByRole('table', {
        name: 'Capabilities of layer 3',
      }),
    ).toBeInTheDocument();
    // No app layout gives it a title here: the page's own header does.
    expect(
      within(main).getByRole('heading', { level: 1, name: 'Runtime Stack' }),
    ).toBeInTheDocument();
    expect(
      within(main).getByRole('heading', { level: 2, name: 'Layer model' }),
    ).toBeInTheDocument();
  });

  it('mounts the scorecards page', async () => {
    server.use(
      http.get(`${base}/scorecards/teams`, () =>
        HttpResponse.json({ items: [], totalCount: 0, layers: [] }),
      ),
      http.get(`${base}/scorecards/adoption`, () =>
        HttpResponse.json({ capabilities: [] }),
      ),
      http.get(`${base}/scorecards/services`, () =>
        HttpResponse.json({ items: [], totalCount: 0 }),
      ),
      http.get(`${base}/layers`, () => HttpResponse.json(defaultLayerModel)),
    );
    await renderAt('/runtime-stack-scorecards', <RuntimeStackScorecardsPage />);
    expect(
      await screen.findByRole('heading', { name: 'Runtime stack scorecards' }),
    ).toBeInTheDocument();
  });

  it('renders search results of type runtime-stack inside SearchResult, leaving the others', async () => {
    const paymentsApiDocument: RuntimeStackSearchDocument = {
      title: 'Payments API · runtime stack',
      text: 'Runs with Linkerd (Service mesh).',
      location: '/catalog/default/component/payments-api/runtime-stack',
      entityRef: 'component:default/payments-api',
      profile: 'tier-1',
      coverage: 0.5,
      gapCount: 3,
      tools: ['Linkerd'],
    };
    const searchApi = new MockSearchApi({
      results: [
        {
          type: 'runtime-stack',
          document: paymentsApiDocument,
        },
        {
          type: 'software-catalog',
          document: {
            title: 'ledger',
            text: 'The ledger service',
            location: '/catalog/default/component/ledger',
          },
        },
      ],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[searchApiRef, searchApi]]}>
        <SearchResult query={{ term: 'linkerd' }}>
          <RuntimeStackSearchResultListItem icon={<LayersIcon />} />
        </SearchResult>
      </TestApiProvider>,
    );

    const link = await screen.findByRole('link', {
      name: 'Payments API · runtime stack',
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/runtime-stack',
    );
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toContainElement(link);
    expect(items[0]).toHaveTextContent('coverage: 50%');
    expect(items[0]).toHaveTextContent('3 gaps');
    // Not its type: SearchResult's default item, without coverage chips.
    expect(items[1]).toHaveTextContent('ledger');
    expect(items[1]).not.toHaveTextContent(/coverage/);
  });

  it('provides the template form fields for ScaffolderFieldExtensions', () => {
    // What <ScaffolderFieldExtensions> reads off its children.
    const fieldName = (element: JSX.Element) =>
      getComponentData<{ name: string }>(
        element,
        'scaffolder.extensions.field.v1',
      )?.name;
    expect(fieldName(<RuntimeStackCoveragePreviewField />)).toBe(
      'RuntimeStackCoveragePreview',
    );
    expect(fieldName(<RuntimeStackClusterPickerField />)).toBe(
      'RuntimeStackClusterPicker',
    );
  });
});
