import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import {
  defaultLayerModel,
  type CoverageTrend,
  type TeamScorecard,
  type TrendPoint,
} from '@internal/backstage-plugin-runtime-stack-common';
import { useAppLocation } from '@backstage/frontend-plugin-api';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { TrendSection } from './TrendSection';
import { runtimeStackTestApi } from '../../__testUtils__/runtimeStackClient';

const base = 'http://backstage.test/api/runtime-stack';

const point = (day: string, covered: number, required = 20): TrendPoint => ({
  day,
  required,
  covered,
  partial: 0,
  ratio: covered / required,
  services: 4,
});

const estate: CoverageTrend = {
  subject: { kind: 'estate' },
  points: [point('2026-11-21', 10), point('2026-11-22', 12)],
  layers: [
    {
      layer: 4,
      points: [point('2026-11-21', 2, 8), point('2026-11-22', 4, 8)],
    },
    {
      layer: 3,
      points: [point('2026-11-21', 5, 6), point('2026-11-22', 6, 6)],
    },
  ],
};

const team: CoverageTrend = {
  subject: { kind: 'team', ref: 'group:default/team-payments' },
  points: [
    point('2026-11-20', 8, 10),
    point('2026-11-21', 8, 10),
    point('2026-11-22', 9, 10),
  ],
  layers: [{ layer: 3, points: [point('2026-11-22', 3, 4)] }],
};

const row = (ref: string) => ({
  team: ref,
  services: 2,
  overall: { required: 10, covered: 5, partial: 0, ratio: 0.5 },
  cells: [],
});

const scorecard = (
  teams: string[],
  page: { totalCount?: number; limit?: number; offset?: number } = {},
): TeamScorecard => ({
  columns: [],
  items: teams.map(row),
  totalCount: page.totalCount ?? teams.length,
  limit: page.limit ?? 50,
  offset: page.offset ?? 0,
});

