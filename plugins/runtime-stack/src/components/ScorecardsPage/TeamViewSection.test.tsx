import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import { layerModelHandler } from '../../__testUtils__/panelSources';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { TeamView } from '@internal/backstage-plugin-runtime-stack-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useState } from 'react';
import { TeamViewSection } from './TeamViewSection';
import { backendError } from '../../__testUtils__/backendError';
import { runtimeStackTestApi } from '../../__testUtils__/runtimeStackClient';
import {
  findCoverageFigure,
  getCoverageFigure,
} from '../../__testUtils__/coverageFigure';

const base = 'http://backstage.test/api/runtime-stack';
const DAY = 24 * 60 * 60 * 1000;

const score = (name: string, required: number, covered: number) => ({
  entityRef: `component:default/${name}`,
  owner: 'group:default/team-payments',
  system: 'system:default/payments',
  lifecycle: 'production',
  profile: 'tier-1',
  required,
  covered,
  partial: 0,
  ratio: covered / required,
  gapCount: required - covered,
  exemptCount: 0,
  evaluatedAt: '2026-11-23T10:00:00.000Z',
});

const view: TeamView = {
  team: 'group:default/team-payments',
  groups: [
    'group:default/team-payments',
    'group:default/team-a',
    'group:default/team-b',
  ],
  overall: { required: 20, covered: 15, partial: 0, ratio: 0.75 },
  services: [
    {
      ...score('payments-api', 10, 8),
      gaps: [
        { capability: 'service-proxy', layer: 3, status: 'missing' },
        { capability: 'alerting', layer: 4, status: 'partial' },
      ],
    },
    { ...score('ledger', 10, 7), exemptCount: 1, gaps: [] },
  ],
  expiringExemptions: [
    {
      id: 'ex-1',
      scope: { kind: 'system', ref: 'system:default/payments' },
      capability: 'service-mesh',
      reason: 'Mesh rollout in Q1',
      expiresAt: new Date(Date.now() + 12 * DAY).toISOString(),
      requestedBy: 'group:default/team-payments',
      grantedBy: 'user:default/platform-admin',
      createdAt: '2026-10-01T00:00:00.000Z',
    },
  ],
};

