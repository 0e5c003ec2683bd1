import { useApi } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import type { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type {
  CapabilityCoverage,
  EffectiveOwner,
  EntityCoverage,
  LayerOwnership,
  OwnershipChange,
} from '@internal/backstage-plugin-runtime-stack-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runtimeStackApiRef } from '../../api';
import { EntityRuntimeStackContent } from './EntityRuntimeStackContent';
import { LayerStack } from './LayerStack';
import { runtimeStackTestApi } from '../../__testUtils__/runtimeStackClient';
import { ALLOW, DENY } from '../../__testUtils__/permissionDecisions';
import { capturedActions } from '../../__testUtils__/capturedActions';
import { allowingOwnershipChecks } from '../../__testUtils__/ownershipChecks';
import { openChangeOwnerDialog } from '../../__testUtils__/changeOwnerDialog';
import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { translationModule } from '../../__testUtils__/translations';
import { shownStatusOf } from '../../__testUtils__/statusChips';
import { inWindowOfWidth } from '../../__testUtils__/windowWidth';
import { runtimeStackTranslationRef } from '../../translation';
import { getCoverageFigure } from '../../__testUtils__/coverageFigure';
import { testSignals } from '../../__testUtils__/testSignals';

const base = 'http://backstage.test/api/runtime-stack';
const coverageUrl = `${base}/entities/component/default/payments-api/coverage`;
const entityRef = 'component:default/payments-api';

const componentRecord: EffectiveOwner = {
  owner: 'group:default/payments-team',
  responsibility: 'operates',
  inheritedFrom: { kind: 'component', ref: entityRef, source: 'store' },
  via: 'capability',
  recordId: 'rec-workloads',
  version: 2,
  note: 'on call via PagerDuty',
};

const systemOwner: EffectiveOwner = {
  owner: 'group:default/platform-team',
  responsibility: 'operates',
  inheritedFrom: {
    kind: 'system',
    ref: 'system:default/payments',
    source: 'store',
  },
  via: 'layer',
  recordId: 'rec-system-layer-5',
  version: 5,
};

const organisationDefault: EffectiveOwner = {
  owner: 'group:default/sre',
  responsibility: 'operates',
  inheritedFrom: {
    kind: 'organization',
    ref: 'organization',
    source: 'config',
  },
  via: 'layer',
};

const capability = (
  c: Pick<CapabilityCoverage, 'capability' | 'title' | 'layer'> &
    Partial<CapabilityCoverage>,
): CapabilityCoverage => ({
  requirement: 'required',
  status: 'covered',
  tools: [],
  evidence: [],
  ...c,
});

const workloads = capability({
  capability: 'workloads',
  title: 'Workloads',
  layer: 6,
  tools: ['kubernetes'],
  evidence: [
    {
      source: 'cluster',
      capability: 'workloads',
      tool: 'kubernetes',
      detail: 'Deployment payments/payments-api',
      cluster: 'prod-eu-1',
      seenAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      strength: 'full',
    },
    {
      source: 'declared',
      capability: 'workloads',
      detail: 'runtime-stack.io/tools annotation',
      strength: 'partial',
    },
  ],
  owners: [componentRecord],
});

const health = capability({
  capability: 'health',
  title: 'Health & resilience',
  layer: 6,
  status: 'partial',
  hint: 'Add a readiness probe',
  owners: [{ ...componentRecord, recordId: 'rec-health', version: 1 }],
});

const serviceMesh = capability({
  capability: 'service-mesh',
  title: 'Service mesh',
  layer: 5,
  requirement: 'recommended',
  status: 'partial',
  tools: ['istio'],
  conflict: { declared: ['linkerd'], observed: ['istio'] },
  owners: [systemOwner],
});

const dataProtection = capability({
  capability: 'data-protection',
  title: 'Data protection (backup & restore)',
  layer: 3,
  status: 'missing',
  hint: 'prod-eu-1 offers Velero: use it and declare it in runtime-stack.io/tools (data-protection=velero)',
  hintParts: {
    capability: 'data-protection',
    next: 'offered',
    offers: [{ cluster: 'prod-eu-1', tools: ['Velero'] }],
    example: 'data-protection=velero',
  },
  owners: [organisationDefault],
});

const platform = capability({
  capability: 'platform',
  title: 'Platform (cloud or on-premises)',
  layer: 0,
  requirement: 'optional',
  status: 'not-required',
});

const layer = (n: number, title: string, required = 0, covered = 0) => ({
  layer: n,
  title,
  required,
  covered,
  partial: 0,
  ratio: required === 0 ? 1 : covered / required,
});

const coverage: EntityCoverage = {
  entityRef,
  evaluatedAt: '2026-11-23T10:00:00.000Z',
  profile: { id: 'tier-1', title: 'Tier 1', reason: 'lifecycle production' },
  capabilities: [platform, dataProtection, serviceMesh, workloads, health],
  layers: [
    layer(0, 'Platform & external services'),
    layer(1, 'Core runtime'),
    layer(2, 'Lifecycle, automation & configuration'),
    layer(3, 'Networking, storage & access', 4, 3),
    layer(4, 'Security, delivery & observability'),
    layer(5, 'Platform services'),
    { ...layer(6, 'Application', 2, 1), partial: 1, ratio: 0.75 },
  ],
  overall: { required: 6, covered: 4, partial: 1, ratio: 0.75 },
  gaps: [dataProtection, health],
  sourceErrors: [],
};

/** The same answer with one capability's owners replaced, as after a save. */
const withOwnersOf = (
  id: string,
  owners: EffectiveOwner[],
): EntityCoverage => ({
  ...coverage,
  capabilities: coverage.capabilities.map(c =>
    c.capability === id ? { ...c, owners } : c,
  ),
});

const savedRecord = (input: Partial<LayerOwnership>): LayerOwnership => ({
  id: 'rec-new',
  scope: { kind: 'component', ref: entityRef },
  layer: 3,
  owner: 'group:default/payments-team',
  responsibility: 'operates',
  version: 1,
  createdAt: '2026-11-23T10:00:00.000Z',
  createdBy: 'user:default/alice',
  updatedAt: '2026-11-23T10:00:00.000Z',
  updatedBy: 'user:default/alice',
  ...input,
});

const errorBody = (name: string, message: string, statusCode: number) =>
  HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'PUT', url: '/ownership' },
      response: { statusCode },
    },
    { status: statusCode },
  );

