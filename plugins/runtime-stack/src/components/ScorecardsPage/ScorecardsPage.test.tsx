import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import { requirementProfilesHandler } from '../../__testUtils__/panelSources';
import {
  defaultLayerModel,
  type EstateAdoption,
  type ServiceScorePage,
  type TeamScorecard,
} from '@internal/backstage-plugin-runtime-stack-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  baseUrl,
  renderWithClient,
  runtimeStackTestApi,
} from '../../__testUtils__/runtimeStackClient';
import { translationModule } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';
import { ScorecardsPage, ScorecardsPluginPage } from './ScorecardsPage';

jest.mock('./TrendSection', () => ({
  TrendSection: () => <div data-testid="trend-section" />,
}));
jest.mock('./TeamViewSection', () => ({
  TeamViewSection: (props: { team: string }) => (
    <div data-testid="team-view">{props.team}</div>
  ),
}));

const teams: TeamScorecard = {
  columns: [{ id: '3', title: 'Networking & storage', layer: 3 }],
  items: [
    {
      team: 'group:default/team-payments',
      services: 2,
      overall: { required: 4, covered: 3, partial: 0, ratio: 0.75 },
      cells: [
        {
          column: '3',
          services: 2,
          required: 4,
          covered: 3,
          partial: 0,
          ratio: 0.75,
        },
      ],
    },
  ],
  totalCount: 1,
  limit: 50,
  offset: 0,
};

/** The drill-down into layer 3. */
const ingressOfTeams: TeamScorecard = {
  ...teams,
  columns: [{ id: 'ingress', title: 'Ingress', layer: 3 }],
  items: teams.items.map(row => ({
    ...row,
    cells: row.cells.map(cell => ({ ...cell, column: 'ingress' })),
  })),
};

const drilledTable = { name: /^Coverage of the capabilities of Layer 3 · / };

const adoption: EstateAdoption = {
  services: 2,
  capabilities: [
    {
      capability: 'ingress',
      title: 'Ingress',
      layer: 3,
      required: 2,
      covered: 2,
      partial: 0,
      missing: 0,
      exempt: 0,
      tools: [{ tool: 'traefik', services: 2 }],
    },
  ],
};

const services: ServiceScorePage = {
  items: [
    {
      entityRef: 'component:default/payments-api',
      profile: 'tier-1',
      required: 4,
      covered: 3,
      partial: 0,
      ratio: 0.75,
      gapCount: 1,
      exemptCount: 0,
      evaluatedAt: new Date().toISOString(),
    },
  ],
  totalCount: 1,
  limit: 25,
  offset: 0,
};

