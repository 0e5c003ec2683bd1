import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import type { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  coverageHintParts,
  defaultLayerModel,
  withEvidenceDetail,
  type CoverageTrend,
  type EntityClusters,
  type EntityCoverage,
  type EntityImages,
  type EntityObservability,
  type Exemption,
  type ExemptionInput,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse, type HttpResponseResolver } from 'msw';
import { setupServer } from 'msw/node';
import { EntityRuntimeStackContent } from './EntityRuntimeStackContent';
import { PANEL_REFRESH_MS } from '../shared/useRefreshWhileShown';
import { runtimeStackTestApi } from '../../__testUtils__/runtimeStackClient';
import { testSignals } from '../../__testUtils__/testSignals';
import { backendError } from '../../__testUtils__/backendError';
import { nothingCollectedHandlers } from '../../__testUtils__/panelSources';
import { SwitchingEntityProvider } from '../../__testUtils__/switchingEntity';
import { translationModule } from '../../__testUtils__/translations';
import {
  capabilityOptions,
  expectGrantBlocked,
  openGrantDialog,
  pickCapability,
} from '../../__testUtils__/grantExemptionDialog';
import { utcDay } from './exemptions';
import { statusChipOf } from '../../__testUtils__/statusChips';
import { runtimeStackTranslationRef } from '../../translation';
import {
  createTranslationMessages,
  type FrontendFeature,
} from '@backstage/frontend-plugin-api';
import {
  findCoverageFigure,
  getCoverageFigure,
  queryCoverageFigure,
} from '../../__testUtils__/coverageFigure';

const base = 'http://backstage.test/api/runtime-stack';
const entityUrl = `${base}/entities/component/default/payments-api`;
const digest = (c: string) => `sha256:${c.repeat(64)}`;

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'payments-team',
    lifecycle: 'production',
    system: 'payments',
  },
};

const trendPoint = (day: string, covered: number) => ({
  day,
  required: 10,
  covered,
  partial: 0,
  ratio: covered / 10,
  services: 1,
});

const trend: CoverageTrend = {
  subject: { kind: 'service', ref: 'component:default/payments-api' },
  layers: [],
  points: [
    trendPoint('2026-11-21', 5),
    trendPoint('2026-11-22', 6),
    trendPoint('2026-11-23', 7),
  ],
};

const systemExemption: Exemption = {
  id: 'ex-1',
  scope: { kind: 'system', ref: 'system:default/payments' },
  capability: 'service-mesh',
  reason: 'No mesh in this System until Q2',
  expiresAt: new Date(Date.now() + 45 * 24 * 60 * 60 * 1000).toISOString(),
  requestedBy: 'group:default/payments-team',
  grantedBy: 'user:default/platform-admin',
  createdAt: '2026-11-01T00:00:00.000Z',
};

/** Trend and exemption answers; the exemptions are asked per scope. */
const trendAndExemptions = (options: {
  trend: CoverageTrend;
  exemptions: Exemption[];
  scopes: string[];
}) => [
  http.get(`${base}/scorecards/trend`, ({ request }) => {
    const params = new URL(request.url).searchParams;
    return params.get('subject') === 'service' &&
      params.get('ref') === 'component:default/payments-api' &&
      params.get('days') === '90'
      ? HttpResponse.json(options.trend)
      : HttpResponse.json({}, { status: 400 });
  }),
  http.get(`${base}/exemptions`, ({ request }) => {
    const scopeRef = new URL(request.url).searchParams.get('scopeRef') ?? '';
    options.scopes.push(scopeRef);
    return HttpResponse.json({
      items: options.exemptions.filter(e => e.scope.ref === scopeRef),
    });
  }),
];