/** Replaces a field's text; pasted, since typing long refs key by key is slow. */
const fillIn = async (field: HTMLElement, text: string) => {
  await userEvent.clear(field);
  await userEvent.paste(text);
};

/** The component of the entity-tab tests. */
const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'payments-team' },
};

/**
 * The entity tab's other sources answering 404, so a test speaks only about
 * the coverage; register the coverage handler after these, so it wins.
 */
const otherViewsMissing = () => {
  const notHere = () => HttpResponse.json({}, { status: 404 });
  return [
    http.get(`${base}/layers`, notHere),
    http.get(`${base}/entities/component/default/payments-api/:view`, notHere),
    http.get(`${base}/scorecards/trend`, notHere),
    http.get(`${base}/exemptions`, notHere),
  ];
};

/** Loads coverage and reloads it on change, as the entity tab does. */
const PaymentsApiStack = () => {
  const api = useApi(runtimeStackApiRef);
  const state = useAsyncRetry(
    () => api.getEntityCoverage({ kind: 'Component', name: 'payments-api' }),
    [api],
  );
  return state.value ? (
    <LayerStack
      value={state.value}
      titleOf={id => (id === 'istio' ? 'Istio' : id)}
      onChanged={state.retry}
    />
  ) : null;
};

/** The catalog's Groups the owner field offers. */
const group = (name: string, displayName: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', profile: { displayName }, children: [] },
});
const groups = [
  group('storage-team', 'Storage'),
  group('sre', 'Site Reliability'),
];

