import { useAppLocation } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  defaultLayerModel,
  type TeamCoverageRow,
  type TeamScorecard,
} from '@internal/backstage-plugin-runtime-stack-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { RefObject } from 'react';
import {
  baseUrl,
  presentationTestApi,
  queryOf,
  renderWithClient,
  runtimeStackTestApi,
} from '../../__testUtils__/runtimeStackClient';
import { backendError } from '../../__testUtils__/backendError';
import { TeamHeatmap } from './TeamHeatmap';

jest.mock('./TeamViewSection', () => ({
  TeamViewSection: (props: {
    team: string;
    titleRef?: RefObject<HTMLHeadingElement>;
    onClose: () => void;
  }) => (
    <div data-testid="team-view">
      <h3 ref={props.titleRef} tabIndex={-1}>
        Team view of {props.team}
      </h3>
      <button onClick={props.onClose}>Close team view</button>
    </div>
  ),
}));

const counts = (required: number, covered: number, partial = 0) => ({
  required,
  covered,
  partial,
  ratio: required === 0 ? 1 : (covered + 0.5 * partial) / required,
});

const layerColumns: TeamScorecard['columns'] = [
  { id: '3', title: 'Networking, storage & access', layer: 3 },
  { id: '4', title: 'Security, delivery & observability', layer: 4 },
];

const payments: TeamCoverageRow = {
  team: 'group:default/team-payments',
  parent: 'group:default/product-engineering',
  services: 6,
  overall: counts(10, 7, 1),
  cells: [
    { column: '3', services: 5, ...counts(6, 5) },
    { column: '4', services: 4, ...counts(4, 1, 2) },
  ],
};

const search: TeamCoverageRow = {
  team: 'group:default/team-search',
  services: 1,
  overall: counts(2, 0),
  // Nothing of layer 4 is required of team-search: no cell for it.
  cells: [{ column: '3', services: 1, ...counts(2, 0) }],
};

const layersPage: TeamScorecard = {
  columns: layerColumns,
  items: [payments, search],
  totalCount: 120,
  limit: 50,
  offset: 0,
};

const capabilitiesPage: TeamScorecard = {
  columns: [
    { id: 'ingress', title: 'Ingress', layer: 3 },
    { id: 'data-protection', title: 'Data protection', layer: 3 },
  ],
  items: [
    {
      ...payments,
      cells: [
        { column: 'ingress', services: 5, ...counts(5, 5) },
        { column: 'data-protection', services: 1, ...counts(1, 0) },
      ],
    },
    { ...search, cells: [] },
  ],
  totalCount: 120,
  limit: 50,
  offset: 0,
};

const secondPage: TeamScorecard = {
  columns: layerColumns,
  items: [
    {
      team: 'group:ops/team-sre',
      services: 2,
      overall: counts(4, 4),
      cells: [{ column: '3', services: 2, ...counts(4, 4) }],
    },
  ],
  totalCount: 120,
  limit: 50,
  offset: 50,
};

