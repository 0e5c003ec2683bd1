import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import type { OwnershipChange } from '@internal/backstage-plugin-runtime-stack-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { OwnershipHistory } from './OwnershipHistory';
import { renderWithClient } from '../../__testUtils__/runtimeStackClient';
import { backendError } from '../../__testUtils__/backendError';

const base = 'http://backstage.test/api/runtime-stack';
const entityRef = 'component:default/payments-api';

/** Change number `n`, newest first: a higher number is older. */
const change = (n: number): OwnershipChange => ({
  id: 1000 - n,
  ownershipId: 'rec-1',
  action: 'update',
  actor: `user:default/actor-${n}`,
  at: new Date(Date.UTC(2026, 10, 30) - n * 60_000).toISOString(),
  before: undefined,
  after: {
    id: 'rec-1',
    scope: { kind: 'component', ref: entityRef },
    layer: 4,
    capability: 'metrics',
    owner: `group:default/team-${n}`,
    responsibility: 'operates',
    version: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    createdBy: 'user:default/pat',
    updatedAt: '2026-11-01T00:00:00.000Z',
    updatedBy: 'user:default/pat',
  },
});

describe('OwnershipHistory', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  /**
   * The backend's paging: offset pages count, cursor pages carry on from
   * where the last stopped and take nothing but a limit beside the cursor.
   */
  const serveHistory = (
    total: number,
    options: { failCursor?: string } = {},
  ) => {
    const requests: URLSearchParams[] = [];
    const all = Array.from({ length: total }, (_, n) => change(n));
    server.use(
      http.get(`${base}/history`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        requests.push(params);
        const limit = Number(params.get('limit') ?? 50);
        const cursor = params.get('cursor');
        if (cursor === options.failCursor) {
          return HttpResponse.json(
            { error: { name: 'Error', message: 'database went away' } },
            { status: 500 },
          );
        }
        if (
          cursor &&
          [...params.keys()].some(k => !['cursor', 'limit'].includes(k))
        ) {
          return HttpResponse.json(
            {
              error: {
                name: 'InputError',
                message: 'cursor comes with limit only',
              },
            },
            { status: 400 },
          );
        }
        const start = cursor ? Number(cursor) : 0;
        const items = all.slice(start, start + limit);
        return HttpResponse.json({
          items,
          ...(cursor ? {} : { totalCount: total }),
          limit,
          ...(start + limit < total
            ? { nextCursor: String(start + limit) }
            : {}),
        });
      }),
    );
    return requests;
  };

  const open = async () => {
    await renderWithClient(<OwnershipHistory entityRef={entityRef} readable />);
    const button = screen.getByRole('button', {
      name: 'History of owner changes on this component',
    });
    expect(button).toHaveAttribute('aria-haspopup', 'dialog');
    await userEvent.click(button);
    return screen.findByRole('dialog', {
      name: 'Owner changes on this component',
    });
  };

  const rows = async (dialog: HTMLElement) => {
    const table = await within(dialog).findByRole('table', {
      name: 'Ownership history',
    });
    return within(table).getAllByRole('row').slice(1);
  };

  it('shows the latest changes and fetches older ones page by page until there are none', async () => {
    const requests = serveHistory(120);
    const dialog = await open();
    expect(await rows(dialog)).toHaveLength(50);
    expect(dialog).toHaveTextContent('The latest 50 of 120 changes.');
    expect((await rows(dialog))[0]).toHaveTextContent('actor-0');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Show older changes' }),
    );
    await waitFor(async () => expect(await rows(dialog)).toHaveLength(100));
    expect(dialog).toHaveTextContent('The latest 100 of 120 changes.');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Show older changes' }),
    );
    await waitFor(async () => expect(await rows(dialog)).toHaveLength(120));
    const shown = await rows(dialog);
    expect(shown[119]).toHaveTextContent('actor-119');
    expect(dialog).not.toHaveTextContent('The latest');
    expect(
      within(dialog).queryByRole('button', { name: 'Show older changes' }),
    ).not.toBeInTheDocument();

    expect(requests.map(p => Object.fromEntries(p))).toEqual([
      { scopeRef: entityRef, limit: '50' },
      { cursor: '50', limit: '50' },
      { cursor: '100', limit: '50' },
    ]);
  });

  it('says where an update moved its record, which the owners alone would not tell', async () => {
    const moved = change(0);
    const kept = { ...change(1), before: change(1).after };
    moved.before = {
      ...moved.after!,
      scope: { kind: 'component', ref: 'component:default/payments-legacy' },
    };
    server.use(
      http.get(`${base}/history`, () =>
        HttpResponse.json({ items: [moved, kept], totalCount: 2, limit: 50 }),
      ),
    );
    const [first, second] = await rows(await open());
    expect(first).toHaveTextContent(
      `updatemoved from component component:default/payments-legacy to component ${entityRef}`,
    );
    expect(second).not.toHaveTextContent('moved');
  });

  it('keeps what it shows when older changes fail to load, and says so', async () => {
    serveHistory(70, { failCursor: '50' });
    const dialog = await open();
    expect(await rows(dialog)).toHaveLength(50);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Show older changes' }),
    );
    expect(
      await within(dialog).findByText(/Could not load older changes/),
    ).toBeInTheDocument();
    expect(await rows(dialog)).toHaveLength(50);
    expect(
      within(dialog).getByRole('button', { name: 'Show older changes' }),
    ).toBeEnabled();
  });

  it('offers no more when the first page holds everything, and says when there is nothing', async () => {
    serveHistory(3);
    const dialog = await open();
    expect(await rows(dialog)).toHaveLength(3);
    expect(dialog).not.toHaveTextContent('The latest');
    expect(
      within(dialog).queryByRole('button', { name: 'Show older changes' }),
    ).not.toBeInTheDocument();
  });

  it('says why History is blocked for a user who may not read owners, and asks nothing', async () => {
    const requests = serveHistory(3);
    await renderWithClient(
      <OwnershipHistory entityRef={entityRef} readable={false} />,
    );
    const button = screen.getByRole('button', {
      name: 'History of owner changes on this component',
    });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAccessibleDescription(
      'Reading owners is not allowed for you, so neither is the history of their changes.',
    );
    await userEvent.click(button);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests).toEqual([]);
  });

  it("reads the policy's refusal as a sentence, not as an error", async () => {
    server.use(
      http.get(`${base}/history`, () =>
        backendError(
          'NotAllowedError',
          'Reading ownership is not allowed for you',
          403,
        ),
      ),
    );
    const dialog = await open();
    expect(
      await within(dialog).findByText(
        /You may not see the ownership history \(Reading ownership is not allowed for you\)/,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByText(/Could not load/)).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('loads again on Retry after the history failed to load', async () => {
    let failing = true;
    const all = [change(0)];
    server.use(
      http.get(`${base}/history`, () =>
        failing
          ? backendError('Error', 'database went away', 500)
          : HttpResponse.json({ items: all, totalCount: 1, limit: 50 }),
      ),
    );
    const dialog = await open();
    expect(
      await within(dialog).findByText(/Could not load the ownership history/),
    ).toBeInTheDocument();
    failing = false;
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Retry' }),
    );
    expect(await rows(dialog)).toHaveLength(1);
  });

  it('says when no owner was ever set', async () => {
    serveHistory(0);
    const dialog = await open();
    expect(
      await within(dialog).findByText(
        'No owner has been set on this component yet.',
      ),
    ).toBeInTheDocument();
  });
});