const clusters: EntityClusters = {
  entityRef: 'component:default/payments-api',
  selector: { labelSelector: 'backstage.io/kubernetes-id=payments-api' },
  clusters: [
    {
      cluster: 'prod-eu-1',
      namespaces: ['payments'],
      stale: false,
      ageSeconds: 120,
      warnings: [],
      workloads: [
        {
          kind: 'Deployment',
          namespace: 'payments',
          name: 'payments-api',
          desiredReplicas: 3,
          readyReplicas: 3,
          images: ['registry.example.com/payments/payments-api:1.14.2'],
          pods: {
            total: 3,
            running: 3,
            pending: 0,
            failed: 0,
            ready: 3,
            restarts: 2,
          },
        },
      ],
      objects: [],
      tools: [
        {
          tool: 'istio',
          capability: 'service-mesh',
          layer: 4,
          evidence: [
            {
              kind: 'Pod',
              apiVersion: 'v1',
              namespace: 'payments',
              name: 'payments-api-1',
              field: 'spec.containers[1].name',
              value: 'istio-proxy',
            },
          ],
        },
      ],
    },
  ],
  unavailable: [{ cluster: 'staging-eu-1', lastError: 'connection refused' }],
};

const images: EntityImages = {
  entityRef: 'component:default/payments-api',
  images: [
    {
      reference: 'registry.example.com/payments/payments-api:1.14.2',
      registry: 'registry.example.com',
      repository: 'payments/payments-api',
      tag: '1.14.2',
      running: [
        {
          cluster: 'prod-eu-1',
          namespace: 'payments',
          pod: 'payments-api-1',
          container: 'app',
          digest: digest('a'),
        },
      ],
      declared: true,
      registryConfigured: true,
      current: {
        tag: '1.14.2',
        digest: digest('b'),
        created: '2026-10-01T00:00:00Z',
      },
      newest: [{ tag: '1.15.0', digest: digest('c') }],
      drift: [
        {
          kind: 'digest-mismatch',
          message: 'Tag 1.14.2 now points elsewhere',
          evidence: ['prod-eu-1: pod payments-api-1'],
        },
        {
          kind: 'newer-tag',
          message: 'A newer version is in the registry: 1.15.0',
          evidence: [],
        },
      ],
    },
  ],
};

const coverage: EntityCoverage = {
  entityRef: 'component:default/payments-api',
  evaluatedAt: '2026-11-23T10:00:00.000Z',
  profile: { id: 'tier-1', title: 'Tier 1', reason: 'lifecycle production' },
  capabilities: [
    {
      capability: 'data-protection',
      title: 'Data protection',
      layer: 3,
      requirement: 'required',
      status: 'missing',
      tools: [],
      evidence: [],
      hint: 'prod-eu-1 offers velero',
    },
  ],
  layers: [
    {
      layer: 3,
      title: 'Networking & storage',
      required: 4,
      covered: 3,
      partial: 0,
      ratio: 0.75,
    },
    {
      layer: 4,
      title: 'Security, delivery & observability',
      required: 6,
      covered: 3,
      partial: 2,
      ratio: 4 / 6,
    },
  ],
  overall: { required: 10, covered: 6, partial: 2, ratio: 0.7 },
  gaps: [
    {
      capability: 'data-protection',
      title: 'Data protection',
      layer: 3,
      requirement: 'required',
      status: 'missing',
      tools: [],
      evidence: [],
      hint: 'prod-eu-1 offers velero',
    },
  ],
  sourceErrors: [],
};

