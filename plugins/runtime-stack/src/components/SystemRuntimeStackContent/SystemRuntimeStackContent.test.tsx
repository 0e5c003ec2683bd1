import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import type { Entity } from '@backstage/catalog-model';
import {
  defaultLayerModel,
  type ComponentCoverageSummary,
  type Exemption,
  type ExemptionInput,
  type LayerCoverage,
  type SystemCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SystemRuntimeStackContent } from './SystemRuntimeStackContent';
import { utcDay } from '../EntityRuntimeStackContent/exemptions';
import {
  capabilityOptions,
  expectGrantBlocked,
  openGrantDialog,
  pickCapability,
} from '../../__testUtils__/grantExemptionDialog';
import {
  baseUrl,
  queryOf,
  renderEntityContent,
  renderWithClient,
} from '../../__testUtils__/runtimeStackClient';
import { backendError } from '../../__testUtils__/backendError';
import {
  emptyTrendHandler,
  layerModelHandler,
  noExemptionsHandler,
  noOwnersHandler,
} from '../../__testUtils__/panelSources';
import { SwitchingEntityProvider } from '../../__testUtils__/switchingEntity';
import { testSignals } from '../../__testUtils__/testSignals';
import { translationModule } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';
import {
  findCoverageFigure,
  getCoverageFigure,
  queryCoverageFigure,
} from '../../__testUtils__/coverageFigure';

const counts = (required: number, covered: number, partial = 0) => ({
  required,
  covered,
  partial,
  ratio: (covered + 0.5 * partial) / required,
});

const DAY = 24 * 60 * 60 * 1000;

const coverageUrl =
  'http://backstage.test/api/runtime-stack/systems/default/payments/coverage';

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'payments-team' },
};

const layer = (
  n: 3 | 4,
  required: number,
  covered: number,
  partial = 0,
): LayerCoverage => ({
  layer: n,
  title:
    n === 3 ? 'Networking & storage' : 'Security, delivery & observability',
  required,
  covered,
  partial,
  ratio: required === 0 ? 1 : (covered + 0.5 * partial) / required,
});

const component = (
  name: string,
  profile: string,
  layers: LayerCoverage[],
  gapCount: number,
  minutesAgo: number,
): ComponentCoverageSummary => {
  const required = layers.reduce((sum, l) => sum + l.required, 0);
  const covered = layers.reduce((sum, l) => sum + l.covered, 0);
  const partial = layers.reduce((sum, l) => sum + l.partial, 0);
  return {
    entityRef: `component:default/${name}`,
    profile: { id: profile.toLocaleLowerCase('en-US'), title: profile },
    layers,
    overall: {
      required,
      covered,
      partial,
      ratio: required === 0 ? 1 : (covered + 0.5 * partial) / required,
    },
    gapCount,
    evaluatedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  };
};

const coverage: SystemCoverage = {
  entityRef: 'system:default/payments',
  // Deliberately not worst first: the view orders them itself.
  components: [
    component(
      'payments-api',
      'Tier 1',
      [layer(3, 4, 4), layer(4, 6, 4, 1)],
      2,
      5,
    ),
    component('docs-site', 'Minimal', [layer(3, 0, 0), layer(4, 0, 0)], 0, 5),
    component('refunds', 'Tier 2', [layer(3, 2, 1), layer(4, 2, 1)], 2, 5),
    component('ledger', 'Tier 1', [layer(3, 4, 2), layer(4, 6, 3)], 5, 120),
    component('statements', 'Tier 2', [layer(3, 2, 2), layer(4, 2, 2)], 0, 5),
  ],
  pending: ['component:default/fraud-check'],
  layers: [
    {
      layer: 2,
      title: 'Container runtime',
      required: 0,
      covered: 0,
      partial: 0,
      ratio: 1,
    },
    layer(3, 10, 7),
    layer(4, 14, 8, 1),
  ],
  overall: { required: 24, covered: 15, partial: 1, ratio: 15.5 / 24 },
  topGaps: [
    {
      capability: 'image-signing',
      title: 'Image signing',
      layer: 4,
      missing: 2,
      partial: 1,
      components: [
        'component:default/payments-api',
        'component:default/ledger',
        'component:default/refunds',
      ],
    },
    {
      capability: 'data-protection',
      title: 'Data protection',
      layer: 3,
      missing: 2,
      partial: 0,
      components: ['component:default/ledger', 'component:default/refunds'],
    },
  ],
};

const cellTexts = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map(cell => cell.textContent);

