import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import { layerModelHandler } from '../../__testUtils__/panelSources';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  baseUrl,
  runtimeStackTestApi,
} from '../../__testUtils__/runtimeStackClient';
import { teamService, teamView } from '../../__testUtils__/teamViews';
import { scorecardsRouteRef } from '../../routes';
import { backendError } from '../../__testUtils__/backendError';
import { TeamsCoverageWidget } from './TeamsCoverageWidget';

// 20 required, 15 covered (one gap partly): 75%.
const payments = teamView(
  [
    teamService('payments-api', [
      ['alerting', 4, 'partial'],
      ['backup', 3, 'missing'],
      ['policy', 4, 'missing'],
    ]),
    teamService('payments-worker', [
      ['alerting', 4, 'missing'],
      ['tracing', 4, 'missing'],
    ]),
  ],
  {
    expiringExemptions: [
      {
        id: 'e1',
        scope: {
          kind: 'component',
          ref: 'component:default/payments-worker',
        },
        capability: 'service-mesh',
        reason: 'migrating',
        expiresAt: '2026-12-20T00:00:00.000Z',
        grantedBy: 'user:default/priya-nair',
        requestedBy: 'user:default/guest',
        createdAt: '2026-11-01T00:00:00.000Z',
      },
    ],
  },
);

function render(ownershipEntityRefs: string[]) {
  return renderInTestApp(<TeamsCoverageWidget />, {
    apis: [
      runtimeStackTestApi(),
      mockApis.identity({
        userEntityRef: 'user:default/guest',
        ownershipEntityRefs,
      }),
    ],
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/runtime-stack-scorecards': scorecardsRouteRef,
    },
  });
}