describe('EntityRuntimeStackContent', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  /**
   * The tab's sources as the examples serve them, observability failing,
   * with `answerCoverage` answering for the coverage.
   */
  const serveTab = (answerCoverage: HttpResponseResolver) =>
    server.use(
      ...trendAndExemptions({ trend, exemptions: [], scopes: [] }),
      http.get(`${base}/layers`, () => HttpResponse.json(defaultLayerModel)),
      http.get(`${entityUrl}/clusters`, () => HttpResponse.json(clusters)),
      http.get(`${entityUrl}/images`, () => HttpResponse.json(images)),
      http.get(`${entityUrl}/coverage`, answerCoverage),
      http.get(`${entityUrl}/observability`, () =>
        HttpResponse.json({}, { status: 503 }),
      ),
    );

  const render = (
    options: {
      signals?: ReturnType<typeof testSignals>;
      features?: FrontendFeature[];
      entity?: Entity;
    } = {},
  ) =>
    renderInTestApp(
      <EntityProvider entity={options.entity ?? entity}>
        <EntityRuntimeStackContent />
      </EntityProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        apis: [
          runtimeStackTestApi(),
          ...(options.signals ? [options.signals.apiEntry] : []),
          // For writes: the permission to make them, people to pick.
          mockApis.permission(),
          [catalogApiRef, catalogApiMock()],
        ],
        features: options.features,
      },
    );

  it('shows workloads per cluster, images with drift, and says which source failed', async () => {
    const scopes: string[] = [];
    server.use(
      ...trendAndExemptions({
        trend,
        exemptions: [systemExemption],
        scopes,
      }),
      http.get(`${base}/layers`, () => HttpResponse.json(defaultLayerModel)),
      http.get(`${entityUrl}/clusters`, () => HttpResponse.json(clusters)),
      http.get(`${entityUrl}/images`, () => HttpResponse.json(images)),
      http.get(`${entityUrl}/coverage`, () => HttpResponse.json(coverage)),
      http.get(`${entityUrl}/observability`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'observability is down' },
            request: { method: 'GET', url: '/x' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
    );
    await render();

    const workloads = await screen.findByRole('table', {
      name: 'Workloads on prod-eu-1',
    });
    expect(
      within(workloads).getByText('Deployment payments-api'),
    ).toBeInTheDocument();
    expect(within(workloads).getByText('3 / 3')).toBeInTheDocument();
    expect(within(workloads).getByText('3 running of 3')).toBeInTheDocument();
    expect(await screen.findByText('Istio')).toBeInTheDocument();
    expect(
      screen.getByText('staging-eu-1 could not be checked: connection refused'),
    ).toBeInTheDocument();

    const imageTable = await screen.findByRole('table', { name: 'Images' });
    expect(within(imageTable).getByText('tag moved')).toBeInTheDocument();
    expect(within(imageTable).getByText('newer tag')).toBeInTheDocument();
    expect(within(imageTable).getByText('newest: 1.15.0')).toBeInTheDocument();

    expect(
      (await screen.findAllByText(/observability is down/)).length,
    ).toBeGreaterThan(0);

    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
      '70%',
    );
    expect(
      screen.getByText(/6 of 10 required capabilities covered, 2 partly/),
    ).toHaveTextContent(/evaluated .+ ago, after the last collection/);
    // Both tables name their columns for a screen reader, though no header
    // row is shown.
    const headersOf = (table: HTMLElement) =>
      within(table)
        .getAllByRole('columnheader')
        .map(header => header.textContent);
    expect(
      headersOf(screen.getByRole('table', { name: 'Coverage by layer' })),
    ).toEqual(['Layer', 'Coverage', 'Covered of required']);
    const gaps = screen.getByRole('table', { name: 'Coverage gaps' });
    expect(headersOf(gaps)).toEqual([
      'Status',
      'Capability',
      'What would close it',
    ]);
    expect(
      within(gaps).getByText('Layer 3 · Data protection'),
    ).toBeInTheDocument();
    // The status chip of the stack, in its colours, not a grey one of its own.
    expect(
      statusChipOf('Data protection', gaps).querySelector('[aria-hidden]'),
    ).toHaveTextContent('missing');
    expect(
      within(gaps).getByText('prod-eu-1 offers velero'),
    ).toBeInTheDocument();

    // Label and text queries: role queries over the whole tab are slow.
    const chart = await screen.findByLabelText(
      'Coverage of this service by day',
    );
    expect(chart.querySelectorAll('circle')).toHaveLength(3);
    expect(
      screen.getByText(/70% on 2026-11-23 · 7 of 10 required covered/),
    ).toBeInTheDocument();

    const reason = await screen.findByText('No mesh in this System until Q2');
    expect(reason.closest('tr')).toHaveTextContent('Service mesh');
    expect(reason.closest('table')).toHaveAttribute('aria-label', 'Exemptions');
    expect(scopes.sort()).toEqual([
      'component:default/payments-api',
      'system:default/payments',
    ]);
  });

  it('explains what to add when nothing is found', async () => {
    const observability: EntityObservability = {
      entityRef: 'component:default/payments-api',
      matchedBy: { labels: {} },
      alerts: [
        {
          source: 'prom',
          name: 'PaymentsApiErrors',
          state: 'firing',
          labels: {},
          annotations: { summary: 'errors above 2%' },
        },
      ],
      rules: [],
      grafanaAlerts: [],
      targets: [],
      dashboards: [
        {
          title: 'Payments API',
          url: 'https://grafana.example.com/d/p',
          tags: [],
        },
      ],
      links: [],
      evidence: [
        {
          capability: 'alerting',
          status: 'evidenced',
          summary: '1 alert rule, 1 firing',
        },
        { capability: 'tracing', status: 'none', summary: 'no links' },
      ],
      errors: [],
    };
    server.use(
      ...trendAndExemptions({
        trend: { ...trend, points: [] },
        exemptions: [],
        scopes: [],
      }),
      http.get(`${base}/layers`, () => HttpResponse.json(defaultLayerModel)),
      http.get(`${entityUrl}/clusters`, () =>
        HttpResponse.json({ ...clusters, clusters: [], unavailable: [] }),
      ),
      http.get(`${entityUrl}/images`, () =>
        HttpResponse.json({ ...images, images: [] }),
      ),
      http.get(`${entityUrl}/coverage`, () => HttpResponse.json(coverage)),
      http.get(`${entityUrl}/observability`, () =>
        HttpResponse.json(observability),
      ),
    );
    await render();
    expect(
      await screen.findByText(
        /No objects match backstage.io\/kubernetes-id=payments-api/,
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/runtime-stack.io\/images annotation/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Alerting: 1 alert rule, 1 firing'),
    ).toBeInTheDocument();
    expect(screen.getByText('PaymentsApiErrors (firing)')).toBeInTheDocument();
    expect(
      screen.getByText(/Link its traces: a link template of type traces/),
    ).toBeInTheDocument();
    expect(screen.getByText('Payments API').closest('a')).toHaveAttribute(
      'href',
      'https://grafana.example.com/d/p',
    );
    expect(
      await screen.findByText(
        'No history yet: a snapshot is taken each day the coverage is evaluated',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'No exemptions for this component or its System.',
      ),
    ).toBeInTheDocument();
  });
  it("words the profile's reason and a gap's hint in the app's language, from their parts", async () => {
    const partlyHealthy = withEvidenceDetail(
      {
        source: 'cluster' as const,
        capability: 'health',
        tool: 'liveness-probe',
        strength: 'partial' as const,
      },
      { kind: 'every-container', object: 'Deployment payments/api' },
    );
    const hintParts = {
      capability: 'data-protection',
      next: 'offered' as const,
      offers: [{ cluster: 'prod-eu-1', tools: ['Velero'] }],
      example: 'data-protection=velero',
    };
    const worded: EntityCoverage = {
      ...coverage,
      profile: {
        ...coverage.profile,
        reasonParts: {
          rule: 'lifecycle',
          lifecycle: 'production',
          skipped: [{ rule: 'annotation', profile: 'gold' }],
        },
      },
      capabilities: coverage.capabilities.map(c => ({ ...c, hintParts })),
      gaps: [
        ...coverage.gaps.map(c => ({ ...c, hintParts })),
        {
          capability: 'health',
          title: 'Health',
          layer: 4,
          requirement: 'required',
          status: 'partial',
          tools: [],
          evidence: [partlyHealthy],
          hint: 'only partly covered (…)',
          hintParts: coverageHintParts('health', [], [partlyHealthy]),
        },
      ],
    };
    serveTab(() => HttpResponse.json(worded));
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        'entityContent.coverage.summaryPartly':
          '{{covered, number}} von {{required, number}} abgedeckt, {{partial, number}} teilweise · Profil {{profile}} ({{reason}})',
        'profileReason.lifecycle': 'Lebenszyklus {{lifecycle}}',
        'profileReason.annotation': 'Annotation {{annotation}}',
        'profileReason.skipped':
          "{{rule}} nennt unbekanntes Profil '{{profile}}'",
        'coverageHint.offers': '{{cluster}} bietet {{tools}}',
        'coverageHint.useOffered':
          '{{offers}}: nutzen und in {{annotation}} angeben ({{example}})',
        'coverageHint.partly':
          'nur teilweise abgedeckt ({{details}}); {{next}}',
        'coverageHint.declare': 'ein Werkzeug in {{annotation}} angeben',
        'evidenceDetail.everyContainer': '{{object}}: jeder Container hat sie',
      },
    });
    await render({ features: [translationModule(german)] });

    expect(
      await screen.findByText(
        /^6 von 10 abgedeckt, 2 teilweise · Profil Tier 1 \(Lebenszyklus production \(Annotation runtime-stack.io\/requirement-profile nennt unbekanntes Profil 'gold'\)\)/,
      ),
    ).toBeInTheDocument();
    const gaps = await screen.findByRole('table', { name: 'Coverage gaps' });
    expect(
      within(gaps).getByText(
        'prod-eu-1 bietet Velero: nutzen und in runtime-stack.io/tools angeben (data-protection=velero)',
      ),
    ).toBeInTheDocument();
    expect(
      within(gaps).getByText(
        'nur teilweise abgedeckt (Deployment payments/api: jeder Container hat sie); ein Werkzeug in runtime-stack.io/tools angeben',
      ),
    ).toBeInTheDocument();
  });

  it("never shows one service's coverage on the tab of another", async () => {
    // Refunds' other panels: nothing collected (payments-api's, served
    // after, take precedence).
    server.use(...nothingCollectedHandlers());
    serveTab(() => HttpResponse.json(coverage));
    const refundsUrl = `${base}/entities/component/default/refunds`;
    const pending: Array<(response: Response) => void> = [];
    server.use(
      http.get(
        `${refundsUrl}/coverage`,
        () => new Promise<Response>(resolve => pending.push(resolve)),
      ),
    );
    const refunds: Entity = {
      ...entity,
      metadata: { name: 'refunds', namespace: 'default' },
    };
    await renderInTestApp(
      <SwitchingEntityProvider entities={[entity, refunds]}>
        <EntityRuntimeStackContent />
      </SwitchingEntityProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        apis: [runtimeStackTestApi()],
      },
    );
    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
      '70%',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Next entity' }));
    expect(queryCoverageFigure('Overall coverage')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Layer 3/ })).toBeNull();

    await waitFor(() => expect(pending).toHaveLength(1));
    pending[0](
      backendError(
        'NotFoundError',
        "No entity 'component:default/refunds'",
        404,
      ),
    );
    expect(
      await screen.findAllByText(/No entity 'component:default\/refunds'/),
    ).not.toHaveLength(0);
    expect(queryCoverageFigure('Overall coverage')).toBeNull();
    expect(screen.queryByText(/Could not reload/)).toBeNull();
  });

  it('reads the clusters, images and telemetry again when a new evaluation is signalled, as it follows a collection', async () => {
    let answer = coverage;
    serveTab(() => HttpResponse.json(answer));
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => {
      asked.push(new URL(request.url).pathname.split('/').pop()!);
    });
    const signals = testSignals();
    await render({ signals });
    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
      '70%',
    );
    await screen.findByRole('table', { name: 'Workloads on prod-eu-1' });
    const count = (what: string) => asked.filter(a => a === what).length;
    await screen.findByLabelText('Coverage of this service by day');
    expect([
      count('clusters'),
      count('images'),
      count('observability'),
      count('trend'),
    ]).toEqual([1, 1, 1, 1]);

    answer = { ...coverage, evaluatedAt: '2026-11-23T11:00:00.000Z' };
    await signals.sendEvaluated(
      'component:default/payments-api',
      answer.evaluatedAt,
    );
    // The trend's latest day moves with the coverage, too.
    await waitFor(() =>
      expect([
        count('clusters'),
        count('images'),
        count('observability'),
        count('trend'),
      ]).toEqual([2, 2, 2, 2]),
    );
    // The workloads stay on screen while they are read again.
    expect(
      screen.getByRole('table', { name: 'Workloads on prod-eu-1' }),
    ).toBeInTheDocument();
    server.events.removeAllListeners();
  });

  it('reads what the clusters run again while the tab is in sight, between evaluations', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      serveTab(() => HttpResponse.json(coverage));
      let restarts = 2;
      server.use(
        http.get(`${entityUrl}/clusters`, () => {
          const [cluster] = clusters.clusters;
          const [workload] = cluster.workloads;
          return HttpResponse.json({
            ...clusters,
            clusters: [
              {
                ...cluster,
                workloads: [
                  { ...workload, pods: { ...workload.pods, restarts } },
                ],
              },
            ],
          });
        }),
      );
      await render();
      const restartsShown = async () => {
        const table = await screen.findByRole('table', {
          name: 'Workloads on prod-eu-1',
        });
        const [, row] = within(table).getAllByRole('row');
        return within(row)
          .getAllByRole('cell')
          .map(c => c.textContent);
      };
      expect(await restartsShown()).toContain('2');

      restarts = 7;
      act(() => {
        jest.advanceTimersByTime(PANEL_REFRESH_MS);
      });
      await waitFor(async () => expect(await restartsShown()).toContain('7'));
    } finally {
      jest.useRealTimers();
    }
  });

  it('after an exemption granted on the tab, reloads the coverage and its trend, not the clusters, images and telemetry', async () => {
    let answer = coverage;
    let answerTrend = trend;
    serveTab(() => HttpResponse.json(answer));
    server.use(
      http.get(`${base}/scorecards/trend`, () =>
        HttpResponse.json(answerTrend),
      ),
      http.post(`${base}/exemptions`, async ({ request }) => {
        const body = (await request.json()) as ExemptionInput;
        // The backend evaluates the service again before it answers.
        answer = {
          ...coverage,
          evaluatedAt: '2026-11-23T10:30:00.000Z',
          overall: { required: 10, covered: 7, partial: 1, ratio: 0.75 },
        };
        answerTrend = {
          ...trend,
          points: [...trend.points.slice(0, 2), trendPoint('2026-11-23', 7.5)],
        };
        return HttpResponse.json(
          {
            ...body,
            id: 'ex-new',
            requestedBy: 'user:default/guest',
            grantedBy: 'user:default/guest',
            createdAt: new Date().toISOString(),
          },
          { status: 201 },
        );
      }),
    );
    const asked: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'GET') {
        asked.push(new URL(request.url).pathname.split('/').pop()!);
      }
    });
    const count = (what: string) => asked.filter(a => a === what).length;
    const signals = testSignals();
    await render({ signals });
    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
      '70%',
    );
    expect(
      await screen.findByText(/70% on 2026-11-23 · 7 of 10 required covered/),
    ).toBeInTheDocument();
    await screen.findByRole('table', { name: 'Workloads on prod-eu-1' });

    const dialog = await openGrantDialog();
    await pickCapability(
      dialog,
      'Layer 3 · Data protection (backup & restore)',
    );
    await userEvent.click(within(dialog).getByLabelText(/Reason/));
    await userEvent.paste('Stateless');
    fireEvent.change(within(dialog).getByLabelText(/Expires on/), {
      target: { value: utcDay(new Date(Date.now() + 10 * 86_400_000)) },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Grant' }),
    );

    await waitFor(() =>
      expect(getCoverageFigure('Overall coverage')).toHaveTextContent('75%'),
    );
    // The backend's signal of that evaluation comes too.
    await signals.sendEvaluated(
      'component:default/payments-api',
      answer.evaluatedAt,
    );
    expect(await screen.findByText(/75% on 2026-11-23/)).toBeInTheDocument();
    expect([
      count('clusters'),
      count('images'),
      count('observability'),
      count('coverage'),
    ]).toEqual([1, 1, 1, 2]);
    server.events.removeAllListeners();
  });

  /** The tab's entity, declaring these tools and no other annotation. */
  const declaringTools = (tools: string) => ({
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: { 'runtime-stack.io/tools': tools },
    },
  });

  it("says at the top which of the entity's runtime-stack annotations are ignored, and why", async () => {
    serveTab(() => HttpResponse.json(coverage));
    await render({ entity: declaringTools('service-mesh=linkerd2x') });

    const list = await screen.findByRole('list', {
      name: 'Annotation problems',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent(
      /^runtime-stack\.io\/tools: unknown tool 'linkerd2x' for capability 'service-mesh'/,
    );
    // Once, as a warning that stands on the page.
    expect(
      screen.getAllByText(
        'Some annotations the runtime stack reads are ignored',
      ),
    ).toHaveLength(1);
    expect(list.closest('[role=note]')).toHaveClass('MuiAlert-standardWarning');
    // Above the coverage.
    expect(
      list.compareDocumentPosition(
        screen.getByRole('heading', { name: 'Layer coverage' }),
      ) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('says nothing about annotations that have no problems', async () => {
    serveTab(() => HttpResponse.json(coverage));
    await render({ entity: declaringTools('service-mesh=linkerd') });
    await findCoverageFigure('Overall coverage');
    await screen.findByRole('table', { name: 'Workloads on prod-eu-1' });
    expect(
      screen.queryByText(
        'Some annotations the runtime stack reads are ignored',
      ),
    ).not.toBeInTheDocument();
  });

  it('offers only the gaps of the service for an exemption, not covered or not-required capabilities', async () => {
    const covered = {
      capability: 'container-images',
      title: 'Container images',
      layer: 6,
      requirement: 'required' as const,
      status: 'covered' as const,
      tools: [],
      evidence: [],
    };
    serveTab(() =>
      HttpResponse.json({
        ...coverage,
        capabilities: [...coverage.capabilities, covered],
      }),
    );
    await render();
    await findCoverageFigure('Overall coverage');

    const dialog = await openGrantDialog();
    expect(await capabilityOptions(dialog)).toEqual([
      'Layer 3 · Data protection (backup & restore)',
    ]);
  });

  it('says there is no gap to exempt on a service without gaps, rather than offering a list', async () => {
    serveTab(() =>
      HttpResponse.json({
        ...coverage,
        capabilities: [
          { ...coverage.capabilities[0], status: 'covered', hint: undefined },
        ],
        overall: { required: 10, covered: 10, partial: 0, ratio: 1 },
        gaps: [],
      }),
    );
    await render();
    await findCoverageFigure('Overall coverage');

    const grant = await expectGrantBlocked(
      'No gap to exempt: every required capability of this component is covered or exempt.',
    );
    await userEvent.click(grant);
    expect(
      screen.queryByRole('dialog', { name: 'Grant exemption' }),
    ).not.toBeInTheDocument();
  });

  it('warns on the layer coverage when a cluster it reads from fails, and says what to do', async () => {
    serveTab(() => HttpResponse.json(coverage));
    server.use(
      http.get(`${entityUrl}/clusters`, () =>
        HttpResponse.json({
          ...clusters,
          clusters: clusters.clusters.map(c => ({
            ...c,
            lastError: 'Unauthorized',
          })),
          unavailable: [],
        }),
      ),
    );
    await render();

    const note = await screen.findByRole('note');
    expect(note).toHaveTextContent(
      'The coverage may be out of date or read lower than it is',
    );
    expect(note).toHaveTextContent(
      'prod-eu-1: the last collection failed (Unauthorized); the coverage uses what it collected 2 min ago.',
    );
    expect(note).toHaveTextContent(
      'Ask the platform team to fix what fails (the sections below say more)',
    );
    // In the layer coverage section, beside the figure it qualifies.
    expect(
      getCoverageFigure(
        'Overall coverage',
        within(note.closest('.MuiCard-root') as HTMLElement),
      ),
    ).toBeInTheDocument();
  });

  it('holds back the advice to add evidence until the coverage has arrived', async () => {
    let release = () => {};
    const coverageSent = new Promise<void>(resolve => {
      release = resolve;
    });
    serveTab(async () => {
      await coverageSent;
      return HttpResponse.json(coverage);
    });
    server.use(
      http.get(`${entityUrl}/observability`, () =>
        HttpResponse.json({
          entityRef: 'component:default/payments-api',
          matchedBy: { labels: {} },
          alerts: [],
          rules: [],
          grafanaAlerts: [],
          targets: [],
          dashboards: [],
          links: [],
          evidence: [
            { capability: 'tracing', status: 'none', summary: 'no links' },
          ],
          errors: [],
        } satisfies EntityObservability),
      ),
    );
    await render();

    // The observability is shown, its advice not yet: the coverage may
    // count the capability covered by other evidence.
    expect(
      await screen.findByText('Distributed tracing: no links'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Observability hints' }),
    ).toBeNull();

    release();
    expect(
      await screen.findByRole('list', { name: 'Observability hints' }),
    ).toHaveTextContent(/Link its traces/);
  });

  it('says beside the owners when they could not be read, not as a caveat of the coverage', async () => {
    serveTab(() =>
      HttpResponse.json({
        ...coverage,
        sourceErrors: [{ source: 'ownership', message: 'database down' }],
      }),
    );
    await render();

    expect(
      await screen.findByText('Owners could not be loaded: database down'),
    ).toBeInTheDocument();
    // The owners count for nothing in the coverage: it is whole without
    // them, so its caveats (the clusters' here) do not name them.
    const caveats = screen.getByRole('note');
    expect(caveats).toHaveTextContent(
      'The coverage may be out of date or read lower than it is',
    );
    expect(caveats).not.toHaveTextContent(/ownership|database down/);
    // Owners not known are not "no owner": a new one would override them unseen.
    const change = screen.getByRole('button', {
      name: 'Change owner of Data protection',
    });
    expect(change).toHaveAttribute('aria-disabled', 'true');
    expect(change).toHaveAccessibleDescription('Owners could not be read.');
    await userEvent.click(change);
    expect(screen.queryByRole('dialog')).toBeNull();
    // A failure, not a refusal: their history may still load.
    expect(
      screen.getByRole('button', {
        name: 'History of owner changes on this component',
      }),
    ).not.toHaveAttribute('aria-disabled');
  });

  it('blocks History and Change owner for a user the backend shows no owners, saying why', async () => {
    // The backend leaves owners out for a caller who may not read them.
    serveTab(() => HttpResponse.json(coverage));
    await render();

    const history = await screen.findByRole('button', {
      name: 'History of owner changes on this component',
    });
    expect(history).toHaveAttribute('aria-disabled', 'true');
    expect(history).toHaveAccessibleDescription(
      'Reading owners is not allowed for you, so neither is the history of their changes.',
    );
    await userEvent.click(history);
    expect(screen.queryByRole('dialog')).toBeNull();
    // A refusal, not a failure: the owners are not "could not be read".
    expect(
      screen.getByRole('button', { name: 'Change owner of Data protection' }),
    ).toHaveAccessibleDescription(
      'Reading owners is not allowed for you, so neither is changing them here.',
    );
  });

  it('loads a section again on Retry after its first load failed', async () => {
    let failing = true;
    serveTab(() => HttpResponse.json(coverage));
    server.use(
      http.get(`${entityUrl}/images`, () =>
        failing
          ? backendError('ServiceUnavailableError', 'backend restarting', 503)
          : HttpResponse.json(images),
      ),
    );
    await render();

    const error = await screen.findByText(/Could not load images/);
    const card = error.closest('.MuiCard-root') as HTMLElement;
    failing = false;
    await userEvent.click(within(card).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('table', { name: 'Images' }),
    ).toBeInTheDocument();
  });

  it('shows no percentage when nothing is required, and says when the layer coverage could not be reloaded', async () => {
    let failing = false;
    serveTab(() =>
      failing
        ? backendError('ServiceUnavailableError', 'backend restarting', 503)
        : HttpResponse.json({
            ...coverage,
            overall: { required: 0, covered: 0, partial: 0, ratio: 1 },
          }),
    );
    const signals = testSignals();
    await render({ signals });
    // As the Overview card and the scorecards say it, not 100%.
    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
      /^—$/,
    );

    failing = true;
    await signals.sendEvaluated(
      'component:default/payments-api',
      '2026-11-23T11:00:00.000Z',
    );
    expect(
      await screen.findByText(
        'Could not reload layer coverage (backend restarting); showing what was loaded before.',
      ),
    ).toBeInTheDocument();
    expect(getCoverageFigure('Overall coverage')).toHaveTextContent('—');
  });

  it('reloads the coverage when the backend signals a new evaluation, keeping the layers as the user left them', async () => {
    let answer = coverage;
    serveTab(() => HttpResponse.json(answer));
    const signals = testSignals();
    await render({ signals });
    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
      '70%',
    );
    // The layer with a gap starts open; the user closes it.
    const layer3 = screen.getByRole('button', { name: /^Layer 3/ });
    expect(layer3).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(layer3);
    expect(layer3).toHaveAttribute('aria-expanded', 'false');

    answer = {
      ...coverage,
      evaluatedAt: '2026-11-23T11:00:00.000Z',
      overall: { required: 10, covered: 7, partial: 2, ratio: 0.8 },
    };
    await signals.sendEvaluated(
      'component:default/payments-api',
      answer.evaluatedAt,
    );
    await waitFor(() =>
      expect(getCoverageFigure('Overall coverage')).toHaveTextContent('80%'),
    );
    expect(screen.getByRole('button', { name: /^Layer 3/ })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    expect(
      await screen.findByText('Coverage updated: 80% covered'),
    ).toHaveAttribute('role', 'status');
  });
});