describe('TrendSection', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  /** Answers trends by subject; records each query. */
  const serveTrends = (answers: Record<string, CoverageTrend>) => {
    const queries: Array<Record<string, string>> = [];
    server.use(
      http.get(`${base}/scorecards/trend`, ({ request }) => {
        const query = Object.fromEntries(
          new URL(request.url).searchParams.entries(),
        );
        queries.push(query);
        const answer = answers[query.subject];
        return answer
          ? HttpResponse.json(answer)
          : HttpResponse.json(
              {
                error: { name: 'InputError', message: 'no such subject' },
                request: { method: 'GET', url: '/x' },
                response: { statusCode: 400 },
              },
              { status: 400 },
            );
      }),
    );
    return queries;
  };

  const serveTeams = (...pages: TeamScorecard[]) => {
    const offsets: string[] = [];
    server.use(
      http.get(`${base}/scorecards/teams`, ({ request }) => {
        const offset = new URL(request.url).searchParams.get('offset') ?? '0';
        offsets.push(offset);
        return HttpResponse.json(
          pages.find(p => String(p.offset) === offset) ?? pages[0],
        );
      }),
    );
    return offsets;
  };

  /** The page's address, for a test to read what the section keeps there. */
  const Address = () => (
    <output aria-label="address">{useAppLocation().search}</output>
  );
  const address = () =>
    Object.fromEntries(
      new URLSearchParams(screen.getByLabelText('address').textContent ?? ''),
    );

  /** The section at an address with `search`, as a reload or a link opens it. */
  const render = (search = '') => {
    server.use(
      http.get(`${base}/layers`, () => HttpResponse.json(defaultLayerModel)),
    );
    return renderInTestApp(
      <>
        <TrendSection />
        <Address />
      </>,
      {
        apis: [runtimeStackTestApi()],
        mountPath: '/scorecards',
        initialRouteEntries: [`/scorecards${search}`],
      },
    );
  };

  const pick = async (field: RegExp, option: string) => {
    await userEvent.click(screen.getByRole('button', { name: field }));
    await userEvent.click(
      within(await screen.findByRole('listbox')).getByText(option),
    );
  };

  const legendOf = (chart: string) =>
    within(screen.getByRole('list', { name: `${chart} legend` }))
      .getAllByRole('listitem')
      .map(i => i.textContent);

  it('shows the estate over 90 days, and one line per layer on demand', async () => {
    const queries = serveTrends({ estate });
    serveTeams(scorecard(['group:default/team-payments']));
    await render();

    const chart = await screen.findByRole('img', {
      name: 'Coverage of Estate by day',
    });
    expect(queries).toEqual([{ subject: 'estate', days: '90' }]);
    expect(chart.querySelectorAll('polyline')).toHaveLength(1);
    expect(chart.querySelectorAll('circle')).toHaveLength(2);
    expect(legendOf('Coverage of Estate by day')).toEqual(['Estate']);

    const latest = screen.getByRole('table', { name: 'Latest coverage' });
    expect(
      within(within(latest).getAllByRole('row')[1])
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['Estate', '2026-11-22', '60%', '12 / 20', '4']);

    await userEvent.click(screen.getByRole('checkbox', { name: 'By layer' }));
    // Each layer by its title, as every view names it.
    expect(legendOf('Coverage of Estate by day')).toEqual([
      'Estate',
      'Layer 3 · Networking, storage & access',
      'Layer 4 · Security, delivery & observability',
    ]);
    expect(
      screen
        .getByRole('img', { name: 'Coverage of Estate by day' })
        .querySelectorAll('polyline'),
    ).toHaveLength(3);
    expect(
      within(screen.getByRole('table', { name: 'Latest coverage' }))
        .getAllByRole('row')
        .slice(1)
        .map(r => r.firstChild?.textContent),
    ).toEqual([
      'Estate',
      'Layer 3 · Networking, storage & access',
      'Layer 4 · Security, delivery & observability',
    ]);
    // Toggling draws from the answer at hand.
    expect(queries).toHaveLength(1);
  });

  it("asks for a team's trend after picking it, and for another period", async () => {
    const queries = serveTrends({ estate, team });
    serveTeams(
      scorecard(['group:default/team-web', 'group:default/team-payments']),
    );
    await render();
    await screen.findByRole('img', { name: 'Coverage of Estate by day' });

    await pick(/Subject/, 'team-payments');
    const chart = await screen.findByRole('img', {
      name: 'Coverage of team-payments by day',
    });
    expect(queries[1]).toEqual({
      subject: 'team',
      ref: 'group:default/team-payments',
      days: '90',
    });
    expect(chart.querySelectorAll('circle')).toHaveLength(3);
    expect(chart.querySelector('polyline')?.getAttribute('points')).toBe(
      '44,48 314,48 584,30',
    );

    await userEvent.click(screen.getByRole('checkbox', { name: 'By layer' }));
    expect(legendOf('Coverage of team-payments by day')).toEqual([
      'team-payments',
      'Layer 3 · Networking, storage & access',
    ]);

    await pick(/Period/, 'Last 30 days');
    await waitFor(() =>
      expect(queries[queries.length - 1]).toEqual({
        subject: 'team',
        ref: 'group:default/team-payments',
        days: '30',
      }),
    );
  });

  it('shows a layer across the estate, without lines per layer', async () => {
    const layer3: CoverageTrend = {
      subject: { kind: 'layer', layer: 3 },
      points: [point('2026-11-22', 15)],
      layers: [],
    };
    const queries = serveTrends({ estate, layer: layer3 });
    serveTeams(scorecard([]));
    await render();
    await screen.findByRole('img', { name: 'Coverage of Estate by day' });

    await pick(/Subject/, 'Layer 3 · Networking, storage & access');
    const chart = await screen.findByRole('img', {
      name: 'Coverage of Layer 3 · Networking, storage & access by day',
    });
    expect(queries[1]).toEqual({ subject: 'layer', layer: '3', days: '90' });
    expect(chart.querySelectorAll('circle')).toHaveLength(1);
    expect(chart.querySelector('circle title')).toHaveTextContent(
      '2026-11-22: 75%',
    );
    expect(
      screen.queryByRole('checkbox', { name: 'By layer' }),
    ).not.toBeInTheDocument();
  });

  it('keeps the subject when a group heading of the picker is clicked', async () => {
    const queries = serveTrends({ estate });
    serveTeams(scorecard(['group:default/team-payments']));
    await render();
    await screen.findByRole('img', { name: 'Coverage of Estate by day' });

    await pick(/Subject/, 'Teams');
    expect(
      await screen.findByRole('img', { name: 'Coverage of Estate by day' }),
    ).toBeInTheDocument();
    expect(queries).toEqual([{ subject: 'estate', days: '90' }]);
  });

  it('keeps the subject, period and lines per layer in the address', async () => {
    serveTrends({ estate, team });
    serveTeams(scorecard(['group:default/team-payments']));
    await render('?tab=trends');
    await screen.findByRole('img', { name: 'Coverage of Estate by day' });

    await pick(/Subject/, 'team-payments');
    await pick(/Period/, 'Last 180 days');
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'By layer' }),
    );
    expect(address()).toEqual({
      tab: 'trends',
      'trends.subject': 'team:group:default/team-payments',
      'trends.days': '180',
      'trends.byLayer': 'true',
    });

    // Back to the defaults: nothing of the trend is left in the address.
    await pick(/Subject/, 'Estate');
    await pick(/Period/, 'Last 90 days');
    await userEvent.click(screen.getByRole('checkbox', { name: 'By layer' }));
    expect(address()).toEqual({ tab: 'trends' });
  });

  it('shows the trend a reload or a link names', async () => {
    const queries = serveTrends({ team });
    // The team is past the teams read: still the subject shown.
    serveTeams(scorecard([]));
    await render(
      '?trends.subject=team:team-payments&trends.days=30&trends.byLayer=true',
    );

    await screen.findByRole('img', {
      name: 'Coverage of team-payments by day',
    });
    expect(queries).toEqual([
      { subject: 'team', ref: 'group:default/team-payments', days: '30' },
    ]);
    expect(legendOf('Coverage of team-payments by day')).toEqual([
      'team-payments',
      'Layer 3 · Networking, storage & access',
    ]);
    expect(screen.getByRole('button', { name: /Subject/ })).toHaveTextContent(
      'team-payments',
    );
  });

  it('shows the estate over 90 days for an address it cannot read', async () => {
    const queries = serveTrends({ estate });
    serveTeams(scorecard([]));
    await render('?trends.subject=layer:99&trends.days=7&trends.byLayer=maybe');

    // Layer 99 waits for the layer model to be found unknown.
    await waitFor(() =>
      expect(queries[queries.length - 1]).toEqual({
        subject: 'estate',
        days: '90',
      }),
    );
    expect(
      await screen.findByRole('img', { name: 'Coverage of Estate by day' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', { name: 'By layer' }),
    ).not.toBeChecked();
  });

  it('says when there is no history yet', async () => {
    serveTrends({ estate: { ...estate, points: [], layers: [] } });
    serveTeams(scorecard([]));
    await render();
    expect(
      await screen.findByText(
        'No history yet: a snapshot is taken each day the coverage is evaluated',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('shows why the trend could not be loaded', async () => {
    serveTrends({});
    serveTeams(scorecard([]));
    await render();
    expect(
      await screen.findByText(/Could not load the trend of Estate/),
    ).toBeInTheDocument();
  });

  it('loads the trend again on Retry after it failed to load', async () => {
    const answers: Record<string, CoverageTrend> = {};
    const queries = serveTrends(answers);
    serveTeams(scorecard([]));
    await render();
    expect(
      await screen.findByText(/Could not load the trend of Estate/),
    ).toBeInTheDocument();
    answers.estate = estate;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('img', { name: 'Coverage of Estate by day' }),
    ).toBeInTheDocument();
    expect(queries).toHaveLength(2);
  });

  it('offers the teams of every page of the scorecard', async () => {
    serveTrends({ estate });
    const offsets = serveTeams(
      scorecard(['group:default/team-a', 'group:default/team-b'], {
        totalCount: 3,
        limit: 2,
      }),
      scorecard(['group:ops/team-c'], { totalCount: 3, limit: 2, offset: 2 }),
    );
    await render();
    await screen.findByRole('img', { name: 'Coverage of Estate by day' });
    await waitFor(() => expect(offsets).toEqual(['0', '2']));

    await userEvent.click(screen.getByRole('button', { name: /Subject/ }));
    const listbox = await screen.findByRole('listbox');
    expect(within(listbox).getByText('team-a')).toBeInTheDocument();
    expect(within(listbox).getByText('team-b')).toBeInTheDocument();
    expect(within(listbox).getByText('ops/team-c')).toBeInTheDocument();
  });
});