describe('TeamsCoverageWidget', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);
  // The layer model names the capabilities of the gaps.
  beforeEach(() => server.use(layerModelHandler()));

  it("shows each of the user's teams with its coverage, common gaps and team view", async () => {
    const requested: string[] = [];
    server.use(
      http.get(`${baseUrl}/scorecards/teams/:namespace/:name`, ({ params }) => {
        requested.push(`${params.namespace}/${params.name}`);
        return params.name === 'team-payments'
          ? HttpResponse.json(payments)
          : HttpResponse.json(
              {
                error: { name: 'NotAllowedError', message: 'not allowed' },
                request: { method: 'GET', url: '/scorecards/teams' },
                response: { statusCode: 403 },
              },
              { status: 403 },
            );
      }),
    );
    await render([
      'user:default/guest',
      'group:default/team-payments',
      'group:ops/platform-team',
    ]);

    const teams = await screen.findByRole('list', { name: 'Your teams' });
    const [first, second] = within(teams).getAllByRole('listitem');
    // Only groups are teams; the user's own ref is not asked for.
    expect(requested.sort()).toEqual([
      'default/team-payments',
      'ops/platform-team',
    ]);
    expect(
      within(first).getByRole('link', { name: 'team-payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-payments');
    expect(first).toHaveTextContent('75%');
    expect(
      within(first).getByRole('progressbar', {
        name: 'Coverage of team-payments',
      }),
    ).toHaveAttribute(
      'aria-valuetext',
      '75%, 15 of 20 required capabilities covered, 1 partly',
    );
    expect(first).toHaveTextContent(
      '2 services · 5 gaps · 1 exemption expiring within 30 days',
    );
    // Partial counts as a gap; the three most common, on most services first.
    const gaps = within(first).getByLabelText(
      'Most common gaps of team-payments',
    );
    // Named by the layer model, which may answer after the team view; an
    // id it does not know stays as it is.
    await waitFor(() =>
      expect(
        within(gaps)
          .getAllByText(/^Layer/)
          .map(chip => chip.textContent),
      ).toEqual([
        'Layer 4 · Alerting · 2 services',
        'Layer 3 · backup · 1 service',
        'Layer 4 · Policy · 1 service',
      ]),
    );
    expect(
      within(first).getByRole('link', { name: 'Team view of team-payments' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments/runtime-stack',
    );

    // The team the policy refuses says so calmly, and offers no team view
    // link.
    expect(second).toHaveTextContent(
      "You may not see the team's coverage (not allowed). Ask your Backstage administrators",
    );
    expect(second).not.toHaveTextContent(/Could not load/);
    expect(
      within(second).queryByRole('link', { name: /Team view/ }),
    ).not.toBeInTheDocument();
  });

  it('says so when the user is in no team, pointing at the scorecards', async () => {
    await render(['user:default/guest']);
    expect(
      await screen.findByText(/You are in no team of the catalog/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'See every team on the scorecards.' }),
    ).toHaveAttribute('href', '/runtime-stack-scorecards');
  });

  it('says when a team owns nothing evaluated', async () => {
    server.use(
      http.get(`${baseUrl}/scorecards/teams/:namespace/:name`, () =>
        HttpResponse.json(teamView([])),
      ),
    );
    await render(['group:default/team-payments']);
    expect(
      await screen.findByText(
        'No evaluated Component is owned by this team or a group below it. Components count for the group named in their spec.owner.',
      ),
    ).toBeInTheDocument();
    // Nothing required reads as no ratio, not as fully covered.
    expect(screen.getByRole('listitem')).toHaveTextContent('—');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('names a team that failed to load, as a failure', async () => {
    server.use(
      http.get(`${baseUrl}/scorecards/teams/:namespace/:name`, () =>
        backendError('Error', 'database unavailable', 500),
      ),
    );
    await render(['group:default/team-payments']);
    expect(
      await screen.findByText(
        "Could not load the team's coverage: database unavailable",
      ),
    ).toBeInTheDocument();
  });

  it.each([
    [
      'cut short',
      { totalServices: 1200, hiddenServices: 0 },
      '1,200 services · 5 gaps among the 2 least covered · 1 exemption expiring within 30 days',
    ],
    [
      'without those hidden from the user',
      { totalServices: 5, hiddenServices: 3 },
      '5 services · 5 gaps among the 2 you can see · 1 exemption expiring within 30 days',
    ],
  ])(
    'counts every service of a team, and says its gaps are among those listed, %s',
    async (_, counts, text) => {
      server.use(
        http.get(`${baseUrl}/scorecards/teams/:namespace/:name`, () =>
          HttpResponse.json({ ...payments, ...counts }),
        ),
      );
      await render(['group:default/team-payments']);
      expect(await screen.findByRole('listitem')).toHaveTextContent(text);
    },
  );

  it('does not call a team empty when its services are only hidden from the user', async () => {
    server.use(
      http.get(`${baseUrl}/scorecards/teams/:namespace/:name`, () =>
        HttpResponse.json({
          ...payments,
          services: [],
          totalServices: 3,
          hiddenServices: 3,
        }),
      ),
    );
    await render(['group:default/team-payments']);
    const team = await screen.findByRole('listitem');
    expect(team).toHaveTextContent(
      '3 services · gaps not shown: the services are hidden from you',
    );
    expect(team).not.toHaveTextContent(/No evaluated Component/);
  });

  it('loads only the first five teams, the same ones each time, and links the rest on the scorecards', async () => {
    const requested: string[] = [];
    server.use(
      http.get(`${baseUrl}/scorecards/teams/:namespace/:name`, ({ params }) => {
        requested.push(`${params.namespace}/${params.name}`);
        return HttpResponse.json(payments);
      }),
    );
    await render([
      'group:default/team-g',
      'user:default/guest',
      'group:default/team-c',
      'group:default/team-a',
      'group:default/team-f',
      'group:default/team-e',
      'group:default/team-b',
      'group:default/team-d',
    ]);

    const teams = await screen.findByRole('list', { name: 'Your teams' });
    expect(
      within(teams)
        .getAllByRole('listitem')
        .map(team => within(team).getAllByRole('link')[0].textContent),
    ).toEqual(['team-a', 'team-b', 'team-c', 'team-d', 'team-e']);
    expect(requested.sort()).toEqual([
      'default/team-a',
      'default/team-b',
      'default/team-c',
      'default/team-d',
      'default/team-e',
    ]);
    expect(
      screen.getByRole('link', { name: 'and 2 more teams on the scorecards' }),
    ).toHaveAttribute('href', '/runtime-stack-scorecards');
  });

  it('offers no link to more teams when it shows them all', async () => {
    server.use(
      http.get(`${baseUrl}/scorecards/teams/:namespace/:name`, () =>
        HttpResponse.json(payments),
      ),
    );
    await render(['group:default/team-payments']);
    await screen.findByRole('list', { name: 'Your teams' });
    expect(screen.queryByRole('link', { name: /more team/ })).toBeNull();
  });
});