describe('ScorecardsPage', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  beforeEach(() =>
    server.use(
      http.get(`${baseUrl}/scorecards/teams`, ({ request }) =>
        HttpResponse.json(
          new URL(request.url).searchParams.get('layer') === '3'
            ? ingressOfTeams
            : teams,
        ),
      ),
      http.get(`${baseUrl}/scorecards/adoption`, () =>
        HttpResponse.json(adoption),
      ),
      http.get(`${baseUrl}/scorecards/services`, () =>
        HttpResponse.json(services),
      ),
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
      // The services table's profile filter.
      requirementProfilesHandler(),
    ),
  );

  it('opens on the teams heatmap and switches between the tabs', async () => {
    await renderWithClient(<ScorecardsPage />);

    expect(
      screen.getByRole('heading', { name: 'Runtime stack scorecards' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('tab').map(t => t.textContent)).toEqual([
      'Teams',
      'Adoption',
      'Trends',
      'Services',
    ]);
    expect(screen.getByRole('tab', { name: 'Teams' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      await screen.findByLabelText(
        'team-payments, layer 3: 75%, 3 of 4 required covered, 2 services',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Adoption' }));
    expect(await screen.findByText('Traefik · 2 services')).toBeInTheDocument();
    expect(screen.getByRole('tabpanel')).toHaveAttribute(
      'aria-labelledby',
      screen.getByRole('tab', { name: 'Adoption' }).id,
    );
    expect(
      screen.queryByRole('table', { name: 'Coverage by team and layer' }),
    ).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Trends' }));
    expect(screen.getByTestId('trend-section')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Services' }));
    expect(
      await screen.findByRole('table', { name: 'Services' }),
    ).toHaveTextContent('payments-api');
  });

  it('keeps the open tab in the address, so a reload or a link opens it', async () => {
    await renderWithClient(<ScorecardsPluginPage />);
    expect(
      within(screen.getByRole('main')).getByRole('heading', {
        name: 'Runtime stack scorecards',
      }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Services' }));
    expect(
      await screen.findByRole('table', { name: 'Services' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Services' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('opens the tab the address names', async () => {
    await renderInTestApp(<ScorecardsPluginPage />, {
      apis: [runtimeStackTestApi()],
      mountPath: '/scorecards',
      initialRouteEntries: ['/scorecards?tab=adoption'],
    });
    expect(screen.getByRole('tab', { name: 'Adoption' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(await screen.findByText('Traefik · 2 services')).toBeInTheDocument();
  });

  it('keeps the layer drilled into and the team chosen when the tab changes', async () => {
    await renderWithClient(<ScorecardsPage />);

    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Layer 3 · .*: show its capabilities$/,
      }),
    );
    expect(await screen.findByRole('table', drilledTable)).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'team-payments' }),
    );
    expect(screen.getByTestId('team-view')).toHaveTextContent(
      'group:default/team-payments',
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Adoption' }));
    expect(await screen.findByText('Traefik · 2 services')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Teams' }));

    expect(await screen.findByRole('table', drilledTable)).toBeInTheDocument();
    expect(screen.getByTestId('team-view')).toHaveTextContent(
      'group:default/team-payments',
    );
  });

  it('opens the layer and the team the address names, leaving focus alone', async () => {
    await renderInTestApp(<ScorecardsPluginPage />, {
      apis: [runtimeStackTestApi()],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      mountPath: '/scorecards',
      initialRouteEntries: [
        `/scorecards?layer=3&team=${encodeURIComponent(
          'group:default/team-payments',
        )}`,
      ],
    });
    expect(await screen.findByRole('table', drilledTable)).toBeInTheDocument();
    expect(screen.getByTestId('team-view')).toHaveTextContent(
      'group:default/team-payments',
    );
    expect(
      screen.getByRole('heading', {
        name: 'Layer 3 · Networking, storage & access by team',
      }),
    ).not.toHaveFocus();
  });

  it('speaks the words an app installs for the plugin', async () => {
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        'scorecardsPage.header': 'Runtime-Stack-Scorecards',
        'scorecardsPage.tabs.services': 'Dienste',
        'scorecardsPage.heatmap.teamSummary_other':
          '{{percent}} insgesamt · {{count}} Dienste',
        'scorecardsPage.heatmap.cellLayer': 'Schicht {{layer}}',
        'scorecardsPage.heatmap.cell_other':
          '{{team}}, {{column}}: {{percent}}, {{covered, number}} von {{required, number}} gefordert, {{count}} Dienste',
        'scorecardsPage.pagination.rows':
          '{{from, number}}–{{to, number}} von {{total, number}}',
      },
    });
    await renderWithClient(
      <ScorecardsPage />,
      {},
      [],
      [translationModule(german)],
    );

    expect(
      screen.getByRole('heading', { name: 'Runtime-Stack-Scorecards' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Runtime stack scorecards' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Dienste' })).toBeInTheDocument();
    expect(
      await screen.findByLabelText(
        'team-payments, Schicht 3: 75%, 3 von 4 gefordert, 2 Dienste',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('rowheader')).toHaveTextContent(
      '75% insgesamt · 2 Dienste',
    );
    expect(screen.getByText('1–1 von 1')).toBeInTheDocument();
    // What the app leaves alone stays in English.
    expect(
      screen.getByRole('table', { name: 'Coverage by team and layer' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Adoption' })).toBeInTheDocument();
  });

  it('can open on another tab', async () => {
    await renderWithClient(<ScorecardsPage initialTab="trends" />);
    expect(screen.getByRole('tab', { name: 'Trends' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(screen.getByTestId('trend-section')).toBeInTheDocument();
  });
});