describe('SystemRuntimeStackContent', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);
  // The owners, trend and exemptions cards, for tests about other cards.
  beforeEach(() =>
    server.use(
      layerModelHandler(),
      noOwnersHandler(),
      emptyTrendHandler(),
      noExemptionsHandler(),
    ),
  );

  const render = () =>
    renderEntityContent(system, <SystemRuntimeStackContent />);

  it('adds up the components, worst first, with the gaps they share', async () => {
    server.use(http.get(coverageUrl, () => HttpResponse.json(coverage)));
    await render();

    expect(await findCoverageFigure('System coverage')).toHaveTextContent(
      '65%',
    );
    expect(
      screen.getByText('15 of 24 required capabilities covered, 1 partly'),
    ).toBeInTheDocument();
    const layers = screen.getByRole('table', {
      name: 'System coverage by layer',
    });
    // Named for a screen reader, though no header row is shown.
    expect(
      within(layers)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual(['Layer', 'Coverage', 'Percent covered']);
    expect(within(layers).getAllByRole('row').slice(1).map(cellTexts)).toEqual([
      [
        'Layer 4 · Security, delivery & observability8 of 14 covered, 1 partly',
        '',
        '61%',
      ],
      ['Layer 3 · Networking & storage7 of 10 covered', '', '70%'],
      ['Layer 2 · Container runtimenothing required', '', '—'],
    ]);

    const table = screen.getByRole('table', { name: 'Component coverage' });
    const [, ...rows] = within(table).getAllByRole('row');
    // Ledger and refunds tie at 50%; ledger has more gaps. Docs-site
    // requires nothing and ends the list, after the complete statements.
    expect(rows.map(cellTexts)).toEqual([
      ['ledger', 'Tier 1', '50%', '5', '—', '50%', '50%', '2 h ago'],
      ['refunds', 'Tier 2', '50%', '2', '—', '50%', '50%', '5 min ago'],
      ['payments-api', 'Tier 1', '85%', '2', '—', '100%', '75%', '5 min ago'],
      ['statements', 'Tier 2', '100%', '0', '—', '100%', '100%', '5 min ago'],
      ['docs-site', 'Minimal', '—', '0', '—', '—', '—', '5 min ago'],
    ]);
    expect(within(rows[0]).getByText('ledger').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger',
    );

    const gaps = screen.getByRole('table', { name: 'Gaps across components' });
    const [, ...gapRows] = within(gaps).getAllByRole('row');
    expect(gapRows.map(cellTexts)).toEqual([
      [
        'Layer 4 · Image signing',
        'missing on 2, partial on 1',
        'payments-api, ledger, refunds',
      ],
      ['Layer 3 · Data protection', 'missing on 2', 'ledger, refunds'],
    ]);

    expect(
      screen.getByText(
        /coverage is computed after the next cluster collection/i,
      ),
    ).toBeInTheDocument();
    const pending = screen.getByRole('list', {
      name: 'Components not evaluated yet',
    });
    expect(
      within(pending).getByText('fraud-check').closest('a'),
    ).toHaveAttribute('href', '/catalog/default/component/fraud-check');
  });

  it('speaks the words an app installs for the plugin', async () => {
    server.use(http.get(coverageUrl, () => HttpResponse.json(coverage)));
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        'systemContent.coverage.title': 'Abdeckung des Systems',
        'systemContent.coverage.subheader_other':
          'Summe über {{count}} bewertete Komponenten',
        'systemContent.gaps.missingOn_other': 'fehlt bei {{count}}',
        'systemContent.components.layerColumn': 'S{{layer}}',
        'systemContent.pending.title': 'Noch nicht bewertet',
      },
    });
    await renderEntityContent(
      system,
      <SystemRuntimeStackContent />,
      undefined,
      [],
      [translationModule(german)],
    );

    expect(
      await screen.findByRole('heading', { name: 'Abdeckung des Systems' }),
    ).toBeInTheDocument();
    expect(getCoverageFigure('Abdeckung des Systems')).toHaveTextContent('65%');
    expect(
      screen.getByText('Summe über 5 bewertete Komponenten'),
    ).toBeInTheDocument();
    expect(screen.getByText('fehlt bei 2, partial on 1')).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', {
        name: 'Layer 3 · Networking & storage',
      }),
    ).toHaveTextContent('S3');
    expect(
      screen.getByRole('heading', { name: 'Noch nicht bewertet' }),
    ).toBeInTheDocument();
    // What the app leaves alone stays in English.
    expect(
      screen.getByRole('table', { name: 'Gaps across components' }),
    ).toBeVisible();
  });

  it('reloads when the backend signals that a component of the System changed', async () => {
    let answer = coverage;
    server.use(http.get(coverageUrl, () => HttpResponse.json(answer)));
    const signals = testSignals();
    await renderEntityContent(
      system,
      <SystemRuntimeStackContent />,
      undefined,
      [signals.apiEntry],
    );
    expect(await findCoverageFigure('System coverage')).toHaveTextContent(
      '65%',
    );
    answer = {
      ...coverage,
      overall: { required: 24, covered: 24, partial: 0, ratio: 1 },
    };
    await signals.sendEvaluated('system:default/payments');
    await waitFor(() =>
      expect(getCoverageFigure('System coverage')).toHaveTextContent('100%'),
    );
    expect(
      await screen.findByText('System coverage updated: 100% covered'),
    ).toHaveAttribute('role', 'status');
  });

  it('reloads the exemptions when a new evaluation of a component arrives', async () => {
    let answer = coverage;
    let granted: Exemption[] = [];
    server.use(
      http.get(coverageUrl, () => HttpResponse.json(answer)),
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
      http.get(`${baseUrl}/exemptions`, () =>
        HttpResponse.json({ items: granted }),
      ),
    );
    const signals = testSignals();
    await renderEntityContent(
      system,
      <SystemRuntimeStackContent />,
      undefined,
      [signals.apiEntry],
    );
    expect(await screen.findByText(/No exemptions/)).toBeInTheDocument();

    // Granted elsewhere (another tab, another user): its evaluation says so.
    granted = [
      {
        id: 'ex-mesh',
        scope: { kind: 'system', ref: 'system:default/payments' },
        capability: 'service-mesh',
        reason: 'No mesh until Q2',
        expiresAt: new Date(Date.now() + 40 * DAY).toISOString(),
        requestedBy: 'group:default/payments-team',
        grantedBy: 'user:default/platform-admin',
        createdAt: new Date().toISOString(),
      },
    ];
    answer = {
      ...coverage,
      components: coverage.components.map(c => ({
        ...c,
        evaluatedAt: new Date().toISOString(),
      })),
    };
    await signals.sendEvaluated('system:default/payments');
    const table = await screen.findByRole('table', { name: 'Exemptions' });
    expect(table).toHaveTextContent('No mesh until Q2');
  });

  it('keeps the tab, and an open dialog, when a reload fails, and says why', async () => {
    let failing = false;
    server.use(
      http.get(coverageUrl, () =>
        failing
          ? backendError('ServiceUnavailableError', 'backend restarting', 503)
          : HttpResponse.json(coverage),
      ),
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
      http.get(`${baseUrl}/exemptions`, () => HttpResponse.json({ items: [] })),
    );
    const signals = testSignals();
    await renderEntityContent(
      system,
      <SystemRuntimeStackContent />,
      undefined,
      [signals.apiEntry],
    );
    expect(await findCoverageFigure('System coverage')).toHaveTextContent(
      '65%',
    );
    const dialog = await openGrantDialog();

    failing = true;
    await signals.sendEvaluated('system:default/payments');

    expect(
      await screen.findByText(
        "Could not reload the System's coverage (backend restarting); showing what was loaded before.",
      ),
    ).toHaveAttribute('role', 'alert');
    expect(dialog).toBeVisible();
    expect(getCoverageFigure('System coverage')).toHaveTextContent('65%');
    expect(
      screen.getByRole('table', { name: 'Component coverage', hidden: true }),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Could not load the System's coverage/),
    ).toBeNull();
  });

  it("never shows one System's coverage on the tab of another", async () => {
    const checkout: Entity = {
      ...system,
      metadata: { name: 'checkout', namespace: 'default' },
    };
    const pending: Array<(response: Response) => void> = [];
    server.use(
      http.get(coverageUrl, () => HttpResponse.json(coverage)),
      http.get(
        `${baseUrl}/systems/default/checkout/coverage`,
        () => new Promise<Response>(resolve => pending.push(resolve)),
      ),
    );
    await renderWithClient(
      <SwitchingEntityProvider entities={[system, checkout]}>
        <SystemRuntimeStackContent />
      </SwitchingEntityProvider>,
    );
    expect(await findCoverageFigure('System coverage')).toHaveTextContent(
      '65%',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Next entity' }));
    expect(queryCoverageFigure('System coverage')).toBeNull();
    expect(screen.getByTestId('progress')).toBeInTheDocument();

    await waitFor(() => expect(pending).toHaveLength(1));
    pending[0](
      backendError('NotFoundError', "No entity 'system:default/checkout'", 404),
    );
    expect(
      await screen.findByText(/Could not load the System's coverage/),
    ).toBeInTheDocument();
    expect(queryCoverageFigure('System coverage')).toBeNull();
    expect(
      screen.queryByRole('table', { name: 'Component coverage' }),
    ).toBeNull();
  });

  it('lists the exemptions of the System and grants one for all its components, then reloads the coverage', async () => {
    const exemptions: Exemption[] = [
      {
        id: 'ex-mesh',
        scope: { kind: 'system', ref: 'system:default/payments' },
        capability: 'service-mesh',
        reason: 'No mesh until Q2',
        expiresAt: new Date(Date.now() + 40 * DAY).toISOString(),
        requestedBy: 'group:default/payments-team',
        grantedBy: 'user:default/platform-admin',
        createdAt: '2026-11-01T00:00:00.000Z',
      },
    ];
    const asked: string[] = [];
    const posted: unknown[] = [];
    let coverageLoads = 0;
    server.use(
      http.get(coverageUrl, () => {
        coverageLoads += 1;
        return HttpResponse.json(coverage);
      }),
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
      http.get(`${baseUrl}/exemptions`, ({ request }) => {
        const scopeRef = new URL(request.url).searchParams.get('scopeRef');
        asked.push(scopeRef ?? '');
        return HttpResponse.json({
          items: exemptions.filter(e => e.scope.ref === scopeRef),
        });
      }),
      http.post(`${baseUrl}/exemptions`, async ({ request }) => {
        const body = (await request.json()) as ExemptionInput;
        posted.push(body);
        const created: Exemption = {
          ...body,
          id: 'ex-new',
          requestedBy: 'user:default/guest',
          grantedBy: 'user:default/guest',
          createdAt: new Date().toISOString(),
        };
        exemptions.push(created);
        return HttpResponse.json(created, { status: 201 });
      }),
    );
    await render();

    const table = await screen.findByRole('table', { name: 'Exemptions' });
    expect(asked).toEqual(['system:default/payments']);
    expect(
      screen.getByText(
        'Accepted gaps of this System, for all its components; an expired one counts as missing again',
      ),
    ).toBeInTheDocument();
    const [, row] = within(table).getAllByRole('row');
    expect(row).toHaveTextContent('Service mesh');
    expect(row).toHaveTextContent('this System');
    expect(row).toHaveTextContent('No mesh until Q2');
    expect(coverageLoads).toBe(1);

    const dialog = await openGrantDialog();
    expect(dialog).toHaveTextContent(
      'counts as exempt for payments and all its components',
    );
    await pickCapability(
      dialog,
      'Layer 3 · Data protection (backup & restore)',
    );
    await userEvent.click(within(dialog).getByLabelText(/Reason/));
    await userEvent.paste('Stateless System');
    const day = utcDay(new Date(Date.now() + 10 * DAY));
    fireEvent.change(within(dialog).getByLabelText(/Expires on/), {
      target: { value: day },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Grant' }),
    );

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(posted).toEqual([
      {
        scope: { kind: 'system', ref: 'system:default/payments' },
        capability: 'data-protection',
        reason: 'Stateless System',
        expiresAt: `${day}T00:00:00.000Z`,
      },
    ]);
    expect(await screen.findByText('Stateless System')).toBeInTheDocument();
    await waitFor(() => expect(coverageLoads).toBe(2));
    // The coverage stays on screen while it reloads.
    expect(getCoverageFigure('System coverage')).toBeInTheDocument();
  });

  it("offers for an exemption only the gaps of the System's components, and says when they have none", async () => {
    server.use(
      http.get(coverageUrl, () => HttpResponse.json(coverage)),
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
      http.get(`${baseUrl}/exemptions`, () => HttpResponse.json({ items: [] })),
    );
    const { unmount } = await render();
    const dialog = await openGrantDialog();
    // image-signing, the other gap, is no capability of the model.
    expect(await capabilityOptions(dialog)).toEqual([
      'Layer 3 · Data protection (backup & restore)',
    ]);
    unmount();

    server.use(
      http.get(coverageUrl, () =>
        HttpResponse.json({ ...coverage, topGaps: [] }),
      ),
    );
    await render();
    await findCoverageFigure('System coverage');
    await expectGrantBlocked(
      'No gap to exempt: every required capability of its components is covered or exempt.',
    );
  });

  it("shows the System's coverage day by day", async () => {
    const asked: Array<Record<string, string>> = [];
    server.use(
      http.get(coverageUrl, () => HttpResponse.json(coverage)),
      http.get(`${baseUrl}/scorecards/trend`, ({ request }) => {
        asked.push(queryOf(request.url));
        return HttpResponse.json({
          subject: { kind: 'system', ref: 'system:default/payments' },
          points: [
            { day: '2026-11-20', services: 4, ...counts(24, 12) },
            { day: '2026-11-21', services: 4, ...counts(24, 15, 1) },
          ],
          layers: [],
        });
      }),
    );
    await render();

    expect(
      await screen.findByText(
        '65% on 2026-11-21 · 15 of 24 required covered, 1 partly · +15 points since 2026-11-20',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /Coverage of this System by day/ }),
    ).toBeInTheDocument();
    expect(asked).toEqual([
      { subject: 'system', ref: 'system:default/payments', days: '90' },
    ]);
  });

  it('reloads the trend when a component of the System is evaluated again', async () => {
    let answer = coverage;
    let trendLoads = 0;
    server.use(
      http.get(coverageUrl, () => HttpResponse.json(answer)),
      http.get(`${baseUrl}/scorecards/trend`, () => {
        trendLoads += 1;
        return HttpResponse.json({
          subject: { kind: 'system', ref: 'system:default/payments' },
          points: [
            {
              day: '2026-11-21',
              services: 4,
              ...(trendLoads === 1 ? counts(24, 15, 1) : counts(24, 24)),
            },
          ],
          layers: [],
        });
      }),
    );
    const signals = testSignals();
    await renderEntityContent(
      system,
      <SystemRuntimeStackContent />,
      undefined,
      [signals.apiEntry],
    );
    expect(await screen.findByText(/^65% on 2026-11-21/)).toBeInTheDocument();

    const [first, ...others] = coverage.components;
    answer = {
      ...coverage,
      components: [
        { ...first, evaluatedAt: new Date().toISOString() },
        ...others,
      ],
    };
    await signals.sendEvaluated('system:default/payments');
    expect(await screen.findByText(/^100% on 2026-11-21/)).toBeInTheDocument();
    expect(trendLoads).toBe(2);
  });

  it('lists only the pending components while none is evaluated', async () => {
    server.use(
      http.get(coverageUrl, () =>
        HttpResponse.json({
          ...coverage,
          components: [],
          layers: [],
          overall: { required: 0, covered: 0, partial: 0, ratio: 1 },
          topGaps: [],
        }),
      ),
    );
    await render();

    expect(await screen.findByText('fraud-check')).toBeInTheDocument();
    expect(queryCoverageFigure('System coverage')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('explains how to add components to an empty System', async () => {
    server.use(
      http.get(coverageUrl, () =>
        HttpResponse.json({
          ...coverage,
          components: [],
          pending: [],
          layers: [],
          overall: { required: 0, covered: 0, partial: 0, ratio: 1 },
          topGaps: [],
        }),
      ),
    );
    await render();

    expect(
      await screen.findByText('This System has no components'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Set spec.system: payments in/),
    ).toBeInTheDocument();
  });

  it('shows why the coverage could not be loaded', async () => {
    server.use(
      http.get(coverageUrl, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: "No entity 'system:default/payments'",
            },
            request: { method: 'GET', url: '/x' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await render();

    expect(
      await screen.findByText(/Could not load the System's coverage/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/No entity 'system:default\/payments'/).length,
    ).toBeGreaterThan(0);
  });

  it("reads the policy's refusal as a sentence, not as an error", async () => {
    server.use(
      http.get(coverageUrl, () =>
        backendError(
          'NotAllowedError',
          'Reading coverage is not allowed for you',
          403,
        ),
      ),
    );
    await render();

    expect(
      await screen.findByText(
        /You may not see the System's coverage \(Reading coverage is not allowed for you\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/Could not load the System's coverage/),
    ).toBeNull();
  });

  it('loads the coverage again on Retry after it failed to load', async () => {
    let failing = true;
    server.use(
      http.get(coverageUrl, () =>
        failing
          ? backendError('ServiceUnavailableError', 'backend restarting', 503)
          : HttpResponse.json(coverage),
      ),
    );
    await render();

    expect(
      await screen.findByText(/Could not load the System's coverage/),
    ).toBeInTheDocument();
    failing = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await findCoverageFigure('System coverage')).toHaveTextContent(
      '65%',
    );
  });
});
