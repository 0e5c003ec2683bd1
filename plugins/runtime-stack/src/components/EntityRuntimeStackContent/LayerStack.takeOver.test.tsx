import { mockApis } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import type {
  CapabilityCoverage,
  EffectiveOwner,
  EntityCoverage,
  LayerOwnershipInput,
} from '@internal/backstage-plugin-runtime-stack-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useState } from 'react';
import { backendError } from '../../__testUtils__/backendError';
import {
  baseUrl,
  presentationTestApi,
  renderWithClient,
} from '../../__testUtils__/runtimeStackClient';
import { LayerStack } from './LayerStack';

// "Change owner" of a row whose owner has no stored record: the backend's
// take-over check, asked before any dialog opens.

const entityRef = 'component:default/payments-api';

const owner = (
  group: string,
  inheritedFrom: EffectiveOwner['inheritedFrom'],
  stored?: Pick<EffectiveOwner, 'recordId' | 'version'>,
): EffectiveOwner => ({
  owner: `group:default/${group}`,
  responsibility: 'operates',
  inheritedFrom,
  via: 'capability',
  ...stored,
});

const organisation = {
  kind: 'organization',
  ref: 'organization',
  source: 'config',
} as const;

// Every capability a required gap, so every layer starts open.
const capability = (
  id: string,
  title: string,
  layer: number,
  owners?: EffectiveOwner[],
): CapabilityCoverage => ({
  capability: id,
  title,
  layer,
  requirement: 'required',
  status: 'missing',
  tools: [],
  evidence: [],
  owners,
});

const coverage: EntityCoverage = {
  entityRef,
  evaluatedAt: '2026-11-23T10:00:00.000Z',
  profile: { id: 'tier-1', title: 'Tier 1', reason: 'lifecycle production' },
  capabilities: [
    capability('workloads', 'Workloads', 6, [
      owner(
        'team-payments',
        { kind: 'component', ref: entityRef, source: 'store' },
        { recordId: 'rec-workloads', version: 2 },
      ),
    ]),
    capability('service-mesh', 'Service mesh', 5, [
      owner(
        'team-payments',
        { kind: 'system', ref: 'system:default/payments', source: 'store' },
        { recordId: 'rec-system-mesh', version: 1 },
      ),
    ]),
    capability('logging', 'Logging', 4, [owner('platform-team', organisation)]),
    capability('gitops', 'GitOps', 4, [
      owner('team-payments', {
        kind: 'component',
        ref: entityRef,
        source: 'annotation',
      }),
    ]),
    capability('ingress', 'Ingress', 3, [
      owner('platform-team', {
        kind: 'cluster',
        ref: 'prod-eu-1',
        source: 'config',
      }),
    ]),
    capability('platform', 'Platform', 0, []),
  ],
  layers: [],
  overall: { required: 6, covered: 0, partial: 0, ratio: 0 },
  gaps: [],
  sourceErrors: [],
};

/** The records the tab asks about: today's owner kept, on this component. */
const record = (
  id: string,
  layer: number,
  group: string,
): LayerOwnershipInput => ({
  scope: { kind: 'component', ref: entityRef },
  layer,
  capability: id,
  owner: `group:default/${group}`,
  responsibility: 'operates',
});

/** What the backend says, naming the owner by its ref. */
const backendRefusal =
  'You may not change ownership records owned by group:default/platform-team';

/** What the button says, naming the owner as the catalog does. */
const refusal =
  'Platform Engineering owns this, and only its members may hand it over to this component.';

const button = (title: string) =>
  screen.getByRole('button', { name: `Change owner of ${title}` });

/** The tab's stack, with a way to load an equal answer again, as a reload does. */
const ReloadableStack = () => {
  const [value, setValue] = useState(coverage);
  return (
    <>
      <button
        type="button"
        onClick={() => setValue(JSON.parse(JSON.stringify(coverage)))}
      >
        Reload
      </button>
      <LayerStack value={value} onChanged={jest.fn()} />
    </>
  );
};

