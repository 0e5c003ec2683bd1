import { mockApis } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import {
  defaultLayerModel,
  type EffectiveOwner,
  type EffectiveOwnership,
  type LayerOwnership,
} from '@internal/backstage-plugin-runtime-stack-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  baseUrl,
  renderWithClient,
} from '../../__testUtils__/runtimeStackClient';
import { SystemOwnersCard } from './SystemOwnersCard';
import { openChangeOwnerDialog } from '../../__testUtils__/changeOwnerDialog';
import { backendError } from '../../__testUtils__/backendError';
import { allowingOwnershipChecks } from '../../__testUtils__/ownershipChecks';

const systemRef = 'system:default/payments';
const ownershipUrl = `${baseUrl}/entities/system/default/payments/ownership`;

const orgDefault: EffectiveOwner = {
  owner: 'group:default/platform-team',
  responsibility: 'operates',
  inheritedFrom: {
    kind: 'organization',
    ref: 'organization',
    source: 'config',
  },
  via: 'layer',
};

const systemRecord: EffectiveOwner = {
  owner: 'group:default/payments-team',
  responsibility: 'operates',
  inheritedFrom: { kind: 'system', ref: systemRef, source: 'store' },
  via: 'capability',
  recordId: 'rec-gitops',
  version: 3,
};

const ownership: EffectiveOwnership = {
  entityRef: systemRef,
  scopes: [],
  capabilities: [
    { layer: 4, capability: 'gitops', owners: [systemRecord] },
    { layer: 4, capability: 'policy', owners: [orgDefault] },
  ],
};

const saved = (input: Partial<LayerOwnership>): LayerOwnership => ({
  id: 'rec-new',
  scope: { kind: 'system', ref: systemRef },
  layer: 4,
  owner: 'group:default/payments-team',
  responsibility: 'operates',
  version: 1,
  createdAt: '2026-12-05T10:00:00.000Z',
  createdBy: 'user:default/alice',
  updatedAt: '2026-12-05T10:00:00.000Z',
  updatedBy: 'user:default/alice',
  ...input,
});