describe('LayerStack', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  // Owners without a stored record are checked with the backend up front
  // (LayerStack.takeOver.test.tsx): here the backend allows them all.
  beforeEach(() => server.use(allowingOwnershipChecks()));

  /** Serves the answers in turn, the last one for good; counts the requests. */
  /** Accepts every `POST /ownership`, keeping the bodies sent. */
  const acceptOwnershipPosts = () => {
    const posted: unknown[] = [];
    server.use(
      http.post(`${base}/ownership`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(savedRecord({}), { status: 201 });
      }),
    );
    return posted;
  };

  const serveCoverage = (...answers: EntityCoverage[]) => {
    const served = { count: 0 };
    server.use(
      http.get(coverageUrl, () => {
        const answer = answers[Math.min(served.count, answers.length - 1)];
        served.count += 1;
        return HttpResponse.json(answer);
      }),
    );
    return served;
  };

  const render = (
    permission: ReturnType<typeof mockApis.permission> = mockApis.permission(),
    element: JSX.Element = <PaymentsApiStack />,
    analytics = mockApis.analytics(),
  ) =>
    renderInTestApp(element, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        permission,
        analytics,
        runtimeStackTestApi(),
        [catalogApiRef, catalogApiMock({ entities: groups })],
      ],
    });

  const rowOf = async (title: string) =>
    screen.findByRole('row', { name: title });

  it('shows the layers from the application down to the platform, with status, tools and owners', async () => {
    serveCoverage(coverage);
    await render();

    const layers = await screen.findAllByRole('button', { name: /^Layer \d/ });
    expect(layers.map(l => l.textContent?.slice(0, 7))).toEqual([
      'Layer 6',
      'Layer 5',
      'Layer 4',
      'Layer 3',
      'Layer 2',
      'Layer 1',
      'Layer 0',
    ]);
    expect(layers[0]).toHaveTextContent(
      'Layer 6 · Application1 of 2 required covered, 1 partly',
    );
    expect(layers[3]).toHaveTextContent('3 of 4 required covered');
    expect(layers[6]).toHaveTextContent('nothing required');
    // Layers with something to fix start open, the others closed.
    expect(layers[0]).toHaveAttribute('aria-expanded', 'true');
    expect(layers[6]).toHaveAttribute('aria-expanded', 'false');

    const workloadsRow = await rowOf('Workloads');
    expect(shownStatusOf('Workloads', workloadsRow)).toBe('covered');
    expect(within(workloadsRow).getByText('kubernetes')).toBeInTheDocument();
    expect(within(workloadsRow).getByText('required')).toBeInTheDocument();
    expect(
      within(workloadsRow).getByRole('link', { name: /payments-team/ }),
    ).toHaveAttribute('href', '/catalog/default/group/payments-team');
    expect(
      within(workloadsRow).getByText('operates · this component'),
    ).toBeInTheDocument();

    const meshRow = await rowOf('Service mesh');
    expect(shownStatusOf('Service mesh', meshRow)).toBe('partial');
    expect(
      within(meshRow).getByText('Conflict: declared linkerd, observed Istio'),
    ).toBeInTheDocument();
    expect(
      within(meshRow).getByText(
        /^\w+ · inherited from payments, for the whole layer$/,
      ),
    ).toBeInTheDocument();

    const dataRow = await rowOf('Data protection (backup & restore)');
    expect(shownStatusOf('Data protection (backup & restore)', dataRow)).toBe(
      'missing',
    );
    expect(
      within(dataRow).getByText(
        'prod-eu-1 offers Velero: use it and declare it in runtime-stack.io/tools (data-protection=velero)',
      ),
    ).toBeInTheDocument();
    expect(
      within(dataRow).getByText(
        /^\w+ · organisation default, for the whole layer$/,
      ),
    ).toBeInTheDocument();

    await userEvent.click(layers[6]);
    const platformRow = await rowOf('Platform (cloud or on-premises)');
    expect(shownStatusOf('Platform (cloud or on-premises)', platformRow)).toBe(
      'not required',
    );
    expect(within(platformRow).getByText('not known')).toBeInTheDocument();
  });

  it('marks a capability whose declaration a cluster contradicts with a warning chip beside its status, even when covered', async () => {
    const covered = {
      ...serviceMesh,
      requirement: 'required' as const,
      status: 'covered' as const,
    };
    serveCoverage({
      ...coverage,
      capabilities: coverage.capabilities.map(c =>
        c.capability === 'service-mesh' ? covered : c,
      ),
    });
    await render();

    const meshRow = await rowOf('Service mesh');
    // The engine's status stays as it is.
    expect(shownStatusOf('Service mesh', meshRow)).toBe('covered');
    const conflict = within(meshRow)
      .getByText('Service mesh: declaration contradicted by a cluster')
      .closest('.MuiChip-root') as HTMLElement;
    expect(conflict).toHaveTextContent(/^conflict/);
    expect(conflict.querySelector('svg')).toBeInTheDocument();
    expect(
      within(meshRow).getByText('Conflict: declared linkerd, observed Istio'),
    ).toBeInTheDocument();

    // A row without a conflict has none.
    const workloadsRow = await rowOf('Workloads');
    expect(shownStatusOf('Workloads', workloadsRow)).toBe('covered');
    expect(
      within(workloadsRow).queryByText(/contradicted by a cluster/),
    ).not.toBeInTheDocument();
  });

  describe.each([
    [1280, 'a laptop'],
    [390, 'a phone'],
  ])('in a window %i px wide (%s)', width => {
    let restore = () => {};
    beforeEach(() => {
      restore = inWindowOfWidth(width);
    });
    afterEach(() => restore());

    it('puts status, tools, owners and actions in the capability cell, so nothing is cut off', async () => {
      serveCoverage(coverage);
      await render();

      const table = await screen.findByRole('table', {
        name: 'Layer 6 capabilities',
      });
      expect(
        within(table)
          .getAllByRole('columnheader')
          .map(h => h.textContent),
      ).toEqual(['Capability']);
      const workloadsRow = await rowOf('Workloads');
      const [cell, ...others] = within(workloadsRow).getAllByRole('cell');
      expect(others).toEqual([]);
      expect(shownStatusOf('Workloads', cell)).toBe('covered');
      expect(within(cell).getByText('kubernetes')).toBeInTheDocument();
      expect(
        within(cell).getByRole('link', { name: /payments-team/ }),
      ).toBeInTheDocument();
      expect(
        within(cell).getByRole('button', { name: 'Change owner of Workloads' }),
      ).toBeInTheDocument();
      // The evidence opens below, across the one column.
      await userEvent.click(
        within(cell).getByRole('button', {
          name: /^Evidence \(\d+\) for Workloads$/,
        }),
      );
      expect(
        await screen.findByRole('table', { name: 'Evidence for Workloads' }),
      ).toBeInTheDocument();
    });
  });

  it('gives status, tools, owners and actions columns of their own in an xl window', async () => {
    const restore = inWindowOfWidth(1920);
    try {
      serveCoverage(coverage);
      await render();
      const table = await screen.findByRole('table', {
        name: 'Layer 6 capabilities',
      });
      expect(
        within(table)
          .getAllByRole('columnheader')
          .map(h => h.textContent),
      ).toEqual(['Capability', 'Status', 'Tools', 'Owners', 'Actions']);
      expect(
        within(await rowOf('Workloads')).getAllByRole('cell'),
      ).toHaveLength(5);
    } finally {
      restore();
    }
  });

  it('speaks the words an app installs for the plugin', async () => {
    serveCoverage(coverage);
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        layerTitle: 'Schicht {{layer}}: {{title}}',
        'entityContent.stack.layerCoveragePartly':
          '{{covered, number}} von {{required, number}} verlangt, {{partial, number}} teilweise',
        'entityContent.stack.conflict':
          'Widerspruch: angegeben {{declared}}, gesehen {{observed}}',
        'entityContent.owners.inheritedLayer':
          'geerbt von {{scope}}, für die ganze Schicht',
        'entityContent.changeOwner.buttonLabel':
          'Eigentümer von {{capability}} ändern',
        'entityContent.changeOwner.title':
          'Eigentümer von {{capability}} ändern',
        'entityContent.responsibility.operates': 'betreibt',
        'entityContent.responsibility.supports': 'unterstützt',
        'entityContent.responsibility.consumes': 'nutzt',
        'coverageStatus.partial': 'teilweise',
        'coverageHint.offers': '{{cluster}} bietet {{tools}}',
        'coverageHint.useOffered':
          '{{offers}}: nutzen und in {{annotation}} angeben ({{example}})',
      },
    });
    await renderInTestApp(<PaymentsApiStack />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        mockApis.permission(),
        runtimeStackTestApi(),
        [catalogApiRef, catalogApiMock({ entities: groups })],
      ],
      features: [translationModule(german)],
    });

    const layers = await screen.findAllByRole('button', {
      name: /^Schicht \d/,
    });
    expect(layers[0]).toHaveTextContent(
      'Schicht 6: Application1 von 2 verlangt, 1 teilweise',
    );
    const meshRow = await rowOf('Service mesh');
    expect(
      within(meshRow).getByText(
        'Widerspruch: angegeben linkerd, gesehen Istio',
      ),
    ).toBeInTheDocument();
    expect(
      within(meshRow).getByText(
        /^\w+ · geerbt von payments, für die ganze Schicht$/,
      ),
    ).toBeInTheDocument();
    expect(shownStatusOf('Service mesh', meshRow)).toBe('teilweise');
    expect(
      within(await rowOf('Data protection (backup & restore)')).getByText(
        'prod-eu-1 bietet Velero: nutzen und in runtime-stack.io/tools angeben (data-protection=velero)',
      ),
    ).toBeInTheDocument();
    expect(
      within(meshRow).getByText(
        'betreibt · geerbt von payments, für die ganze Schicht',
      ),
    ).toBeInTheDocument();
    const change = within(meshRow).getByRole('button', {
      name: 'Eigentümer von Service mesh ändern',
    });
    await waitFor(() => expect(change).not.toHaveAttribute('aria-disabled'));
    await userEvent.click(change);
    const dialog = await screen.findByRole('dialog', {
      name: 'Eigentümer von Service mesh ändern',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Responsibility/ }),
    );
    expect(
      (await screen.findAllByRole('option')).map(o => o.textContent),
    ).toEqual(['betreibt', 'unterstützt', 'nutzt']);
  });

  it('shows the evidence of a capability on demand', async () => {
    serveCoverage(coverage);
    await render();

    const evidenceButton = within(await rowOf('Workloads')).getByRole(
      'button',
      { name: 'Evidence (2) for Workloads' },
    );
    expect(evidenceButton).toHaveAttribute('aria-expanded', 'false');
    expect(
      screen.queryByRole('table', { name: 'Evidence for Workloads' }),
    ).not.toBeInTheDocument();

    await userEvent.click(evidenceButton);

    expect(evidenceButton).toHaveAttribute('aria-expanded', 'true');
    const evidence = await screen.findByRole('table', {
      name: 'Evidence for Workloads',
    });
    const [, clusterRow, declaredRow] = within(evidence).getAllByRole('row');
    expect(
      within(clusterRow)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'cluster',
      'Deployment payments/payments-api',
      'prod-eu-1',
      'kubernetes',
      '5 min ago',
    ]);
    expect(
      within(declaredRow)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'declared (partial)',
      'runtime-stack.io/tools annotation',
      '—',
      '—',
      '—',
    ]);
  });

  it('overrides an inherited owner with a record on this component, then reloads', async () => {
    const newOwner: EffectiveOwner = {
      owner: 'group:default/storage-team',
      responsibility: 'supports',
      inheritedFrom: { kind: 'component', ref: entityRef, source: 'store' },
      via: 'capability',
      recordId: 'rec-new',
      version: 1,
    };
    const served = serveCoverage(
      coverage,
      withOwnersOf('data-protection', [organisationDefault, newOwner]),
    );
    const posted = acceptOwnershipPosts();
    const analytics = mockApis.analytics();
    await render(undefined, undefined, analytics);

    const dialog = await openChangeOwnerDialog(
      'Data protection (backup & restore)',
    );
    // The current owner, linked to its page.
    const explanation = within(dialog).getByText(
      (_, element) =>
        element?.tagName === 'P' &&
        Boolean(element.textContent?.startsWith('Now ')),
    );
    expect(explanation).toHaveTextContent(
      'Now sre (operates), organisation default, for the whole layer.',
    );
    expect(
      within(explanation).getByRole('link', { name: 'sre' }),
    ).toHaveAttribute('href', '/catalog/default/group/sre');
    const ownerField = within(dialog).getByRole('textbox', {
      name: /Owner group/,
    });
    await fillIn(ownerField, 'group:storage-team');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Responsibility/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'supports' }),
    );
    await fillIn(
      within(dialog).getByRole('textbox', { name: 'Note' }),
      'Backups are run by storage',
    );
    await fillIn(
      within(dialog).getByRole('textbox', { name: 'Link' }),
      'https://wiki.example.com/storage',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(posted).toEqual([
      {
        scope: { kind: 'component', ref: entityRef },
        layer: 3,
        capability: 'data-protection',
        // Stored in full, so the backend can compare it with the user's groups.
        owner: 'group:default/storage-team',
        responsibility: 'supports',
        note: 'Backups are run by storage',
        link: 'https://wiki.example.com/storage',
      },
    ]);
    await waitFor(() => expect(served.count).toBe(2));
    const dataRow = await rowOf('Data protection (backup & restore)');
    expect(
      await within(dataRow).findByRole('link', { name: /storage-team/ }),
    ).toBeInTheDocument();
    expect(
      within(dataRow).getByText('supports · this component'),
    ).toBeInTheDocument();
    expect(capturedActions(analytics)).toEqual([
      expect.objectContaining({
        action: 'create-ownership',
        subject: 'data-protection',
        attributes: {
          entityRef,
          scope: 'component',
          owner: 'group:default/storage-team',
          responsibility: 'supports',
        },
      }),
    ]);
  });

  it('keeps focus on Change owner when the first save gives the row a record of its own', async () => {
    const ownRecord: EffectiveOwner = {
      owner: 'group:default/storage-team',
      responsibility: 'operates',
      inheritedFrom: { kind: 'component', ref: entityRef, source: 'store' },
      via: 'capability',
      recordId: 'rec-first-save',
      version: 1,
    };
    const served = serveCoverage(
      coverage,
      withOwnersOf('data-protection', [ownRecord]),
    );
    server.use(
      http.post(`${base}/ownership`, () =>
        HttpResponse.json(savedRecord({ id: 'rec-first-save' }), {
          status: 201,
        }),
      ),
    );
    const asked: string[] = [];
    const permission = mockApis.permission({
      authorize: request => {
        if ('resourceRef' in request && request.resourceRef) {
          asked.push(request.resourceRef);
        }
        return ALLOW;
      },
    });
    await render(permission);

    const name = 'Change owner of Data protection (backup & restore)';
    const dialog = await openChangeOwnerDialog(
      'Data protection (backup & restore)',
    );
    // Behind the open dialog, hidden from role queries.
    const button = screen.getByRole('button', { name, hidden: true });
    await fillIn(
      within(dialog).getByRole('textbox', { name: /Owner group/ }),
      'group:storage-team',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(button).toHaveFocus();

    // The reload makes the row's own record the one saving changes, which
    // the permission framework is asked about: the button stays the same.
    await waitFor(() => expect(served.count).toBe(2));
    await waitFor(() => expect(asked).toContain('rec-first-save'));
    await waitFor(() => expect(button).not.toHaveAttribute('aria-disabled'));
    expect(screen.getByRole('button', { name })).toBe(button);
    expect(button).toHaveFocus();
  });

  it("picks the new owner from the catalog's groups by their names", async () => {
    serveCoverage(coverage);
    await render();
    const dialog = await openChangeOwnerDialog(
      'Data protection (backup & restore)',
    );
    const ownerField = within(dialog).getByRole('textbox', {
      name: /Owner group/,
    });
    await fillIn(ownerField, 'Reliab');
    // Found by its name, not its ref; the list shows both.
    await waitFor(() =>
      expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
        'Site Reliabilitygroup:default/sre',
      ]),
    );
    await userEvent.click(screen.getByRole('option'));
    expect(ownerField).toHaveValue('group:default/sre');
  });

  it("changes this component's own record in place, naming the version it changes", async () => {
    const served = serveCoverage(coverage);
    const put: Array<{ id: unknown; body: unknown }> = [];
    server.use(
      http.put(`${base}/ownership/:id`, async ({ request, params }) => {
        put.push({ id: params.id, body: await request.json() });
        return HttpResponse.json(savedRecord({ id: 'rec-workloads' }));
      }),
    );
    const analytics = mockApis.analytics();
    await render(undefined, undefined, analytics);

    const dialog = await openChangeOwnerDialog('Workloads');
    expect(
      within(dialog).getByText(
        'Changes the owner record set on this component (version 2).',
      ),
    ).toBeInTheDocument();
    // The record's note is kept unless changed.
    expect(within(dialog).getByRole('textbox', { name: 'Note' })).toHaveValue(
      'on call via PagerDuty',
    );
    const ownerField = within(dialog).getByRole('textbox', {
      name: /Owner group/,
    });
    await fillIn(ownerField, 'group:payments/checkout-team');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(put).toEqual([
      {
        id: 'rec-workloads',
        body: {
          scope: { kind: 'component', ref: entityRef },
          layer: 6,
          capability: 'workloads',
          owner: 'group:payments/checkout-team',
          responsibility: 'operates',
          note: 'on call via PagerDuty',
          version: 2,
        },
      },
    ]);
    await waitFor(() => expect(served.count).toBe(2));
    expect(capturedActions(analytics)).toEqual([
      expect.objectContaining({
        action: 'update-ownership',
        subject: 'workloads',
      }),
    ]);
  });

  it('says who changed a record in the meantime and saves over it after a reload', async () => {
    const served = serveCoverage(
      coverage,
      withOwnersOf('workloads', [
        { ...componentRecord, owner: 'group:default/web-team', version: 3 },
      ]),
    );
    const versions: unknown[] = [];
    server.use(
      http.put(`${base}/ownership/:id`, async ({ request }) => {
        const body = (await request.json()) as { version: number };
        versions.push(body.version);
        if (body.version === 2) {
          return errorBody(
            'ConflictError',
            "Ownership record 'rec-workloads' was changed by user:default/someone at 2026-11-23T10:05:00.000Z: it is at version 3, not 2. Reload it and apply your change again.",
            409,
          );
        }
        return HttpResponse.json(savedRecord({ version: 4 }));
      }),
    );
    await render();

    const dialog = await openChangeOwnerDialog('Workloads');
    const ownerField = within(dialog).getByRole('textbox', {
      name: /Owner group/,
    });
    await fillIn(ownerField, 'group:default/checkout-team');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      /Changed by someone at .+ since you opened it\. Reload to see the current owner, then save again\./,
    );
    expect(
      within(alert).getByRole('link', { name: 'someone' }),
    ).toHaveAttribute('href', '/catalog/default/user/someone');
    await userEvent.click(
      within(alert).getByRole('button', { name: 'Reload' }),
    );

    await waitFor(() => expect(served.count).toBe(2));
    // The dialog stays open with the user's input, now against version 3.
    expect(
      await within(dialog).findByText(
        'Changes the owner record set on this component (version 3).',
      ),
    ).toBeInTheDocument();
    expect(ownerField).toHaveValue('group:default/checkout-team');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(versions).toEqual([2, 3]);
  });

  it('saves over the version it opened with when the coverage reloads under it, and meets the conflict', async () => {
    const changedMeanwhile = withOwnersOf('workloads', [
      { ...componentRecord, owner: 'group:default/web-team', version: 3 },
    ]);
    server.use(...otherViewsMissing());
    // Registered last, so it wins over the catch-all for the other views.
    const served = serveCoverage(coverage, changedMeanwhile);
    const versions: number[] = [];
    server.use(
      http.put(`${base}/ownership/:id`, async ({ request }) => {
        const body = (await request.json()) as { version: number };
        versions.push(body.version);
        return body.version === 3
          ? HttpResponse.json(savedRecord({ version: 4 }))
          : errorBody(
              'ConflictError',
              "Ownership record 'rec-workloads' was changed by user:default/someone at 2026-11-23T10:05:00.000Z: it is at version 3, not 2. Reload it and apply your change again.",
              409,
            );
      }),
    );
    const signals = testSignals();
    await renderInTestApp(
      <EntityProvider entity={paymentsApi}>
        <EntityRuntimeStackContent />
      </EntityProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        apis: [
          mockApis.permission(),
          runtimeStackTestApi(),
          [catalogApiRef, catalogApiMock({ entities: groups })],
          signals.apiEntry,
        ],
      },
    );

    const dialog = await openChangeOwnerDialog('Workloads');
    await fillIn(
      within(dialog).getByRole('textbox', { name: /Owner group/ }),
      'group:default/checkout-team',
    );
    // Someone else's change is evaluated while the dialog is open.
    await signals.sendEvaluated(entityRef);
    await waitFor(() => expect(served.count).toBe(2));
    // Behind the dialog, the row shows the new owner.
    const behind = await screen.findByRole('row', {
      name: 'Workloads',
      hidden: true,
    });
    expect(
      await within(behind).findByRole('link', {
        name: /web-team/,
        hidden: true,
      }),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'Changes the owner record set on this component (version 2).',
      ),
    ).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /^Changed by someone at .+ since you opened it\. Reload to see the current owner, then save again\.Reload$/,
    );
    expect(versions).toEqual([2]);

    // Only the user's Reload moves it on to the version they have now seen.
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reload' }),
    );
    expect(
      await within(dialog).findByText(
        'Changes the owner record set on this component (version 3).',
      ),
    ).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(versions).toEqual([2, 3]);
  });

  it('keeps the dialog and its Cancel while a save is in flight', async () => {
    serveCoverage(coverage);
    let answer = (_: Response) => {};
    server.use(
      http.put(
        `${base}/ownership/:id`,
        () =>
          new Promise<Response>(resolve => {
            answer = resolve;
          }),
      ),
    );
    await render();

    const dialog = await openChangeOwnerDialog('Workloads');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(
        within(dialog).getByRole('button', { name: 'Cancel' }),
      ).toBeDisabled(),
    );
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeInTheDocument();

    answer(HttpResponse.json(savedRecord({ version: 3 })));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('disables changing a record the user may not change, and says why', async () => {
    // usePermission caches answers by record across renders (swr), so the
    // denied record gets an id no other test has asked about.
    serveCoverage(
      withOwnersOf('health', [
        { ...componentRecord, recordId: 'rec-denied', version: 1 },
      ]),
    );
    const permission = mockApis.permission({
      authorize: request =>
        'resourceRef' in request && request.resourceRef === 'rec-denied'
          ? DENY
          : ALLOW,
    });
    await render(permission);

    await screen.findByRole('button', {
      name: 'Change owner of Health & resilience',
    });
    await waitFor(() =>
      expect(
        screen.getByRole('button', {
          name: 'Change owner of Health & resilience',
        }),
      ).toHaveAttribute('aria-disabled', 'true'),
    );
    await userEvent.hover(
      screen.getByRole('button', {
        name: 'Change owner of Health & resilience',
      }),
    );
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      /belongs to a group you are not a member of/,
    );
    // Another record of the component is still allowed, and a new record is
    // left to the backend to decide.
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Change owner of Workloads' }),
      ).not.toHaveAttribute('aria-disabled'),
    );
    expect(
      screen.getByRole('button', { name: 'Change owner of Service mesh' }),
    ).not.toHaveAttribute('aria-disabled');
  });

  it('disables taking over an inherited stored owner the user may not change', async () => {
    serveCoverage(
      withOwnersOf('health', [
        {
          owner: 'group:default/platform-team',
          responsibility: 'operates',
          inheritedFrom: {
            kind: 'cluster',
            ref: 'prod-eu-1',
            source: 'store',
          },
          via: 'capability',
          recordId: 'rec-cluster-denied',
          version: 4,
        },
      ]),
    );
    const asked: string[] = [];
    const permission = mockApis.permission({
      authorize: request => {
        if ('resourceRef' in request && request.resourceRef) {
          asked.push(request.resourceRef);
        }
        return 'resourceRef' in request &&
          request.resourceRef === 'rec-cluster-denied'
          ? DENY
          : ALLOW;
      },
    });
    await render(permission);

    const button = await screen.findByRole('button', {
      name: 'Change owner of Health & resilience',
    });
    await waitFor(() =>
      expect(button).toHaveAttribute('aria-disabled', 'true'),
    );
    expect(asked).toContain('rec-cluster-denied');
    await userEvent.hover(button);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'platform-team owns this for cluster prod-eu-1, and only its members may hand it over to this component.',
    );
  });

  it('shows why the backend refused a new owner', async () => {
    serveCoverage(coverage);
    server.use(
      http.post(`${base}/ownership`, () =>
        errorBody(
          'NotAllowedError',
          'You may only assign a group you are a member of',
          403,
        ),
      ),
    );
    await render();

    const dialog = await openChangeOwnerDialog('Service mesh');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Not saved: You may only assign a group you are a member of',
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('says as soon as an owner is picked that the backend would refuse it, and blocks Save', async () => {
    serveCoverage(coverage);
    const REFUSAL =
      'You may not make group:default/security-team an owner: only its members may';
    const asked: Array<{ owner: string; capability: string }> = [];
    const posted = acceptOwnershipPosts();
    server.use(
      http.post(`${base}/ownership/check`, async ({ request }) => {
        const { records } = (await request.json()) as {
          records: Array<{ owner: string; capability: string }>;
        };
        asked.push(...records);
        return HttpResponse.json({
          results: records.map(record =>
            record.owner !== 'group:default/payments-team'
              ? {
                  record,
                  allowed: false,
                  reason: REFUSAL,
                  refusal: 'not-allowed',
                }
              : { record, allowed: true },
          ),
        });
      }),
    );
    await render();

    const dialog = await openChangeOwnerDialog('Service mesh');
    const ownerField = within(dialog).getByRole('textbox', {
      name: /Owner group/,
    });
    const save = within(dialog).getByRole('button', { name: 'Save' });
    // Longer than the pick takes to settle: the owner the dialog opened with
    // (platform-team, not the user's either) is left to Save to refuse.
    await new Promise(resolve => setTimeout(resolve, 600));
    expect(save).toBeEnabled();
    await fillIn(ownerField, 'group:security-team');

    expect(await within(dialog).findByText(REFUSAL)).toBeInTheDocument();
    expect(save).toBeDisabled();
    // The owner the dialog opened with was never asked about: only picks
    // are. (The tab asks about other rows' owners for their buttons.)
    expect(asked.filter(r => r.capability === 'service-mesh')).toEqual([
      expect.objectContaining({
        owner: 'group:default/security-team',
        capability: 'service-mesh',
      }),
    ]);

    await fillIn(ownerField, 'group:default/payments-team');
    await waitFor(() => expect(save).toBeEnabled());
    expect(within(dialog).queryByText(REFUSAL)).not.toBeInTheDocument();
    await userEvent.click(save);
    await waitFor(() =>
      expect(posted).toEqual([
        expect.objectContaining({ owner: 'group:default/payments-team' }),
      ]),
    );
  });

  it('accepts only group refs as owners', async () => {
    serveCoverage(coverage);
    const posted = acceptOwnershipPosts();
    await render();

    const dialog = await openChangeOwnerDialog('Service mesh');
    const ownerField = within(dialog).getByRole('textbox', {
      name: /Owner group/,
    });
    await fillIn(ownerField, 'user:default/alice');
    await fillIn(
      within(dialog).getByRole('textbox', { name: 'Link' }),
      'wiki page',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(
      within(dialog).getByText(
        'Enter a group as group:namespace/name or group:name',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Enter an http(s) address'),
    ).toBeInTheDocument();
    expect(posted).toEqual([]);
  });

  it('lists the owner changes made on this component', async () => {
    serveCoverage(coverage);
    const history: OwnershipChange[] = [
      {
        id: 2,
        ownershipId: 'rec-workloads',
        action: 'update',
        actor: 'user:default/alice',
        at: '2026-11-22T09:00:00.000Z',
        before: savedRecord({
          id: 'rec-workloads',
          layer: 6,
          capability: 'workloads',
          owner: 'group:default/web-team',
        }),
        after: savedRecord({
          id: 'rec-workloads',
          layer: 6,
          capability: 'workloads',
          owner: 'group:default/payments-team',
          version: 2,
        }),
      },
      {
        id: 1,
        ownershipId: 'rec-workloads',
        action: 'create',
        actor: 'user:default/bob',
        at: '2026-11-01T09:00:00.000Z',
        after: savedRecord({
          id: 'rec-workloads',
          layer: 6,
          capability: 'workloads',
          owner: 'group:default/web-team',
        }),
      },
    ];
    const scopeRefs: Array<string | null> = [];
    server.use(
      http.get(`${base}/history`, ({ request }) => {
        scopeRefs.push(new URL(request.url).searchParams.get('scopeRef'));
        return HttpResponse.json({ items: history, totalCount: 2 });
      }),
    );
    await render();

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'History of owner changes on this component',
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Ownership history',
    });
    const [, update, create] = within(table).getAllByRole('row');
    // People and groups link to the catalog; the capability goes by its title.
    expect(within(update).getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(update).toHaveTextContent('update');
    expect(update).toHaveTextContent('Layer 6 · Workloads');
    expect(update).toHaveTextContent(
      'web-team (operates) → payments-team (operates)',
    );
    expect(
      within(update).getByRole('link', { name: 'payments-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments-team');
    expect(create).toHaveTextContent('bob');
    expect(create).toHaveTextContent('create');
    expect(create).toHaveTextContent('— → web-team (operates)');
    expect(scopeRefs).toEqual([entityRef]);
  });

  it('reloads the coverage of the entity tab after a change, keeping the tab on screen', async () => {
    server.use(
      ...otherViewsMissing(),
      http.post(`${base}/ownership`, () =>
        HttpResponse.json(savedRecord({}), { status: 201 }),
      ),
    );
    // Registered last, so it wins over the catch-all for the other views.
    const served = serveCoverage(coverage);
    await render(
      mockApis.permission(),
      <EntityProvider entity={paymentsApi}>
        <EntityRuntimeStackContent />
      </EntityProvider>,
    );

    const dialog = await openChangeOwnerDialog('Service mesh');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(served.count).toBe(2));
    expect(getCoverageFigure('Overall coverage')).toHaveTextContent('75%');
    expect(await rowOf('Service mesh')).toBeInTheDocument();
  });

  describe('a conflict on the entity tab', () => {
    /** The entity tab, whose coverage the test answers in turn by hand. */
    const renderTab = async () => {
      const pending: Array<(response: Response) => void> = [];
      server.use(
        ...otherViewsMissing(),
        http.put(`${base}/ownership/:id`, () =>
          errorBody(
            'ConflictError',
            "Ownership record 'rec-workloads' was changed by user:default/someone at 2026-11-23T10:05:00.000Z: it is at version 3, not 2. Reload it and apply your change again.",
            409,
          ),
        ),
      );
      // Registered last, so it wins over the catch-all for the other views.
      server.use(
        http.get(
          coverageUrl,
          () => new Promise<Response>(resolve => pending.push(resolve)),
        ),
      );
      await render(
        mockApis.permission(),
        <EntityProvider entity={paymentsApi}>
          <EntityRuntimeStackContent />
        </EntityProvider>,
      );
      const answer = async (response: Response) => {
        await waitFor(() => expect(pending.length).toBeGreaterThan(0));
        pending.shift()!(response);
      };
      await answer(HttpResponse.json(coverage));
      const dialog = await openChangeOwnerDialog('Workloads');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Save' }),
      );
      const alert = await within(dialog).findByRole('alert');
      await userEvent.click(
        within(alert).getByRole('button', { name: 'Reload' }),
      );
      return { dialog, answer };
    };

    it('keeps Save disabled until the reload has brought the current owner', async () => {
      const { dialog, answer } = await renderTab();
      const save = within(dialog).getByRole('button', { name: 'Save' });
      expect(within(dialog).getByRole('status')).toHaveTextContent(
        'Reloading the current owner…',
      );
      expect(save).toBeDisabled();
      expect(
        screen.getByRole('progressbar', {
          name: 'Reloading capabilities by layer',
          hidden: true,
        }),
      ).toBeInTheDocument();

      await answer(
        HttpResponse.json(
          withOwnersOf('workloads', [
            { ...componentRecord, owner: 'group:default/web-team', version: 3 },
          ]),
        ),
      );
      await waitFor(() => expect(save).toBeEnabled());
      expect(within(dialog).getByRole('status')).toHaveTextContent(
        'Reloaded. Saving now applies your change over the current owner.',
      );
      expect(
        within(dialog).getByText(
          'Changes the owner record set on this component (version 3).',
        ),
      ).toBeInTheDocument();
    });

    it('keeps the stack and the open dialog when the reload fails, and says so', async () => {
      const { dialog, answer } = await renderTab();
      await answer(
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'backend restarting' },
            request: { method: 'GET', url: '/coverage' },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      );
      expect(
        await within(dialog).findByText(
          /^Could not reload \(.*backend restarting.*\); saving may meet the same conflict\.$/,
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('dialog', { name: 'Change owner of Workloads' }),
      ).toBeVisible();
      expect(
        screen.getByText(
          /^Could not reload capabilities by layer \(.*backend restarting.*\); showing what was loaded before\.$/,
          {
            ignore: '[role=dialog] *',
          },
        ),
      ).toBeInTheDocument();
    });
  });
});