describe('TeamHeatmap', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);
  beforeEach(() =>
    server.use(
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
    ),
  );

  /**
   * Answers by `layer` and `offset`, and records every request's query;
   * the answers for layer 3 wait for `layerAnswer` when given.
   */
  const serve = (layerAnswer?: Promise<void>) => {
    const requests: Array<Record<string, string>> = [];
    server.use(
      http.get(`${baseUrl}/scorecards/teams`, async ({ request }) => {
        const query = queryOf(request.url);
        requests.push(query);
        if (query.layer === '3') {
          await layerAnswer;
          return HttpResponse.json(capabilitiesPage);
        }
        if (query.offset === '50') return HttpResponse.json(secondPage);
        return HttpResponse.json(layersPage);
      }),
    );
    return requests;
  };

  const cell = (label: string) => screen.getByLabelText(label);

  it('names teams as the catalog does once it answers: row headers, cells and the team view', async () => {
    serve();
    await renderWithClient(<TeamHeatmap />, {}, [
      presentationTestApi({
        'group:default/team-payments': 'Payments',
        'group:default/product-engineering': 'Product Engineering',
      }),
    ]);

    const paymentsTeam = await screen.findByRole('button', {
      name: 'Payments',
    });
    // The group above it, whose row counts its services too.
    const paymentsHeader = screen.getByRole('rowheader', { name: /Payments/ });
    expect(
      await within(paymentsHeader).findByText('in Product Engineering'),
    ).toBeInTheDocument();
    const searchHeader = screen.getByRole('rowheader', {
      name: /team-search/,
    });
    expect(within(searchHeader).queryByText(/^in /)).not.toBeInTheDocument();
    expect(paymentsTeam).toHaveAttribute(
      'title',
      'Show the services and gaps of Payments',
    );
    expect(
      screen.getByLabelText(
        'Payments, layer 3: 83%, 5 of 6 required covered, 5 services',
      ),
    ).toBeInTheDocument();
    // A team the catalog has no display name for keeps its short ref.
    expect(screen.getByRole('button', { name: 'team-search' })).toBeVisible();

    await userEvent.click(paymentsTeam);
    expect(screen.getByTestId('team-view')).toHaveTextContent(
      'Team view of group:default/team-payments',
    );
  });

  it('shows teams × layers with percentages, counts and heat colours', async () => {
    const requests = serve();
    await renderWithClient(<TeamHeatmap />);

    const table = await screen.findByRole('table', {
      name: 'Coverage by team and layer',
    });
    expect(requests).toEqual([{ limit: '50', offset: '0' }]);

    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    // Layers by the name every view gives them.
    expect(headers).toEqual([
      'Team',
      'Layer 3 · Networking, storage & access',
      'Layer 4 · Security, delivery & observability',
    ]);

    const l3 = cell(
      'team-payments, layer 3: 83%, 5 of 6 required covered, 5 services',
    );
    // Words, not "svcs", which a screen reader spells out.
    expect(l3).toHaveTextContent('83%5/65 services');
    // 5/6 is two thirds of the way from amber to green.
    expect(l3).toHaveAttribute('data-heat', '#7a9428');
    expect(l3).toHaveStyle({ background: '#7a9428' });

    const l4 = cell(
      'team-payments, layer 4: 50%, 1 of 4 required covered, 2 partly, 4 services',
    );
    expect(l4).toHaveTextContent('50%1/4 +2 partly4 services');
    expect(l4).toHaveAttribute('data-heat', '#ffa000');

    const searchL3 = cell(
      'team-search, layer 3: 0%, 0 of 2 required covered, 1 service',
    );
    expect(searchL3).toHaveAttribute('data-heat', '#d32f2f');

    const searchL4 = cell('team-search, layer 4: nothing required');
    expect(searchL4).toHaveTextContent('—');
    expect(searchL4).toHaveAttribute('data-heat', '#9e9e9e');

    // Row header: the team with its overall coverage, and a catalog link.
    const paymentsRow = screen
      .getByRole('button', { name: 'team-payments' })
      .closest('tr')!;
    expect(within(paymentsRow).getByRole('rowheader')).toHaveTextContent(
      '75% overall · 6 services',
    );
    expect(
      within(paymentsRow).getByRole('link', {
        name: 'Open team-payments in the catalog',
      }),
    ).toHaveAttribute('href', '/catalog/default/group/team-payments');

    expect(
      screen.getByRole('group', { name: 'Colour scale' }),
    ).toHaveTextContent('0%25%50%75%100%—nothing required');
    expect(screen.getByText('1-50 of 120')).toBeInTheDocument();
  });

  it('writes counts as the app’s language does', async () => {
    const large: TeamCoverageRow = {
      team: 'group:default/platform',
      services: 2400,
      overall: counts(30000, 24000),
      cells: [{ column: '3', services: 1200, ...counts(12000, 9000, 1500) }],
    };
    server.use(
      http.get(`${baseUrl}/scorecards/teams`, () =>
        HttpResponse.json({ ...layersPage, items: [large], totalCount: 1 }),
      ),
    );
    await renderWithClient(<TeamHeatmap />);

    const l3 = await screen.findByLabelText(
      'platform, layer 3: 81%, 9,000 of 12,000 required covered, 1,500 partly, 1,200 services',
    );
    expect(l3).toHaveTextContent('81%9,000/12,000 +1,500 partly1,200 services');
    expect(screen.getByRole('rowheader')).toHaveTextContent(
      '80% overall · 2,400 services',
    );
  });

  it('drills down to the capabilities of a layer and back', async () => {
    const requests = serve();
    await renderWithClient(<TeamHeatmap />);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Layer 3 · Networking, storage & access: show its capabilities',
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Coverage of the capabilities of Layer 3 · Networking, storage & access by team',
    });
    expect(requests[1]).toEqual({ layer: '3', limit: '50', offset: '0' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Team', 'Ingress', 'Data protection']);
    expect(
      screen.getByRole('heading', {
        name: 'Layer 3 · Networking, storage & access by team',
      }),
    ).toBeInTheDocument();
    expect(
      cell('team-payments, Ingress: 100%, 5 of 5 required covered, 5 services'),
    ).toHaveAttribute('data-heat', '#388e3c');
    expect(
      cell(
        'team-payments, Data protection: 0%, 0 of 1 required covered, 1 service',
      ),
    ).toHaveAttribute('data-heat', '#d32f2f');
    expect(cell('team-search, Ingress: nothing required')).toHaveTextContent(
      '—',
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Back to layers' }),
    );
    expect(
      await screen.findByRole('table', { name: 'Coverage by team and layer' }),
    ).toBeInTheDocument();
    expect(requests[2]).toEqual({ limit: '50', offset: '0' });
    expect(
      screen.queryByRole('button', { name: 'Back to layers' }),
    ).not.toBeInTheDocument();
  });

  it('keeps the table on screen while a drill-down loads, then moves focus to the new heading', async () => {
    let answer = () => {};
    const requests = serve(
      new Promise<void>(resolve => {
        answer = resolve;
      }),
    );
    await renderWithClient(<TeamHeatmap />);

    const drillDown = await screen.findByRole('button', {
      name: /^Layer 3 · .*: show its capabilities$/,
    });
    await userEvent.click(drillDown);
    await waitFor(() => expect(requests).toHaveLength(2));
    // Until the capabilities come, the layers stay, and so does focus.
    expect(
      screen.getByRole('table', { name: 'Coverage by team and layer' }),
    ).toHaveAttribute('aria-busy', 'true');
    expect(
      screen.getByRole('heading', { name: 'Coverage by team' }),
    ).toBeInTheDocument();
    expect(drillDown).toHaveFocus();

    answer();
    const drilledHeading = await screen.findByRole('heading', {
      name: 'Layer 3 · Networking, storage & access by team',
    });
    expect(
      screen.getByRole('table', {
        name: /^Coverage of the capabilities of Layer 3 · /,
      }),
    ).toHaveAttribute('aria-busy', 'false');
    await waitFor(() => expect(drilledHeading).toHaveFocus());

    // The button goes with the drill-down: focus goes to the layers' heading.
    await userEvent.click(
      screen.getByRole('button', { name: 'Back to layers' }),
    );
    const layersHeading = await screen.findByRole('heading', {
      name: 'Coverage by team',
    });
    await waitFor(() => expect(layersHeading).toHaveFocus());
  });

  it('keeps the team column in place when the table scrolls sideways', async () => {
    serve();
    await renderWithClient(<TeamHeatmap />);

    const table = await screen.findByRole('table', {
      name: 'Coverage by team and layer',
    });
    const teamColumn = [
      within(table).getByRole('columnheader', { name: 'Team' }),
      ...within(table).getAllByRole('rowheader'),
    ];
    for (const teamCell of teamColumn) {
      // Opaque, so the cells scrolling under it do not show through.
      expect(teamCell).toHaveStyle({
        position: 'sticky',
        left: '0px',
        backgroundColor: '#fff',
      });
    }
  });

  it('pages through the teams 50 at a time', async () => {
    const requests = serve();
    await renderWithClient(<TeamHeatmap />);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Next page' }),
    );
    expect(
      await screen.findByRole('button', { name: 'ops/team-sre' }),
    ).toBeInTheDocument();
    expect(requests[1]).toEqual({ limit: '50', offset: '50' });
    expect(screen.getByText('51-100 of 120')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'team-payments' }),
    ).not.toBeInTheDocument();
  });

  it('offers Retry when a page of teams fails to load, and loads that page again', async () => {
    let failing = true;
    const requests = serve();
    server.use(
      http.get(`${baseUrl}/scorecards/teams`, ({ request }) => {
        const query = queryOf(request.url);
        if (query.offset !== '50' || !failing) return undefined;
        requests.push(query);
        return HttpResponse.json(
          { error: { name: 'Error', message: 'database is down' } },
          { status: 500 },
        );
      }),
    );
    await renderWithClient(<TeamHeatmap />);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Next page' }),
    );
    expect(
      await screen.findByText(/Could not load the team scorecard/),
    ).toBeInTheDocument();
    failing = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('button', { name: 'ops/team-sre' }),
    ).toBeInTheDocument();
    expect(screen.getByText('51-100 of 120')).toBeInTheDocument();
    expect(requests.map(r => r.offset)).toEqual(['0', '50', '50']);
  });

  it("reads the policy's refusal as a sentence, not as an error", async () => {
    server.use(
      http.get(`${baseUrl}/scorecards/teams`, () =>
        backendError(
          'NotAllowedError',
          'Reading scorecards is not allowed for you',
          403,
        ),
      ),
    );
    await renderWithClient(<TeamHeatmap />);
    expect(
      await screen.findByText(
        /You may not see the team scorecard \(Reading scorecards is not allowed for you\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Could not load/)).toBeNull();
  });

  describe('choosing a team', () => {
    const scrolled: Element[] = [];
    const { scrollIntoView } = Element.prototype;
    beforeEach(() => {
      scrolled.length = 0;
      // jsdom does not scroll.
      Element.prototype.scrollIntoView = function record(this: Element) {
        scrolled.push(this);
      };
    });
    afterEach(() => {
      Element.prototype.scrollIntoView = scrollIntoView;
    });

    it('scrolls to its view and moves focus there, and back to the team when it closes', async () => {
      serve();
      await renderWithClient(<TeamHeatmap />);

      const team = await screen.findByRole('button', { name: 'team-search' });
      await userEvent.click(team);
      const heading = screen.getByRole('heading', {
        name: 'Team view of group:default/team-search',
      });
      expect(scrolled).toEqual([heading]);
      expect(heading).toHaveFocus();

      // Chosen again after moving on: back to its view.
      team.focus();
      await userEvent.click(team);
      expect(heading).toHaveFocus();

      await userEvent.click(
        screen.getByRole('button', { name: 'Close team view' }),
      );
      expect(screen.queryByTestId('team-view')).not.toBeInTheDocument();
      expect(team).toHaveFocus();
    });
  });

  it('opens the view of the team whose name is clicked, and closes it', async () => {
    serve();
    await renderWithClient(<TeamHeatmap />);

    expect(screen.queryByTestId('team-view')).not.toBeInTheDocument();
    const team = await screen.findByRole('button', { name: 'team-search' });
    await userEvent.click(team);

    expect(screen.getByTestId('team-view')).toHaveTextContent(
      'Team view of group:default/team-search',
    );
    expect(team).toHaveAttribute('aria-pressed', 'true');
    expect(team.closest('tr')).toHaveClass('Mui-selected');

    await userEvent.click(
      screen.getByRole('button', { name: 'Close team view' }),
    );
    expect(screen.queryByTestId('team-view')).not.toBeInTheDocument();
  });

  describe('the page in the address', () => {
    const Address = () => (
      <output aria-label="address">{useAppLocation().search}</output>
    );
    const address = () =>
      Object.fromEntries(
        new URLSearchParams(screen.getByLabelText('address').textContent ?? ''),
      );
    const renderAt = (query: string) =>
      renderInTestApp(
        <>
          <TeamHeatmap />
          <Address />
        </>,
        {
          apis: [runtimeStackTestApi()],
          mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
          mountPath: '/scorecards',
          initialRouteEntries: [`/scorecards${query}`],
        },
      );

    it('is kept there, and restored from it', async () => {
      const requests = serve();
      await renderAt('?tab=teams');
      await userEvent.click(
        await screen.findByRole('button', { name: 'Next page' }),
      );
      expect(
        await screen.findByRole('button', { name: 'ops/team-sre' }),
      ).toBeInTheDocument();
      expect(address()).toEqual({ tab: 'teams', 'teams.page': '2' });
      await userEvent.click(
        screen.getByRole('button', { name: 'Previous page' }),
      );
      await waitFor(() => expect(address()).toEqual({ tab: 'teams' }));
      expect(requests.map(r => r.offset)).toEqual(['0', '50', '0']);
    });

    it('opens the page a link names', async () => {
      const requests = serve();
      await renderAt('?teams.page=2');
      expect(
        await screen.findByRole('button', { name: 'ops/team-sre' }),
      ).toBeInTheDocument();
      expect(requests).toEqual([{ limit: '50', offset: '50' }]);
    });

    it.each([
      ['no number', 'two', '0'],
      ['past the last page', '9', '100'],
    ])('falls back from a page that is %s', async (_, page, offset) => {
      const requests = serve();
      await renderAt(`?teams.page=${page}`);
      await waitFor(() =>
        expect(requests[requests.length - 1].offset).toBe(offset),
      );
      expect(
        await screen.findByRole('table', {
          name: 'Coverage by team and layer',
        }),
      ).toBeInTheDocument();
    });
  });

  it('explains an empty scorecard', async () => {
    server.use(
      http.get(`${baseUrl}/scorecards/teams`, () =>
        HttpResponse.json({
          columns: layerColumns,
          items: [],
          totalCount: 0,
          limit: 50,
          offset: 0,
        } satisfies TeamScorecard),
      ),
    );
    await renderWithClient(<TeamHeatmap />);
    expect(
      await screen.findByText('No teams to score yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/evaluated after the first cluster collection/),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/scorecards/teams`, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'database is down' } },
          { status: 500 },
        ),
      ),
    );
    await renderWithClient(<TeamHeatmap />);
    expect(
      await screen.findByText(/Could not load the team scorecard/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getAllByText(/database is down/).length).toBeGreaterThan(0),
    );
  });
});
