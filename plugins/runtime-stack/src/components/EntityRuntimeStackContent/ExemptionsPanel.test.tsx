import {
  createTranslationMessages,
  type FrontendFeature,
} from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  defaultLayerModel,
  type Exemption,
} from '@internal/backstage-plugin-runtime-stack-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useState } from 'react';
import { ExemptionsPanel } from './ExemptionsPanel';
import { utcDay } from './exemptions';
import { runtimeStackTestApi } from '../../__testUtils__/runtimeStackClient';
import { capturedActions } from '../../__testUtils__/capturedActions';
import { translationModule } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';
import {
  openGrantDialog,
  pickCapability,
} from '../../__testUtils__/grantExemptionDialog';

const base = 'http://backstage.test/api/runtime-stack';
const entityRef = 'component:default/payments-api';
const systemRef = 'system:default/payments';
const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);

const exemption = (e: Partial<Exemption> & { id: string }): Exemption => ({
  scope: { kind: 'component', ref: entityRef },
  capability: 'data-protection',
  reason: 'Stateless, nothing to back up',
  expiresAt: inDays(20).toISOString(),
  requestedBy: 'user:default/alice',
  grantedBy: 'user:default/platform-admin',
  createdAt: '2026-11-01T00:00:00.000Z',
  ...e,
});

const own = exemption({ id: 'ex-own' });
const ofSystem = exemption({
  id: 'ex-system',
  scope: { kind: 'system', ref: systemRef },
  capability: 'service-mesh',
  reason: 'The System runs without a mesh until Q2',
  expiresAt: inDays(60).toISOString(),
  requestedBy: 'group:default/payments-team',
});
const expired = exemption({
  id: 'ex-expired',
  capability: 'service-proxy',
  reason: 'Internal only',
  expiresAt: inDays(-3).toISOString(),
});

/** Who may ask for an exemption: the catalog's users and groups. */
const people: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', profile: { displayName: 'Payments' }, children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: { profile: { displayName: 'Alice Payne' }, memberOf: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: { type: 'service', owner: 'payments-team' },
  },
];

/** Replaces a field's text; pasted, since typing key by key is slow. */
const fillIn = async (field: HTMLElement, text: string) => {
  await userEvent.clear(field);
  await userEvent.click(field);
  await userEvent.paste(text);
};

const errorBody = (name: string, message: string, statusCode: number) =>
  HttpResponse.json(
    {
      error: { name, message },
      request: { method: 'POST', url: '/exemptions' },
      response: { statusCode },
    },
    { status: statusCode },
  );