describe('TeamViewSection', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);
  // The layer model names the capabilities of the gaps.
  beforeEach(() => server.use(layerModelHandler()));

  const render = (onClose = jest.fn()) =>
    renderInTestApp(
      <TeamViewSection team="group:default/team-payments" onClose={onClose} />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        apis: [runtimeStackTestApi(), mockApis.permission()],
      },
    );

  it("shows the team's services with their gaps and the exemptions about to expire", async () => {
    server.use(
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        HttpResponse.json(view),
      ),
    );
    await render();

    expect(await findCoverageFigure('Team coverage')).toHaveTextContent('75%');
    expect(screen.getByText('with team-a, team-b')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'team-payments' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments',
    );

    const services = screen.getByRole('table', {
      name: 'Services of the team',
    });
    const [, api, ledger] = within(services).getAllByRole('row');
    expect(
      within(api).getByRole('link', { name: 'payments-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api');
    expect(api).toHaveTextContent('80%');
    // Named by the layer model, which may answer after the team view.
    expect(
      await within(api).findByText('Layer 3 · Service proxy / ingress missing'),
    ).toBeInTheDocument();
    expect(
      within(api).getByText('Layer 4 · Alerting partial'),
    ).toBeInTheDocument();
    expect(ledger).toHaveTextContent('70%');
    expect(ledger).toHaveTextContent('7 of 10 required covered · 1 exempt');
    expect(within(ledger).getByText('none')).toBeInTheDocument();

    const exemptions = screen.getByRole('table', {
      name: 'Exemptions expiring within 30 days',
    });
    const [, row] = within(exemptions).getAllByRole('row');
    expect(
      within(row)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'Service mesh',
      'payments',
      'expires in 12 days',
      'Mesh rollout in Q1',
      'platform-admin',
    ]);
    expect(within(row).getByRole('link', { name: 'payments' })).toHaveAttribute(
      'href',
      '/catalog/default/system/payments',
    );
  });

  it("gives the partly covered capabilities behind a service's percentage", async () => {
    const partly = (exemptCount: number) => ({
      ...score('search-api', 7, 6),
      entityRef: `component:default/search-api-${exemptCount}`,
      partial: 1,
      // Partly covered counts half: 6.5 of 7.
      ratio: 6.5 / 7,
      exemptCount,
      gaps: [],
    });
    server.use(
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        HttpResponse.json({ ...view, services: [partly(0), partly(2)] }),
      ),
    );
    await render();

    const services = await screen.findByRole('table', {
      name: 'Services of the team',
    });
    const [, plain, exempt] = within(services).getAllByRole('row');
    expect(plain).toHaveTextContent('93%6 of 7 required covered, 1 partly');
    expect(exempt).toHaveTextContent(
      '93%6 of 7 required covered, 1 partly · 2 exempt',
    );
  });

  it('says how many services the coverage counts when the list shows fewer', async () => {
    server.use(
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        HttpResponse.json({ ...view, totalServices: 1200, hiddenServices: 0 }),
      ),
    );
    await render();

    expect(
      await screen.findByText(
        '15 of 20 required capabilities covered · 1,200 services',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Showing the 2 least covered of 1,200 services'),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Services of the team' }),
      ).getAllByRole('row'),
    ).toHaveLength(3);
  });

  it.each([
    [
      'the list is cut and some of it hidden',
      { totalServices: 1200, hiddenServices: 3 },
      'Showing the 2 least covered of 1,200 services, less 3 hidden from you',
    ],
    [
      'some of a whole list are hidden',
      { totalServices: 3, hiddenServices: 1 },
      '1 of the 3 services is hidden from you; the coverage above counts it',
    ],
  ])('says so when %s', async (_, counts, note) => {
    server.use(
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        HttpResponse.json({ ...view, ...counts }),
      ),
    );
    await render();

    expect(await screen.findByText(note)).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Services of the team' }),
      ).getAllByRole('row'),
    ).toHaveLength(3);
  });

  it('does not say the team has no services when all it has are hidden', async () => {
    server.use(
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        HttpResponse.json({
          ...view,
          totalServices: 2,
          hiddenServices: 2,
          services: [],
        }),
      ),
    );
    await render();

    expect(
      await screen.findByText(
        "All 2 of the team's services are hidden from you; the coverage above counts them",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^No evaluated Component/)).toBeNull();
    expect(
      screen.queryByRole('table', { name: 'Services of the team' }),
    ).toBeNull();
  });

  it('lists every service without a note when the list is whole', async () => {
    server.use(
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        HttpResponse.json({ ...view, totalServices: 2 }),
      ),
    );
    await render();

    expect(
      await screen.findByText(
        '15 of 20 required capabilities covered · 2 services',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Showing /)).toBeNull();
  });

  it('says when the team has no services, and closes', async () => {
    server.use(
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        HttpResponse.json({
          ...view,
          groups: [view.team],
          overall: { required: 0, covered: 0, partial: 0, ratio: 1 },
          services: [],
          expiringExemptions: [],
        }),
      ),
    );
    const onClose = jest.fn();
    await render(onClose);

    expect(
      await screen.findByText(
        'No evaluated Component is owned by this team or a group below it. Components count for the group named in their spec.owner.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText("None of the team's exemptions expires within 30 days."),
    ).toBeInTheDocument();
    expect(getCoverageFigure('Team coverage')).toHaveTextContent('—');
    expect(screen.queryByText(/^with /)).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Close the view of team-payments' }),
    );
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("shows none of the previous team's groups while the next team loads", async () => {
    let release = () => {};
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        HttpResponse.json(view),
      ),
      http.get(`${base}/scorecards/teams/default/team-search`, async () => {
        await held;
        return HttpResponse.json({
          ...view,
          team: 'group:default/team-search',
          groups: ['group:default/team-search', 'group:default/team-c'],
        });
      }),
    );
    const Switching = () => {
      const [team, setTeam] = useState('group:default/team-payments');
      return (
        <>
          <button onClick={() => setTeam('group:default/team-search')}>
            Next team
          </button>
          <TeamViewSection team={team} onClose={jest.fn()} />
        </>
      );
    };
    await renderInTestApp(<Switching />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [runtimeStackTestApi(), mockApis.permission()],
    });
    expect(await screen.findByText('with team-a, team-b')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next team' }));
    expect(
      await screen.findByRole('link', { name: 'team-search' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^with /)).toBeNull();

    release();
    expect(await screen.findByText('with team-c')).toBeInTheDocument();
  });

  it('offers Retry when the view failed to load, and loads it again', async () => {
    let failing = true;
    server.use(
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        failing
          ? backendError('ServiceUnavailableError', 'backend restarting', 503)
          : HttpResponse.json(view),
      ),
    );
    await render();
    expect(
      await screen.findByText(/Could not load the view of team-payments/),
    ).toBeInTheDocument();
    failing = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await findCoverageFigure('Team coverage')).toHaveTextContent('75%');
  });

  it('shows why the view could not be loaded', async () => {
    server.use(
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No such group' },
            request: { method: 'GET', url: '/x' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await render();
    expect(
      await screen.findByText(/Could not load the view of team-payments/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/No such group/).length).toBeGreaterThan(0);
  });
});
