import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import { layerModelHandler } from '../../__testUtils__/panelSources';
import type { Entity } from '@backstage/catalog-model';
import type {
  CoverageTrend,
  TeamView,
} from '@internal/backstage-plugin-runtime-stack-common';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GroupRuntimeStackContent } from './GroupRuntimeStackContent';
import { renderEntityContent } from '../../__testUtils__/runtimeStackClient';
import { testSignals } from '../../__testUtils__/testSignals';
import { backendError } from '../../__testUtils__/backendError';
import { translationModule } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';
import {
  findCoverageFigure,
  getCoverageFigure,
} from '../../__testUtils__/coverageFigure';

const base = 'http://backstage.test/api/runtime-stack';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'product-engineering', namespace: 'default' },
  spec: { type: 'department', children: ['team-payments'] },
};

const view: TeamView = {
  team: 'group:default/product-engineering',
  groups: ['group:default/product-engineering', 'group:default/team-payments'],
  overall: { required: 10, covered: 8, partial: 0, ratio: 0.8 },
  services: [
    {
      entityRef: 'component:default/payments-api',
      owner: 'group:default/team-payments',
      system: 'system:default/payments',
      lifecycle: 'production',
      profile: 'tier-1',
      required: 10,
      covered: 8,
      partial: 0,
      ratio: 0.8,
      gapCount: 2,
      exemptCount: 0,
      evaluatedAt: '2026-12-04T10:00:00.000Z',
      gaps: [{ capability: 'alerting', layer: 4, status: 'missing' }],
    },
  ],
  expiringExemptions: [],
};

const trend: CoverageTrend = {
  subject: { kind: 'team', ref: 'group:default/product-engineering' },
  layers: [],
  points: [
    {
      day: '2026-12-01',
      required: 10,
      covered: 6,
      partial: 0,
      ratio: 0.6,
      services: 1,
    },
    {
      day: '2026-12-04',
      required: 10,
      covered: 8,
      partial: 0,
      ratio: 0.8,
      services: 1,
    },
  ],
};