describe('ExemptionsPanel', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  /** Serves the exemptions of each scope from a list the test can change. */
  const serveExemptions = (initial: Exemption[]) => {
    const store = { items: [...initial], requests: [] as string[] };
    server.use(
      http.get(`${base}/exemptions`, ({ request }) => {
        const scopeRef = new URL(request.url).searchParams.get('scopeRef');
        store.requests.push(scopeRef ?? '');
        return HttpResponse.json({
          items: store.items.filter(e => e.scope.ref === scopeRef),
        });
      }),
      http.get(`${base}/layers`, () => HttpResponse.json(defaultLayerModel)),
    );
    return store;
  };

  // renderInTestApp renders at once and is not awaited: awaiting it would let
  // answers that come at once land outside act(), before the test's findBy.
  const render = (
    props: Partial<Parameters<typeof ExemptionsPanel>[0]> = {},
    permission = mockApis.permission(),
    analytics = mockApis.analytics(),
    features: FrontendFeature[] = [],
  ) =>
    renderInTestApp(
      <ExemptionsPanel
        entityRef={entityRef}
        systemRef={systemRef}
        {...props}
      />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        apis: [
          permission,
          analytics,
          runtimeStackTestApi(),
          [catalogApiRef, catalogApiMock({ entities: people })],
        ],
        features,
      },
    );

  const rows = async () => {
    const table = await screen.findByRole('table', { name: 'Exemptions' });
    return within(table).getAllByRole('row').slice(1);
  };

  /** Confirms the open revoke dialog and waits for it to close. */
  const confirmRevoke = async () => {
    await userEvent.click(
      within(
        await screen.findByRole('dialog', { name: /Revoke the exemption/ }),
      ).getByRole('button', { name: 'Revoke' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  };

  /** Fills in a valid grant, stateless for ten days, and sends it. */
  const grantStateless = async (dialog: HTMLElement) => {
    await fillIn(within(dialog).getByLabelText(/Reason/), 'Stateless');
    fireEvent.change(within(dialog).getByLabelText(/Expires on/), {
      target: { value: utcDay(inDays(10)) },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Grant' }),
    );
  };

  it('lists the exemptions of the component and of its System, soonest expiry first, marking expired ones', async () => {
    const store = serveExemptions([own, ofSystem, expired]);
    render({ model: defaultLayerModel });

    const [first, second, third] = await rows();
    expect(store.requests.sort()).toEqual([entityRef, systemRef]);

    expect(first).toHaveTextContent('Service proxy / ingress');
    expect(first).toHaveTextContent('this component');
    expect(first).toHaveTextContent('Internal only');
    expect(
      within(first).getByText('expired — counts as missing'),
    ).toBeInTheDocument();

    expect(second).toHaveTextContent('Data protection (backup & restore)');
    expect(second).toHaveTextContent('Stateless, nothing to back up');
    expect(second).toHaveTextContent('expires in 20 days');
    expect(second).toHaveTextContent(/requested by.*alice/);
    expect(second).toHaveTextContent(/granted by.*platform-admin/);
    expect(
      within(second).queryByText('expired — counts as missing'),
    ).not.toBeInTheDocument();

    expect(third).toHaveTextContent('Service mesh');
    expect(third).toHaveTextContent('its System');
    expect(
      within(third).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/catalog/default/system/payments');
    expect(third).toHaveTextContent('expires in 60 days');
    expect(third).toHaveTextContent(/requested by.*payments-team/);
  });

  it("never lists one entity's exemptions, with their Revoke, under another", async () => {
    serveExemptions([own]);
    const refundsRef = 'component:default/refunds';
    server.use(
      http.get(`${base}/exemptions`, ({ request }) =>
        new URL(request.url).searchParams.get('scopeRef') === refundsRef
          ? new Promise<Response>(() => {})
          : undefined,
      ),
    );
    const Switching = () => {
      const [ref, setRef] = useState(entityRef);
      return (
        <>
          <button type="button" onClick={() => setRef(refundsRef)}>
            Next entity
          </button>
          <ExemptionsPanel entityRef={ref} model={defaultLayerModel} />
        </>
      );
    };
    renderInTestApp(<Switching />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        mockApis.permission(),
        runtimeStackTestApi(),
        [catalogApiRef, catalogApiMock({ entities: people })],
      ],
    });
    expect(await rows()).toHaveLength(1);

    await userEvent.click(screen.getByRole('button', { name: 'Next entity' }));
    expect(screen.queryByRole('table', { name: 'Exemptions' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Revoke/ })).toBeNull();
  });

  it("opens no dialog of one entity again on the next entity's page", async () => {
    const refundsRef = 'component:default/refunds';
    serveExemptions([
      own,
      exemption({
        id: 'ex-refunds',
        scope: { kind: 'component', ref: refundsRef },
        reason: 'Refunds keep no data',
      }),
    ]);
    const Switching = () => {
      const [ref, setRef] = useState(entityRef);
      return (
        <>
          <button
            type="button"
            onClick={() =>
              setRef(r => (r === entityRef ? refundsRef : entityRef))
            }
          >
            Next entity
          </button>
          <ExemptionsPanel entityRef={ref} model={defaultLayerModel} />
        </>
      );
    };
    renderInTestApp(<Switching />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        mockApis.permission(),
        runtimeStackTestApi(),
        [catalogApiRef, catalogApiMock({ entities: people })],
      ],
    });
    // Behind the open dialog, as a link in the page's header would be.
    const nextEntity = () => fireEvent.click(screen.getByText('Next entity'));

    expect(await rows()).toHaveLength(1);
    const revoke = screen.getByRole('button', { name: /^Revoke exemption/ });
    await waitFor(() => expect(revoke).not.toHaveAttribute('aria-disabled'));
    await userEvent.click(revoke);
    await screen.findByRole('dialog', { name: /Revoke the exemption/ });
    nextEntity();
    expect(await screen.findByText('Refunds keep no data')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();

    await openGrantDialog();
    nextEntity();
    expect(
      await screen.findByText('Stateless, nothing to back up'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the day an exemption expires as the UTC day it was granted for', async () => {
    const day = utcDay(inDays(20));
    serveExemptions([
      exemption({ id: 'ex-day', expiresAt: `${day}T00:00:00.000Z` }),
    ]);
    render({ model: defaultLayerModel });
    const [row] = await rows();
    // Not the evening before, as local time has it west of Greenwich.
    expect(within(row).getByText(day)).toBeInTheDocument();
  });

  it('asks only for its own scope when the component has no System', async () => {
    const store = serveExemptions([]);
    render({ systemRef: undefined });
    expect(
      await screen.findByText('No exemptions for this component.'),
    ).toBeInTheDocument();
    expect(store.requests).toEqual([entityRef]);
  });

  it('reloads the list when the coverage is evaluated again, as after a grant elsewhere', async () => {
    const store = serveExemptions([own]);
    const Evaluated = () => {
      const [evaluatedAt, setEvaluatedAt] = useState('2026-11-23T10:00:00Z');
      return (
        <>
          <button
            type="button"
            onClick={() => setEvaluatedAt('2026-11-23T11:00:00Z')}
          >
            Evaluate again
          </button>
          <ExemptionsPanel
            entityRef={entityRef}
            systemRef={systemRef}
            model={defaultLayerModel}
            evaluatedAt={evaluatedAt}
          />
        </>
      );
    };
    renderInTestApp(<Evaluated />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        mockApis.permission(),
        runtimeStackTestApi(),
        [catalogApiRef, catalogApiMock({ entities: people })],
      ],
    });
    expect(await rows()).toHaveLength(1);
    expect(store.requests).toHaveLength(2);

    // Granted on the System's tab, which evaluates this component too.
    store.items.push(ofSystem);
    await userEvent.click(
      screen.getByRole('button', { name: 'Evaluate again' }),
    );
    await waitFor(async () => expect(await rows()).toHaveLength(2));
    expect(store.requests).toHaveLength(4);
  });

  it('grants an exemption for this component, then reloads the list and the coverage', async () => {
    const store = serveExemptions([ofSystem]);
    const posted: unknown[] = [];
    server.use(
      http.post(`${base}/exemptions`, async ({ request }) => {
        const body = (await request.json()) as Exemption;
        posted.push(body);
        const created = exemption({
          ...body,
          id: 'ex-new',
          requestedBy: body.requestedBy ?? 'user:default/guest',
          grantedBy: 'user:default/guest',
        });
        store.items.push(created);
        return HttpResponse.json(created, { status: 201 });
      }),
    );
    const onChanged = jest.fn();
    const analytics = mockApis.analytics();
    render({ onChanged }, undefined, analytics);
    await rows();

    const dialog = await openGrantDialog();
    await pickCapability(
      dialog,
      'Layer 3 · Data protection (backup & restore)',
    );
    await fillIn(
      within(dialog).getByLabelText(/Reason/),
      'Stateless, nothing to back up',
    );
    const day = utcDay(inDays(30));
    fireEvent.change(within(dialog).getByLabelText(/Expires on/), {
      target: { value: day },
    });
    const requestedBy = within(dialog).getByRole('textbox', {
      name: /Requested by/,
    });
    await fillIn(requestedBy, 'Pay');
    // People and teams by name, not components.
    await waitFor(() =>
      expect(screen.getAllByRole('option').map(o => o.textContent)).toEqual([
        'Alice Payneuser:default/alice',
        'Paymentsgroup:default/payments-team',
      ]),
    );
    await userEvent.click(screen.getByRole('option', { name: /Payments/ }));
    expect(requestedBy).toHaveValue('group:default/payments-team');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Grant' }),
    );

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(posted).toEqual([
      {
        scope: { kind: 'component', ref: entityRef },
        capability: 'data-protection',
        reason: 'Stateless, nothing to back up',
        expiresAt: `${day}T00:00:00.000Z`,
        requestedBy: 'group:default/payments-team',
      },
    ]);
    expect(
      await screen.findByText('Stateless, nothing to back up'),
    ).toBeInTheDocument();
    expect(await rows()).toHaveLength(2);
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(capturedActions(analytics)).toEqual([
      expect.objectContaining({
        action: 'grant-exemption',
        subject: 'data-protection',
        attributes: { scope: 'component', scopeRef: entityRef },
      }),
    ]);
  });

  it('starts with the given capability and checks the form before sending', async () => {
    serveExemptions([]);
    const posted = jest.fn();
    server.use(
      http.post(`${base}/exemptions`, () => {
        posted();
        return HttpResponse.json({}, { status: 201 });
      }),
    );
    render({ capability: 'service-mesh' });

    const dialog = await openGrantDialog();
    expect(
      await within(dialog).findByRole('button', { name: /Service mesh/ }),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Grant' }),
    );

    expect(
      within(dialog).getByText('Say why the gap is accepted'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Pick the day the exemption ends'),
    ).toBeInTheDocument();

    fireEvent.change(within(dialog).getByLabelText(/Expires on/), {
      target: { value: utcDay(inDays(400)) },
    });
    expect(
      within(dialog).getByText('An exemption lasts at most a year'),
    ).toBeInTheDocument();
    expect(posted).not.toHaveBeenCalled();
  });

  it("shows the backend's 400 message in the dialog and keeps the input", async () => {
    serveExemptions([]);
    server.use(
      http.post(`${base}/exemptions`, () =>
        errorBody(
          'InputError',
          "Invalid exemption: capability 'data-protection' is not required for component:default/payments-api",
          400,
        ),
      ),
    );
    const onChanged = jest.fn();
    render({ capability: 'data-protection', onChanged });

    const dialog = await openGrantDialog();
    const reason = within(dialog).getByLabelText(/Reason/);
    await fillIn(reason, 'Stateless');
    fireEvent.change(within(dialog).getByLabelText(/Expires on/), {
      target: { value: utcDay(inDays(10)) },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Grant' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "Could not grant the exemption: Invalid exemption: capability 'data-protection' is not required for component:default/payments-api",
    );
    expect(reason).toHaveValue('Stateless');
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('says when the backend refuses the grant', async () => {
    serveExemptions([]);
    server.use(
      http.post(`${base}/exemptions`, () =>
        errorBody('NotAllowedError', 'Unauthorized', 403),
      ),
    );
    render({ capability: 'data-protection' });

    const dialog = await openGrantDialog();
    await grantStateless(dialog);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'You may not grant this exemption: Unauthorized',
    );
  });

  it('revokes an exemption after confirmation', async () => {
    const store = serveExemptions([own, expired]);
    const deleted: unknown[] = [];
    server.use(
      http.delete(`${base}/exemptions/:id`, ({ params }) => {
        deleted.push(params.id);
        store.items = store.items.filter(e => e.id !== params.id);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const onChanged = jest.fn();
    const analytics = mockApis.analytics();
    render({ model: defaultLayerModel, onChanged }, undefined, analytics);
    expect(await rows()).toHaveLength(2);

    const revoke = screen.getByRole('button', {
      name: 'Revoke exemption for Data protection (backup & restore)',
    });
    await waitFor(() => expect(revoke).not.toHaveAttribute('aria-disabled'));
    await userEvent.click(revoke);
    const dialog = await screen.findByRole('dialog', {
      name: 'Revoke the exemption for Data protection (backup & restore)?',
    });
    expect(dialog).toHaveTextContent(
      'Data protection (backup & restore) counts as missing again for payments-api unless',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    expect(deleted).toEqual([]);

    // Cancelled: nothing happened, so nothing is reported.
    expect(capturedActions(analytics)).toEqual([]);
    await userEvent.click(revoke);
    await confirmRevoke();
    expect(deleted).toEqual(['ex-own']);
    await waitFor(async () => expect(await rows()).toHaveLength(1));
    // Its row went with the reload: focus lands on the panel, not the page.
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: 'Exemptions' })).toHaveFocus(),
    );
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(capturedActions(analytics)).toEqual([
      expect.objectContaining({
        action: 'revoke-exemption',
        subject: 'data-protection',
        attributes: { scope: 'component', scopeRef: entityRef },
      }),
    ]);
  });

  it('keeps the grant dialog open while the grant is in flight, so its failure is seen', async () => {
    serveExemptions([]);
    let answer = (_: Response) => {};
    server.use(
      http.post(
        `${base}/exemptions`,
        () =>
          new Promise<Response>(resolve => {
            answer = resolve;
          }),
      ),
    );
    render({ capability: 'data-protection' });

    const dialog = await openGrantDialog();
    await grantStateless(dialog);
    await waitFor(() =>
      expect(
        within(dialog).getByRole('button', { name: 'Cancel' }),
      ).toBeDisabled(),
    );
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeInTheDocument();

    answer(errorBody('Error', 'database went away', 500));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'database went away',
    );
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeEnabled();
  });

  it('keeps the revoke dialog open while the revoke is in flight, so its failure is seen', async () => {
    serveExemptions([own]);
    let answer = (_: Response) => {};
    server.use(
      http.delete(
        `${base}/exemptions/:id`,
        () =>
          new Promise<Response>(resolve => {
            answer = resolve;
          }),
      ),
    );
    render({ model: defaultLayerModel });
    const revoke = await screen.findByRole('button', {
      name: 'Revoke exemption for Data protection (backup & restore)',
    });
    await waitFor(() => expect(revoke).not.toHaveAttribute('aria-disabled'));
    await userEvent.click(revoke);
    const dialog = await screen.findByRole('dialog', {
      name: /Revoke the exemption/,
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke' }),
    );
    expect(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    ).toBeDisabled();
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeInTheDocument();

    answer(errorBody('Error', 'database went away', 500));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'database went away',
    );
  });

  it('takes an exemption someone else revoked first as revoked, and refreshes the list', async () => {
    const store = serveExemptions([own, expired]);
    server.use(
      http.delete(`${base}/exemptions/:id`, ({ params }) => {
        // Another user was faster: the row is gone already.
        store.items = store.items.filter(e => e.id !== params.id);
        return errorBody('NotFoundError', `No exemption '${params.id}'`, 404);
      }),
    );
    render({ model: defaultLayerModel });
    expect(await rows()).toHaveLength(2);
    const revoke = screen.getByRole('button', {
      name: 'Revoke exemption for Data protection (backup & restore)',
    });
    await waitFor(() => expect(revoke).not.toHaveAttribute('aria-disabled'));
    await userEvent.click(revoke);
    await confirmRevoke();
    await waitFor(async () => expect(await rows()).toHaveLength(1));
  });

  it('shows the exemption in place when the grant meets one (409), keeping the dialog', async () => {
    const store = serveExemptions([]);
    server.use(
      http.post(`${base}/exemptions`, () => {
        // Granted by someone else a moment before.
        store.items = [{ ...own }];
        return errorBody(
          'ConflictError',
          'data-protection is already exempt for component:default/payments-api; revoke it first.',
          409,
        );
      }),
    );
    render({ capability: 'data-protection', model: defaultLayerModel });
    const dialog = await openGrantDialog();
    await grantStateless(dialog);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'already exempt for component:default/payments-api; revoke it first. The list now shows what is in place.',
    );
    // Behind the open dialog, which hides the page from the accessibility tree.
    const table = await screen.findByRole('table', {
      name: 'Exemptions',
      hidden: true,
    });
    expect(within(table).getByText('this component')).toBeInTheDocument();
    expect(
      screen.getByRole('dialog', { name: 'Grant exemption' }),
    ).toBeVisible();
  });

  it('speaks the words an app installs for the plugin', async () => {
    serveExemptions([own, ofSystem]);
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        'exemptions.columns.reason': 'Begründung',
        'exemptions.count_other': '{{count}} Ausnahmen',
        'exemptions.expiry.in_other': 'läuft in {{count}} Tagen ab',
        'exemptions.revokeLabel': 'Ausnahme für {{capability}} widerrufen',
        'exemptions.formErrors.noReason': 'Begründung fehlt',
      },
    });
    render({ model: defaultLayerModel }, undefined, undefined, [
      translationModule(german),
    ]);

    const [first] = await rows();
    expect(screen.getByText('2 Ausnahmen')).toBeInTheDocument();
    expect(
      screen.getByRole('columnheader', { name: 'Begründung' }),
    ).toBeInTheDocument();
    expect(first).toHaveTextContent('läuft in 20 Tagen ab');
    expect(
      within(first).getByRole('button', {
        name: 'Ausnahme für Data protection (backup & restore) widerrufen',
      }),
    ).toBeInTheDocument();

    // The form's checks speak the app's words too.
    const dialog = await openGrantDialog();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Grant' }),
    );
    expect(within(dialog).getByText('Begründung fehlt')).toBeInTheDocument();
  });
});