describe('LayerStack, taking over an owner without a stored record', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  /**
   * Answers each check by the owners the test refuses, and those the
   * catalog lacks; keeps the bodies.
   */
  const serveChecks = (
    refused: string[],
    answered = Promise.resolve(),
    missing: string[] = [],
  ) => {
    const bodies: Array<{ records: LayerOwnershipInput[] }> = [];
    server.use(
      http.post(`${baseUrl}/ownership/check`, async ({ request }) => {
        const body = (await request.json()) as (typeof bodies)[number];
        bodies.push(body);
        await answered;
        return HttpResponse.json({
          results: body.records.map(r => {
            if (refused.includes(r.owner)) {
              return {
                record: r,
                allowed: false,
                reason: backendRefusal,
                refusal: 'not-allowed',
              };
            }
            if (missing.includes(r.owner)) {
              return {
                record: r,
                allowed: false,
                reason: `Invalid owner: ${r.owner} does not exist in the catalog`,
                refusal: 'invalid',
              };
            }
            return { record: r, allowed: true };
          }),
        });
      }),
    );
    return bodies;
  };

  // renderInTestApp renders at once and is not awaited: awaiting it would let
  // answers that come at once land outside act(), before the test's findBy.
  const render = () =>
    renderWithClient(<ReloadableStack />, {}, [
      mockApis.permission(),
      presentationTestApi({
        'group:default/platform-team': 'Platform Engineering',
      }),
    ]);

  it('blocks the button before any dialog opens, naming the owner by its title', async () => {
    let answer = () => {};
    serveChecks(
      ['group:default/platform-team'],
      new Promise<void>(resolve => {
        answer = resolve;
      }),
    );
    render();

    const logging = await screen.findByRole('button', {
      name: 'Change owner of Logging',
    });
    await waitFor(() =>
      expect(logging).toHaveAccessibleDescription(
        'Checking whether you may change this owner…',
      ),
    );
    expect(logging).toHaveAttribute('aria-disabled', 'true');

    answer();
    await waitFor(() => expect(logging).toHaveAccessibleDescription(refusal));
    expect(logging).toHaveAttribute('aria-disabled', 'true');
    await userEvent.hover(logging);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(refusal);
    await userEvent.click(logging);
    expect(screen.queryByRole('dialog')).toBeNull();

    // The same owner inherited from a cluster's config: the same answer.
    expect(button('Ingress')).toHaveAccessibleDescription(refusal);
    // An owner the user may act for: usable, with nothing to say.
    expect(button('GitOps')).not.toHaveAttribute('aria-disabled');
    expect(button('GitOps')).not.toHaveAttribute('aria-describedby');
  });

  it('asks once for all rows without a stored record, and not again for an equal reload', async () => {
    const bodies = serveChecks([]);
    render();

    await waitFor(() =>
      expect(button('Logging')).not.toHaveAttribute('aria-disabled'),
    );
    expect(bodies).toEqual([
      {
        records: [
          record('logging', 4, 'platform-team'),
          record('gitops', 4, 'team-payments'),
          record('ingress', 3, 'platform-team'),
        ],
      },
    ]);
    // Stored records go to the permission framework; nobody to take over
    // from needs no check.
    await waitFor(() =>
      expect(button('Workloads')).not.toHaveAttribute('aria-disabled'),
    );
    expect(button('Platform')).not.toHaveAttribute('aria-disabled');

    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(button('Logging')).not.toHaveAttribute('aria-disabled');
    // Time for a second request to arrive, had one been sent.
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(bodies).toHaveLength(1);
  });

  it('leaves the button usable when today’s owner is gone from the catalog, for the dialog to name another', async () => {
    serveChecks([], Promise.resolve(), ['group:default/platform-team']);
    render();
    await waitFor(() =>
      expect(button('GitOps')).not.toHaveAttribute('aria-disabled'),
    );
    expect(button('Logging')).not.toHaveAttribute('aria-disabled');
    await userEvent.click(button('Logging'));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
  });

  it('keeps the answer of a row whose owner did not change while another row is checked again', async () => {
    let answerSecond = () => {};
    const bodies = serveChecks([]);
    // The second check (after GitOps changed owner) waits for the test.
    const secondAnswered = new Promise<void>(resolve => {
      answerSecond = resolve;
    });
    server.use(
      http.post(`${baseUrl}/ownership/check`, async ({ request }) => {
        const body = (await request.clone().json()) as {
          records: LayerOwnershipInput[];
        };
        if (bodies.length === 0) return undefined;
        bodies.push(body);
        await secondAnswered;
        return HttpResponse.json({
          results: body.records.map(r => ({ record: r, allowed: true })),
        });
      }),
    );
    const moved: EntityCoverage = {
      ...coverage,
      capabilities: coverage.capabilities.map(c =>
        c.capability === 'gitops'
          ? { ...c, owners: [owner('platform-team', organisation)] }
          : c,
      ),
    };
    const Moving = () => {
      const [value, setValue] = useState(coverage);
      return (
        <>
          <button type="button" onClick={() => setValue(moved)}>
            Move GitOps
          </button>
          <LayerStack value={value} onChanged={jest.fn()} />
        </>
      );
    };
    renderWithClient(<Moving />, {}, [mockApis.permission()]);
    await waitFor(() =>
      expect(button('Logging')).not.toHaveAttribute('aria-disabled'),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Move GitOps' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(button('GitOps')).toHaveAttribute('aria-disabled', 'true');
    expect(button('Logging')).not.toHaveAttribute('aria-disabled');
    await userEvent.click(button('Logging'));
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    answerSecond();
    // The second answer allows GitOps' new owner too, behind the dialog.
    await waitFor(() =>
      expect(
        screen.getByRole('button', {
          name: 'Change owner of GitOps',
          hidden: true,
        }),
      ).not.toHaveAttribute('aria-disabled'),
    );
  });

  it('leaves the button usable when the check fails, and says so', async () => {
    server.use(
      http.post(`${baseUrl}/ownership/check`, () =>
        backendError('Error', 'permission backend unreachable', 503),
      ),
    );
    render();

    const logging = await screen.findByRole('button', {
      name: 'Change owner of Logging',
    });
    await waitFor(() =>
      expect(logging).toHaveAccessibleDescription(
        'Could not check your permission (permission backend unreachable); saving checks it again.',
      ),
    );
    expect(logging).not.toHaveAttribute('aria-disabled');
    await userEvent.click(logging);
    expect(
      await screen.findByRole('dialog', { name: 'Change owner of Logging' }),
    ).toBeInTheDocument();
  });
});