describe('SystemOwnersCard', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  const serve = () => {
    const served = { count: 0 };
    server.use(
      allowingOwnershipChecks(),
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
      http.get(ownershipUrl, () => {
        served.count += 1;
        return HttpResponse.json(ownership);
      }),
    );
    return served;
  };

  // renderInTestApp renders at once and is not awaited: awaiting it would let
  // answers that come at once land outside act(), before the test's findBy.
  const render = () =>
    renderWithClient(
      <SystemOwnersCard
        system={{ kind: 'System', namespace: 'default', name: 'payments' }}
      />,
      {},
      [mockApis.permission()],
    );

  /** Opens a layer, then the owner dialog of one of its capabilities. */
  const openChangeOwner = async (layer: RegExp, title: string) => {
    await userEvent.click(await screen.findByRole('button', { name: layer }));
    return openChangeOwnerDialog(title);
  };

  it("shows each layer's capabilities with their owners, the System's own as this System", async () => {
    serve();
    render();

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
    expect(layers[2]).toHaveTextContent('1 owner set on this System');
    expect(layers[3]).toHaveTextContent('no owner set on this System');

    await userEvent.click(layers[2]);
    const gitops = screen.getByRole('row', { name: 'GitOps' });
    expect(
      within(gitops).getByRole('link', { name: /payments-team/ }),
    ).toHaveAttribute('href', '/catalog/default/group/payments-team');
    expect(within(gitops).getByText('operates · this System')).toBeVisible();
    const policy = screen.getByRole('row', { name: 'Policy' });
    expect(
      within(policy).getByText(
        'operates · organisation default, for the whole layer',
      ),
    ).toBeVisible();
  });

  it("changes the System's own record in place, with its version, then reloads", async () => {
    const served = serve();
    const put: unknown[] = [];
    server.use(
      http.put(`${baseUrl}/ownership/:id`, async ({ request, params }) => {
        put.push({ id: params.id, body: await request.json() });
        return HttpResponse.json(saved({ id: 'rec-gitops', version: 4 }));
      }),
    );
    render();

    const dialog = await openChangeOwner(/^Layer 4/, 'GitOps');
    expect(dialog).toHaveTextContent(
      'Changes the owner record set on this System (version 3).',
    );
    const owner = within(dialog).getByRole('textbox', { name: /Owner group/ });
    await userEvent.clear(owner);
    await userEvent.paste('group:default/sre');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(put).toEqual([
      {
        id: 'rec-gitops',
        body: {
          scope: { kind: 'system', ref: systemRef },
          layer: 4,
          capability: 'gitops',
          owner: 'group:default/sre',
          responsibility: 'operates',
          version: 3,
        },
      },
    ]);
    await waitFor(() => expect(served.count).toBe(2));
  });

  it('keeps the owners and the open dialog when their reload fails, and says why', async () => {
    const served = { count: 0 };
    server.use(
      allowingOwnershipChecks(),
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
      http.get(ownershipUrl, () => {
        served.count += 1;
        return served.count === 1
          ? HttpResponse.json(ownership)
          : backendError('ServiceUnavailableError', 'backend restarting', 503);
      }),
      http.put(`${baseUrl}/ownership/:id`, () =>
        backendError(
          'ConflictError',
          "Ownership record 'rec-gitops' was changed by user:default/someone at 2026-12-05T10:05:00.000Z: it is at version 4, not 3. Reload it and apply your change again.",
          409,
        ),
      ),
    );
    render();

    const dialog = await openChangeOwner(/^Layer 4/, 'GitOps');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    const conflict = await within(dialog).findByRole('alert');
    await userEvent.click(
      within(conflict).getByRole('button', { name: 'Reload' }),
    );

    expect(
      await within(dialog).findByText(
        /^Could not reload \(.*backend restarting.*\); saving may meet the same conflict\.$/,
      ),
    ).toBeInTheDocument();
    expect(served.count).toBe(2);
    expect(
      screen.getByRole('dialog', { name: 'Change owner of GitOps' }),
    ).toBeVisible();
    expect(
      screen.getByText(
        'Could not reload owners (backend restarting); showing what was loaded before.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: 'GitOps', hidden: true }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Could not load owners/)).toBeNull();
  });

  it('sets an owner on the System over one it inherits', async () => {
    serve();
    const posted: unknown[] = [];
    server.use(
      http.post(`${baseUrl}/ownership`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json(saved({ capability: 'policy' }), {
          status: 201,
        });
      }),
    );
    render();

    const dialog = await openChangeOwner(/^Layer 4/, 'Policy');
    expect(dialog).toHaveTextContent(
      'Saving sets an owner on this System that takes precedence.',
    );
    const owner = within(dialog).getByRole('textbox', { name: /Owner group/ });
    await userEvent.clear(owner);
    await userEvent.paste('group:default/security-team');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(posted).toEqual([
      expect.objectContaining({
        scope: { kind: 'system', ref: systemRef },
        layer: 4,
        capability: 'policy',
        owner: 'group:default/security-team',
      }),
    ]);
  });

  it('blocks taking over an inherited owner without a record, naming the owner', async () => {
    serve();
    const reason =
      'You may not change ownership records owned by group:default/platform-team';
    const asked: unknown[] = [];
    server.use(
      http.post(`${baseUrl}/ownership/check`, async ({ request }) => {
        const { records } = (await request.json()) as { records: unknown[] };
        asked.push(...records);
        return HttpResponse.json({
          results: records.map(record => ({ record, allowed: false, reason })),
        });
      }),
    );
    render();

    await userEvent.click(
      await screen.findByRole('button', { name: /^Layer 4/ }),
    );
    const policy = screen.getByRole('button', {
      name: 'Change owner of Policy',
    });
    await waitFor(() =>
      expect(policy).toHaveAccessibleDescription(
        'platform-team owns this, and only its members may hand it over to this System.',
      ),
    );
    expect(policy).toHaveAttribute('aria-disabled', 'true');
    expect(asked).toEqual([
      {
        scope: { kind: 'system', ref: systemRef },
        layer: 4,
        capability: 'policy',
        owner: 'group:default/platform-team',
        responsibility: 'operates',
      },
    ]);
    // The System's own record is left to the permission framework.
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Change owner of GitOps' }),
      ).not.toHaveAttribute('aria-disabled'),
    );
  });

  it('lists the owner changes made on the System', async () => {
    serve();
    const asked: Array<string | null> = [];
    server.use(
      http.get(`${baseUrl}/history`, ({ request }) => {
        asked.push(new URL(request.url).searchParams.get('scopeRef'));
        return HttpResponse.json({ items: [], totalCount: 0 });
      }),
    );
    render();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'History of owner changes on this System',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Owner changes on this System',
    });
    expect(
      await within(dialog).findByText(
        'No owner has been set on this System yet.',
      ),
    ).toBeInTheDocument();
    expect(asked).toEqual([systemRef]);
  });

  it('says why the owners could not be loaded', async () => {
    server.use(
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
      http.get(ownershipUrl, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'catalog unavailable' },
            request: { method: 'GET', url: '/x' },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );
    render();
    expect(
      await screen.findByText(/Could not load owners/),
    ).toBeInTheDocument();
  });
});
