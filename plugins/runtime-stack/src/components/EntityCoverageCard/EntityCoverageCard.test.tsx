import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import type { Entity } from '@backstage/catalog-model';
import type {
  CapabilityCoverage,
  EntityClusterView,
  EntityClusters,
  EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { EntityCoverageCard } from './EntityCoverageCard';
import { renderEntityContent } from '../../__testUtils__/runtimeStackClient';
import { entityContentRouteRef } from '../../routes';
import { testSignals } from '../../__testUtils__/testSignals';
import { backendError } from '../../__testUtils__/backendError';
import { translationModule } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';
import {
  findCoverageFigure,
  getCoverageFigure,
  queryCoverageFigure,
} from '../../__testUtils__/coverageFigure';

const entityUrl =
  'http://backstage.test/api/runtime-stack/entities/component/default/payments-api';
const coverageUrl = `${entityUrl}/coverage`;

/** The service's clusters, `prod-eu-1` collected a minute ago unless told. */
const clusters = (
  freshness: Partial<EntityClusterView> = {},
  unavailable: EntityClusters['unavailable'] = [],
): EntityClusters => ({
  entityRef: 'component:default/payments-api',
  selector: { labelSelector: 'backstage.io/kubernetes-id=payments-api' },
  clusters: [
    {
      cluster: 'prod-eu-1',
      namespaces: ['payments'],
      workloads: [],
      objects: [],
      tools: [],
      stale: false,
      ageSeconds: 60,
      warnings: [],
      ...freshness,
    },
  ],
  unavailable,
});

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

const gap = (
  capability: string,
  title: string,
  layer: number,
  status: 'missing' | 'partial',
  hint: string,
): CapabilityCoverage => ({
  capability,
  title,
  layer,
  requirement: 'required',
  status,
  tools: [],
  evidence: [],
  hint,
});

const coverage: EntityCoverage = {
  entityRef: 'component:default/payments-api',
  evaluatedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  profile: { id: 'tier-1', title: 'Tier 1', reason: 'lifecycle production' },
  capabilities: [],
  layers: [
    {
      layer: 2,
      title: 'Container runtime',
      required: 0,
      covered: 0,
      partial: 0,
      ratio: 1,
    },
    {
      layer: 3,
      title: 'Networking & storage',
      required: 4,
      covered: 3,
      partial: 1,
      ratio: 3.5 / 4,
    },
    {
      layer: 4,
      title: 'Security, delivery & observability',
      required: 6,
      covered: 3,
      partial: 2,
      ratio: 4 / 6,
    },
    {
      layer: 5,
      title: 'Platform services',
      required: 2,
      covered: 2,
      partial: 0,
      ratio: 1,
    },
  ],
  overall: { required: 10, covered: 6, partial: 3, ratio: 0.75 },
  // In layer order, as the backend sends them; the one missing gap comes last.
  gaps: [
    gap(
      'data-protection',
      'Data protection',
      3,
      'partial',
      'Add a restore test',
    ),
    gap('alerting', 'Alerting', 4, 'partial', 'Route alerts to on-call'),
    gap('tracing', 'Tracing', 4, 'partial', 'Export OTLP traces'),
    gap('image-signing', 'Image signing', 4, 'missing', 'Sign with cosign'),
  ],
  sourceErrors: [{ source: 'images', message: 'registry timed out' }],
};

describe('EntityCoverageCard', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);
  beforeEach(() =>
    server.use(
      http.get(`${entityUrl}/clusters`, () => HttpResponse.json(clusters())),
    ),
  );

  // Where an app's config may put the tab, rather than its default path.
  const render = () =>
    renderEntityContent(entity, <EntityCoverageCard />, {
      '/catalog/:namespace/:kind/:name/stack': entityContentRouteRef,
    });

  it('sums up the coverage, per layer, with the gaps to close first', async () => {
    server.use(http.get(coverageUrl, () => HttpResponse.json(coverage)));
    await render();

    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
      '75%',
    );
    expect(
      screen.getByText('6 of 10 required capabilities covered, 3 partly'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Profile Tier 1 · evaluated 5 min ago'),
    ).toBeInTheDocument();

    const layers = screen.getByRole('table', { name: 'Coverage by layer' });
    const rowOf = (title: string) =>
      within(layers).getByText(title).closest('tr') as HTMLElement;
    expect(rowOf('Networking & storage')).toHaveTextContent(
      /^3Networking & storage88%/,
    );
    expect(rowOf('Security, delivery & observability')).toHaveTextContent(
      '67%',
    );
    expect(rowOf('Container runtime')).toHaveTextContent('—');
    // The counts behind each percentage are read out, not only shown on hover.
    expect(
      within(rowOf('Networking & storage')).getByText(
        '3 of 4 covered, 1 partly',
      ),
    ).toBeInTheDocument();
    // "0 partly" would be noise.
    expect(
      within(rowOf('Platform services')).getByText('2 of 2 covered'),
    ).toBeInTheDocument();
    expect(
      within(rowOf('Container runtime')).getByText('Nothing required'),
    ).toBeInTheDocument();
    expect(within(layers).getAllByRole('progressbar')).toHaveLength(3);
    // Highest layer first, as the stack is drawn.
    // Named for a screen reader, though no header row is shown.
    expect(
      within(layers)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual(['Number', 'Layer', 'Coverage', 'Percent covered']);
    expect(
      within(layers)
        .getAllByRole('row')
        .slice(1)
        .map(row => row.firstElementChild?.textContent),
    ).toEqual(['5', '4', '3', '2']);

    const gaps = within(
      screen.getByRole('list', { name: 'Top coverage gaps' }),
    ).getAllByRole('listitem');
    expect(gaps.map(item => item.textContent)).toEqual([
      'Layer 4 · Image signingSign with cosignmissingImage signing status: missing',
      'Layer 3 · Data protectionAdd a restore testpartialData protection status: partial',
      'Layer 4 · AlertingRoute alerts to on-callpartialAlerting status: partial',
    ]);
    expect(
      screen.getByText('1 more on the runtime stack tab'),
    ).toBeInTheDocument();
    // A heading outline under the entity's h2, as the catalog's cards have it.
    expect(
      screen.getByRole('heading', { level: 3, name: 'Runtime stack coverage' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 4, name: 'Top gaps' }),
    ).toBeInTheDocument();

    const caveats = screen.getByRole('note');
    expect(caveats).toHaveTextContent(
      'The coverage may be out of date or read lower than it is',
    );
    expect(caveats).toHaveTextContent(
      'images could not be read in full (registry timed out): what it could not read is not counted.',
    );

    expect(screen.getByText('View runtime stack').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/stack',
    );
  });

  it('speaks the words an app installs for the plugin', async () => {
    // The backend sends a hint in parts too, for the app to word.
    const withParts: EntityCoverage = {
      ...coverage,
      gaps: coverage.gaps.map(g =>
        g.status === 'missing'
          ? { ...g, hintParts: { capability: g.capability, next: 'declare' } }
          : g,
      ),
    };
    server.use(http.get(coverageUrl, () => HttpResponse.json(withParts)));
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        'coverageCard.title': 'Abdeckung des Runtime-Stacks',
        'coverageCard.coveredPartly':
          '{{covered, number}} von {{required, number}} abgedeckt, {{partial, number}} teilweise',
        'coverageCard.topGaps': 'Wichtigste Lücken',
        'coverageCard.moreGaps_one': '{{count}} weitere im Tab',
        'coverageStatus.missing': 'fehlt',
        layerTitle: 'Schicht {{layer}}: {{title}}',
        'coverageSource.images': 'Abbilder',
        'coverageCaveats.title': 'Vielleicht veraltet',
        'coverageCaveats.sourceError': '{{source}} nicht gelesen: {{message}}',
        'coverageHint.declare':
          'ein Werkzeug in {{annotation}} angeben ({{capability}}=werkzeug) oder das Plattform-Team fragen',
      },
    });
    await renderEntityContent(
      entity,
      <EntityCoverageCard />,
      undefined,
      [],
      [translationModule(german)],
    );

    expect(
      await screen.findByText('6 von 10 abgedeckt, 3 teilweise'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Abdeckung des Runtime-Stacks' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Wichtigste Lücken' }),
    ).toBeInTheDocument();
    const gaps = within(
      screen.getByRole('list', { name: 'Top coverage gaps' }),
    ).getAllByRole('listitem');
    expect(gaps[0]).toHaveTextContent(
      'Schicht 4: Image signingein Werkzeug in runtime-stack.io/tools angeben (image-signing=werkzeug) oder das Plattform-Team fragenfehlt',
    );
    expect(screen.getByText('1 weitere im Tab')).toBeInTheDocument();
    expect(screen.getByText('Vielleicht veraltet')).toBeInTheDocument();
    expect(
      screen.getByText('Abbilder nicht gelesen: registry timed out'),
    ).toBeInTheDocument();
    // What the app leaves alone stays in English.
    expect(
      screen.getByRole('table', { name: 'Coverage by layer' }),
    ).toBeVisible();
  });

  it('warns when a cluster the coverage reads from fails or was never collected, and says what to do', async () => {
    server.use(
      http.get(coverageUrl, () =>
        HttpResponse.json({ ...coverage, sourceErrors: [] }),
      ),
      http.get(`${entityUrl}/clusters`, () =>
        HttpResponse.json(
          clusters({ ageSeconds: 7200, lastError: 'connection refused' }, [
            { cluster: 'staging-eu-1' },
          ]),
        ),
      ),
    );
    await render();

    const caveats = await screen.findByRole('note');
    expect(caveats).toHaveTextContent(
      'prod-eu-1: the last collection failed (connection refused); the coverage uses what it collected 2 h ago.',
    );
    expect(caveats).toHaveTextContent(
      'staging-eu-1 has not been collected yet: its workloads are not counted.',
    );
    expect(caveats).toHaveTextContent(
      'Ask the platform team to fix what fails (the runtime stack tab says more)',
    );
    expect(getCoverageFigure('Overall coverage')).toHaveTextContent('75%');
  });

  it('says nothing of the sources while they are current', async () => {
    server.use(
      http.get(coverageUrl, () =>
        HttpResponse.json({ ...coverage, sourceErrors: [] }),
      ),
    );
    await render();
    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
      '75%',
    );
    // The clusters answer after the coverage: wait for a request to settle.
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('offers no link to a tab the app does not have', async () => {
    server.use(http.get(coverageUrl, () => HttpResponse.json(coverage)));
    await renderEntityContent(entity, <EntityCoverageCard />);

    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
      '75%',
    );
    expect(screen.queryByText('View runtime stack')).toBeNull();
  });

  it('says when nothing is required instead of claiming full coverage', async () => {
    server.use(
      http.get(coverageUrl, () =>
        HttpResponse.json({
          ...coverage,
          layers: [coverage.layers[0]],
          overall: { required: 0, covered: 0, partial: 0, ratio: 1 },
          gaps: [],
          sourceErrors: [],
        }),
      ),
    );
    await render();

    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent('—');
    expect(
      screen.getByText('The profile requires no capabilities'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Every required capability/)).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says calmly that the policy refuses the coverage, as the tab does', async () => {
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
        'You may not see the coverage (Reading coverage is not allowed for you). Ask your Backstage administrators for the permission if you need it.',
      ),
    ).toBeInTheDocument();
    // Not an error to debug: no error panel.
    expect(screen.queryByText(/Could not load the coverage/)).toBeNull();
    expect(queryCoverageFigure('Overall coverage')).toBeNull();
    // The way to the details stays, whatever the card could load.
    expect(screen.getByText('View runtime stack')).toBeInTheDocument();
  });

  it('shows why the coverage could not be loaded', async () => {
    server.use(
      http.get(coverageUrl, () =>
        backendError('Error', 'database went away', 500),
      ),
    );
    await render();

    expect(
      await screen.findByText(/Could not load the coverage/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/database went away/).length).toBeGreaterThan(0);
    expect(queryCoverageFigure('Overall coverage')).toBeNull();
    expect(screen.getByText('View runtime stack')).toBeInTheDocument();
  });

  it('shows a new evaluation when the backend signals one, for this entity alone', async () => {
    let answer = coverage;
    let requests = 0;
    server.use(
      http.get(coverageUrl, () => {
        requests += 1;
        return HttpResponse.json(answer);
      }),
    );
    const signals = testSignals();
    await renderEntityContent(entity, <EntityCoverageCard />, undefined, [
      signals.apiEntry,
    ]);
    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
      '75%',
    );
    expect(signals.channels()).toEqual([
      'runtime-stack:coverage:component:default/payments-api',
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('');

    answer = {
      ...coverage,
      overall: { required: 10, covered: 10, partial: 0, ratio: 1 },
      gaps: [],
    };
    await signals.sendEvaluated('component:default/other');
    expect(requests).toBe(1);
    await signals.sendEvaluated('component:default/payments-api');
    await waitFor(() =>
      expect(getCoverageFigure('Overall coverage')).toHaveTextContent('100%'),
    );
    expect(requests).toBe(2);
    // The change came from elsewhere, so screen readers are told.
    expect(screen.getByRole('status')).toHaveTextContent(
      'Coverage updated: 100% covered',
    );
  });

  it('keeps the card when a reload fails, says why, and announces no change', async () => {
    let failing = false;
    server.use(
      http.get(coverageUrl, () =>
        failing
          ? backendError('ServiceUnavailableError', 'backend restarting', 503)
          : HttpResponse.json(coverage),
      ),
    );
    const signals = testSignals();
    await renderEntityContent(entity, <EntityCoverageCard />, undefined, [
      signals.apiEntry,
    ]);
    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
      '75%',
    );

    failing = true;
    await signals.sendEvaluated('component:default/payments-api');

    expect(
      await screen.findByText(
        'Could not reload the coverage (backend restarting); showing what was loaded before.',
      ),
    ).toHaveAttribute('role', 'alert');
    expect(getCoverageFigure('Overall coverage')).toHaveTextContent('75%');
    expect(screen.queryByText(/Could not load the coverage/)).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('does not load again for a signal of the evaluation it shows, even one that comes while it loads', async () => {
    let requests = 0;
    let answerFirst = () => {};
    const firstAnswered = new Promise<void>(resolve => {
      answerFirst = resolve;
    });
    server.use(
      http.get(coverageUrl, async () => {
        requests += 1;
        if (requests === 1) await firstAnswered;
        return HttpResponse.json(coverage);
      }),
    );
    const signals = testSignals();
    await renderEntityContent(entity, <EntityCoverageCard />, undefined, [
      signals.apiEntry,
    ]);
    await waitFor(() => expect(requests).toBe(1));
    const channel = 'runtime-stack:coverage:component:default/payments-api';
    const sameEvaluation = {
      entityRef: 'component:default/payments-api',
      evaluatedAt: coverage.evaluatedAt,
    };
    // The first view evaluates the service; its own signal beats the answer.
    await signals.send(channel, sameEvaluation);
    answerFirst();
    expect(await findCoverageFigure('Overall coverage')).toHaveTextContent(
      '75%',
    );
    await signals.send(channel, { ...sameEvaluation });
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(requests).toBe(1);
    expect(screen.getByRole('status')).toHaveTextContent('');

    // A later evaluation still loads.
    await signals.send(channel, {
      ...sameEvaluation,
      evaluatedAt: new Date().toISOString(),
    });
    await waitFor(() => expect(requests).toBe(2));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Coverage updated: 75% covered',
      ),
    );
  });
});