describe('GroupRuntimeStackContent', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);
  // The layer model names the capabilities of the gaps.
  beforeEach(() => server.use(layerModelHandler()));

  const render = () => renderEntityContent(group, <GroupRuntimeStackContent />);

  it("shows the coverage of the services below the group, and the team's trend", async () => {
    let trendQuery: URLSearchParams | undefined;
    server.use(
      http.get(`${base}/scorecards/teams/default/product-engineering`, () =>
        HttpResponse.json(view),
      ),
      http.get(`${base}/scorecards/trend`, ({ request }) => {
        trendQuery = new URL(request.url).searchParams;
        return HttpResponse.json(trend);
      }),
    );
    await render();

    expect(await findCoverageFigure('Team coverage')).toHaveTextContent('80%');
    const services = screen.getByRole('table', {
      name: 'Services of the team',
    });
    expect(within(services).getByText('payments-api')).toBeInTheDocument();
    expect(
      await screen.findByText(
        /80% on 2026-12-04 .* \+20 points since 2026-12-01/,
      ),
    ).toBeInTheDocument();
    expect(trendQuery?.get('subject')).toBe('team');
    expect(trendQuery?.get('ref')).toBe('group:default/product-engineering');
  });

  it('reloads the team view when the backend signals a change below the group', async () => {
    let answer = view;
    server.use(
      http.get(`${base}/scorecards/teams/default/product-engineering`, () =>
        HttpResponse.json(answer),
      ),
      http.get(`${base}/scorecards/trend`, () => HttpResponse.json(trend)),
    );
    const signals = testSignals();
    await renderEntityContent(group, <GroupRuntimeStackContent />, undefined, [
      signals.apiEntry,
    ]);
    expect(await findCoverageFigure('Team coverage')).toHaveTextContent('80%');
    answer = {
      ...view,
      overall: { required: 10, covered: 9, partial: 0, ratio: 0.9 },
    };
    await signals.sendEvaluated('group:default/product-engineering');
    expect(
      await screen.findByText('Team coverage updated: 90% covered'),
    ).toHaveAttribute('role', 'status');
    expect(getCoverageFigure('Team coverage')).toHaveTextContent('90%');
  });

  it('reloads the trend when a service below the group is evaluated again', async () => {
    let answer = view;
    let trendLoads = 0;
    server.use(
      http.get(`${base}/scorecards/teams/default/product-engineering`, () =>
        HttpResponse.json(answer),
      ),
      http.get(`${base}/scorecards/trend`, () => {
        trendLoads += 1;
        const [first, latest] = trend.points;
        return HttpResponse.json({
          ...trend,
          points: [
            first,
            trendLoads === 1 ? latest : { ...latest, covered: 9, ratio: 0.9 },
          ],
        });
      }),
    );
    const signals = testSignals();
    await renderEntityContent(group, <GroupRuntimeStackContent />, undefined, [
      signals.apiEntry,
    ]);
    expect(await screen.findByText(/^80% on 2026-12-04/)).toBeInTheDocument();

    const [service] = view.services;
    answer = {
      ...view,
      services: [{ ...service, evaluatedAt: new Date().toISOString() }],
    };
    await signals.sendEvaluated('group:default/product-engineering');
    expect(await screen.findByText(/^90% on 2026-12-04/)).toBeInTheDocument();
    expect(trendLoads).toBe(2);
  });

  it('keeps the team view when a reload fails, and says why', async () => {
    let failing = false;
    server.use(
      http.get(`${base}/scorecards/teams/default/product-engineering`, () =>
        failing
          ? backendError('ServiceUnavailableError', 'backend restarting', 503)
          : HttpResponse.json(view),
      ),
      http.get(`${base}/scorecards/trend`, () => HttpResponse.json(trend)),
    );
    const signals = testSignals();
    await renderEntityContent(group, <GroupRuntimeStackContent />, undefined, [
      signals.apiEntry,
    ]);
    expect(await findCoverageFigure('Team coverage')).toHaveTextContent('80%');

    failing = true;
    await signals.sendEvaluated('group:default/product-engineering');

    expect(
      await screen.findByText(
        'Could not reload team coverage (backend restarting); showing what was loaded before.',
      ),
    ).toHaveAttribute('role', 'alert');
    expect(getCoverageFigure('Team coverage')).toHaveTextContent('80%');
    expect(
      screen.getByRole('table', { name: 'Services of the team' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Could not load team coverage/)).toBeNull();
  });

  it('says how services come to count for a group that owns none', async () => {
    server.use(
      http.get(`${base}/scorecards/teams/default/product-engineering`, () =>
        HttpResponse.json({
          ...view,
          services: [],
          overall: { required: 0, covered: 0, partial: 0, ratio: 1 },
        }),
      ),
      http.get(`${base}/scorecards/trend`, () =>
        HttpResponse.json({ ...trend, points: [] }),
      ),
    );
    await render();
    expect(
      await screen.findByText(
        /No evaluated Component is owned by this group or a group below it/,
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText(/No history yet/)).toBeInTheDocument();
  });

  it('does not call a group empty when its services are only hidden from the user', async () => {
    server.use(
      http.get(`${base}/scorecards/teams/default/product-engineering`, () =>
        HttpResponse.json({
          ...view,
          services: [],
          totalServices: 3,
          hiddenServices: 3,
        }),
      ),
      http.get(`${base}/scorecards/trend`, () => HttpResponse.json(trend)),
    );
    await render();
    expect(
      await screen.findByText(
        "All 3 of the team's services are hidden from you; the coverage above counts them",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No evaluated Component is owned/)).toBeNull();
  });

  it('shows that it reloads, keeping the team view meanwhile', async () => {
    let answer: () => Promise<Response> | Response = () =>
      HttpResponse.json(view);
    server.use(
      http.get(`${base}/scorecards/teams/default/product-engineering`, () =>
        answer(),
      ),
      http.get(`${base}/scorecards/trend`, () => HttpResponse.json(trend)),
    );
    const signals = testSignals();
    await renderEntityContent(group, <GroupRuntimeStackContent />, undefined, [
      signals.apiEntry,
    ]);
    expect(await findCoverageFigure('Team coverage')).toHaveTextContent('80%');
    expect(
      screen.queryByRole('progressbar', { name: 'Reloading team coverage' }),
    ).toBeNull();

    let release: () => void = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    answer = async () => {
      await released;
      return HttpResponse.json(view);
    };
    await signals.sendEvaluated('group:default/product-engineering');

    expect(
      await screen.findByRole('progressbar', {
        name: 'Reloading team coverage',
      }),
    ).toBeInTheDocument();
    expect(getCoverageFigure('Team coverage')).toHaveTextContent('80%');
    release();
    await waitFor(() =>
      expect(
        screen.queryByRole('progressbar', { name: 'Reloading team coverage' }),
      ).toBeNull(),
    );
  });

  it('names what failed and keeps the other part', async () => {
    server.use(
      http.get(`${base}/scorecards/teams/default/product-engineering`, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'connection reset' } },
          { status: 500 },
        ),
      ),
      http.get(`${base}/scorecards/trend`, () => HttpResponse.json(trend)),
    );
    await render();
    expect(
      await screen.findByText(/Could not load team coverage/),
    ).toBeInTheDocument();
    expect(await screen.findByText(/80% on 2026-12-04/)).toBeInTheDocument();
  });

  it('speaks the words an app installs for the plugin', async () => {
    server.use(
      http.get(`${base}/scorecards/teams/default/product-engineering`, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'connection reset' } },
          { status: 500 },
        ),
      ),
      http.get(`${base}/scorecards/trend`, () => HttpResponse.json(trend)),
    );
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        'groupContent.coverage.title': 'Abdeckung des Teams',
        'groupContent.coverage.what': 'die Abdeckung des Teams',
        'groupContent.trend.chartLabel': 'Abdeckung des Teams je Tag',
      },
    });
    await renderEntityContent(
      group,
      <GroupRuntimeStackContent />,
      undefined,
      [],
      [translationModule(german)],
    );

    expect(
      await screen.findByRole('heading', { name: 'Abdeckung des Teams' }),
    ).toBeInTheDocument();
    // The section names it inside its own sentence as the app words it.
    expect(
      await screen.findByText(/Could not load die Abdeckung des Teams/),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('img', { name: /Abdeckung des Teams je Tag/ }),
    ).toBeInTheDocument();
  });

  it('says plainly when the permission policy refuses a part, rather than show an error', async () => {
    server.use(
      http.get(`${base}/scorecards/teams/default/product-engineering`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Reading scorecards is not allowed for you',
            },
            request: { method: 'GET', url: '/scorecards/teams' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
      http.get(`${base}/scorecards/trend`, () => HttpResponse.json(trend)),
    );
    await render();
    expect(
      await screen.findByText(
        /You may not see team coverage \(Reading scorecards is not allowed for you\)\. Ask your Backstage administrators/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Could not load team coverage/)).toBeNull();
    expect(await screen.findByText(/80% on 2026-12-04/)).toBeInTheDocument();
  });
});
