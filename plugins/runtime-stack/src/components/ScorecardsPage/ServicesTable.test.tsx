import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import type { Entity } from '@backstage/catalog-model';
import { useAppLocation } from '@backstage/frontend-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  defaultLayerModel,
  defaultRequirementProfiles,
  type RequirementProfileSettings,
  type ServiceScore,
  type ServiceScorePage,
  type TeamScorecard,
} from '@internal/backstage-plugin-runtime-stack-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  baseUrl,
  presentationTestApi,
  queryOf,
  renderWithClient,
  runtimeStackTestApi,
} from '../../__testUtils__/runtimeStackClient';
import { capturedActions } from '../../__testUtils__/capturedActions';
import { backendError } from '../../__testUtils__/backendError';
import { ServicesTable } from './ServicesTable';

const minutesAgo = (m: number) =>
  new Date(Date.now() - m * 60_000).toISOString();

const paymentsApi: ServiceScore = {
  entityRef: 'component:default/payments-api',
  owner: 'group:default/team-payments',
  // The backend may send a bare name: it still links, as a System.
  system: 'payments',
  lifecycle: 'production',
  profile: 'tier-1',
  required: 10,
  covered: 7,
  partial: 1,
  ratio: 0.75,
  gapCount: 3,
  exemptCount: 1,
  evaluatedAt: minutesAgo(5),
};

const docsSite: ServiceScore = {
  entityRef: 'component:default/docs-site',
  profile: 'static-site',
  required: 0,
  covered: 0,
  partial: 0,
  ratio: 1,
  gapCount: 0,
  exemptCount: 0,
  evaluatedAt: minutesAgo(120),
};

const page: ServiceScorePage = {
  items: [paymentsApi, docsSite],
  totalCount: 60,
  limit: 25,
  offset: 0,
};

const teamsPage: TeamScorecard = {
  columns: [],
  items: ['group:default/team-search', 'group:default/team-payments'].map(
    team => ({
      team,
      services: 1,
      overall: { required: 1, covered: 1, partial: 0, ratio: 1 },
      cells: [],
    }),
  ),
  totalCount: 2,
  limit: 50,
  offset: 0,
};

const system = (name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default', ...(title && { title }) },
  spec: { owner: 'group:default/team-payments' },
});

/** A catalog with two Systems, one titled, one not. */
const catalogWithSystems = [
  catalogApiRef,
  catalogApiMock({
    entities: [system('payments', 'Payments'), system('search')],
  }),
] as const;

/** Team display names as the catalog's presentation API gives them. */
const presentation = presentationTestApi({
  'group:default/team-payments': 'Payments team',
});

/** The page's address, for a test to read what the table keeps there. */
const Address = () => (
  <output aria-label="address">{useAppLocation().search}</output>
);
const address = () =>
  Object.fromEntries(
    new URLSearchParams(screen.getByLabelText('address').textContent ?? ''),
  );

/** The table at `/scorecards` with `search`, as a reload or a link opens it. */
const renderAt = (search: string) =>
  renderInTestApp(
    <>
      <ServicesTable />
      <Address />
    </>,
    {
      apis: [runtimeStackTestApi(), [catalogApiRef, catalogApiMock()]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      mountPath: '/scorecards',
      initialRouteEntries: [`/scorecards${search}`],
    },
  );

const cellTexts = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map(c => c.textContent);

describe('ServicesTable', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  /** Records the query of every request; CSV requests separately. */
  const serve = (
    value: ServiceScorePage = page,
    profiles: RequirementProfileSettings = {
      profiles: defaultRequirementProfiles,
    },
  ) => {
    const requests: Array<Record<string, string>> = [];
    const csvRequests: Array<Record<string, string>> = [];
    server.use(
      http.get(`${baseUrl}/scorecards/services`, ({ request }) => {
        const query = queryOf(request.url);
        if (query.format === 'csv') {
          csvRequests.push(query);
          return new HttpResponse('entityRef,ratio\npayments-api,0.75\n', {
            headers: { 'Content-Type': 'text/csv' },
          });
        }
        requests.push(query);
        return HttpResponse.json(value);
      }),
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
      http.get(`${baseUrl}/profiles`, () => HttpResponse.json(profiles)),
      http.get(`${baseUrl}/scorecards/teams`, () =>
        HttpResponse.json(teamsPage),
      ),
    );
    return { requests, csvRequests };
  };

  const last = <T,>(list: T[]) => list[list.length - 1];

  it('shows each service with owner, system, profile, coverage, gaps and age', async () => {
    const { requests } = serve();
    await renderWithClient(<ServicesTable />);

    const table = await screen.findByRole('table', { name: 'Services' });
    expect(requests).toEqual([{ limit: '25', offset: '0' }]);
    const [, ...rows] = within(table).getAllByRole('row');
    expect(rows.map(cellTexts)).toEqual([
      [
        'payments-api',
        'team-payments',
        'payments',
        'production',
        'Tier 1 (production-critical)',
        // The counts behind the percentage are read out, not only hovered.
        '75% 7 of 10 required covered, 1 partly',
        '3',
        '1',
        '5 min ago',
      ],
      [
        'docs-site',
        '—',
        '—',
        '—',
        'static-site',
        '— Nothing required',
        '0',
        '0',
        '2 h ago',
      ],
    ]);
    expect(
      within(rows[0]).getByText('payments-api').closest('a'),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api');
    expect(
      within(rows[0]).getByText('team-payments').closest('a'),
    ).toHaveAttribute('href', '/catalog/default/group/team-payments');
    expect(
      screen.getByRole('progressbar', {
        name: 'Coverage of component:default/payments-api',
      }),
    ).toHaveAttribute('aria-valuenow', '75');
    expect(
      screen.getByRole('progressbar', {
        name: 'Coverage of component:default/payments-api',
      }),
    ).toHaveAttribute(
      'aria-valuetext',
      '75%, 7 of 10 required covered, 1 partly',
    );
    // Nothing required: no bar that would claim full coverage.
    expect(
      screen.queryByRole('progressbar', {
        name: 'Coverage of component:default/docs-site',
      }),
    ).not.toBeInTheDocument();
  });

  it('names and offers the profiles as the backend configures them, not the built-in ones', async () => {
    const { requests } = serve(page, {
      profiles: [
        ...defaultRequirementProfiles.map(p =>
          p.id === 'tier-1' ? { ...p, title: 'Business critical' } : p,
        ),
        { id: 'regulated', title: 'Regulated (PCI)', required: ['tracing'] },
      ],
    });
    await renderWithClient(<ServicesTable />);

    const table = await screen.findByRole('table', { name: 'Services' });
    const [, paymentsRow] = within(table).getAllByRole('row');
    await waitFor(() =>
      expect(cellTexts(paymentsRow)[4]).toBe('Business critical'),
    );
    const filter = screen.getByLabelText('Profile');
    expect(
      within(filter).getByRole('option', { name: 'Business critical' }),
    ).toHaveValue('tier-1');
    await userEvent.selectOptions(filter, ['Regulated (PCI)']);
    await waitFor(() =>
      expect(last(requests)).toEqual({
        profile: 'regulated',
        limit: '25',
        offset: '0',
      }),
    );
  });

  it('sends filters, sort and page as query parameters', async () => {
    const { requests } = serve();
    await renderWithClient(<ServicesTable />, {}, [
      catalogWithSystems,
      presentation,
    ]);
    await screen.findByRole('table', { name: 'Services' });

    await userEvent.selectOptions(screen.getByLabelText('Lifecycle'), [
      'production',
    ]);
    await waitFor(() =>
      expect(last(requests)).toEqual({
        lifecycle: 'production',
        limit: '25',
        offset: '0',
      }),
    );

    await userEvent.selectOptions(screen.getByLabelText('Profile'), ['tier-1']);
    // A layer starts with its gaps; the status can then be changed.
    const status = screen.getByLabelText('Status of a required capability');
    expect(status).toBeDisabled();
    expect(
      within(screen.getByLabelText('Layer')).getByRole('option', {
        name: 'Layer 3 · Networking, storage & access',
      }),
    ).toHaveValue('3');
    await userEvent.selectOptions(screen.getByLabelText('Layer'), ['3']);
    // Why a service at 100% is not listed as missing a recommended one.
    expect(status).toHaveAccessibleDescription(
      'Recommended capabilities do not count',
    );
    await waitFor(() =>
      expect(last(requests)).toMatchObject({ layer: '3', status: 'missing' }),
    );
    await userEvent.selectOptions(status, ['partial']);
    await screen.findByRole('option', { name: 'Payments team' });
    await userEvent.selectOptions(screen.getByLabelText('Team'), [
      'group:default/team-payments',
    ]);
    await screen.findByRole('option', { name: 'Payments' });
    await userEvent.selectOptions(screen.getByLabelText('System'), [
      'system:default/payments',
    ]);
    await waitFor(() =>
      expect(last(requests)).toEqual({
        lifecycle: 'production',
        profile: 'tier-1',
        layer: '3',
        status: 'partial',
        team: 'group:default/team-payments',
        system: 'system:default/payments',
        limit: '25',
        offset: '0',
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Coverage' }));
    await waitFor(() =>
      expect(last(requests)).toMatchObject({ sort: 'ratio', order: 'asc' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Coverage' }));
    await waitFor(() =>
      expect(last(requests)).toMatchObject({ sort: 'ratio', order: 'desc' }),
    );
    // Gaps sort most first on the first click.
    await userEvent.click(screen.getByRole('button', { name: 'Gaps' }));
    await waitFor(() =>
      expect(last(requests)).toMatchObject({
        sort: 'gapCount',
        order: 'desc',
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(last(requests)).toEqual({
        lifecycle: 'production',
        profile: 'tier-1',
        layer: '3',
        status: 'partial',
        team: 'group:default/team-payments',
        system: 'system:default/payments',
        sort: 'gapCount',
        order: 'desc',
        limit: '25',
        offset: '25',
      }),
    );

    // A new filter goes back to the first page.
    await userEvent.selectOptions(screen.getByLabelText('Layer'), ['']);
    await waitFor(() =>
      expect(last(requests)).toEqual({
        lifecycle: 'production',
        profile: 'tier-1',
        team: 'group:default/team-payments',
        system: 'system:default/payments',
        sort: 'gapCount',
        order: 'desc',
        limit: '25',
        offset: '0',
      }),
    );
  }, 30_000);

  it('offers the teams by catalog name and the Systems by title, and says when a list fails', async () => {
    serve();
    await renderWithClient(<ServicesTable />, {}, [
      catalogWithSystems,
      presentation,
    ]);
    const optionsOf = async (label: string, first: string) => {
      await screen.findByRole('option', { name: first });
      return within(screen.getByLabelText(label))
        .getAllByRole('option')
        .map(o => [o.getAttribute('value'), o.textContent]);
    };
    expect(await optionsOf('Team', 'Payments team')).toEqual([
      ['', 'Any'],
      ['group:default/team-payments', 'Payments team'],
      ['group:default/team-search', 'team-search'],
    ]);
    expect(await optionsOf('System', 'search')).toEqual([
      ['', 'Any'],
      ['system:default/payments', 'Payments'],
      ['system:default/search', 'search'],
    ]);
  });

  it('keeps the filters usable when the team list fails to load', async () => {
    serve();
    server.use(
      http.get(`${baseUrl}/scorecards/teams`, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'database went away' } },
          { status: 500 },
        ),
      ),
    );
    await renderWithClient(<ServicesTable />);
    expect(
      await screen.findByText(/Could not load the teams:.*database went away/),
    ).toBeInTheDocument();
    expect(
      within(screen.getByLabelText('Team')).getAllByRole('option'),
    ).toHaveLength(1);
    await userEvent.selectOptions(screen.getByLabelText('Lifecycle'), [
      'production',
    ]);
    expect(
      await screen.findByRole('table', { name: 'Services' }),
    ).toBeInTheDocument();
  });

  it('waits for typing to pause before searching', async () => {
    const { requests } = serve();
    await renderWithClient(<ServicesTable />);
    await screen.findByRole('table', { name: 'Services' });

    const search = screen.getByLabelText('Search');
    // The table shows titles, and the search finds them.
    expect(search).toHaveAttribute(
      'placeholder',
      'Part of the title or entity ref',
    );
    await userEvent.type(search, 'pay');
    // Typed, but not sent yet.
    expect(requests.filter(r => r.search)).toEqual([]);

    await waitFor(() => expect(requests.filter(r => r.search)).toHaveLength(1));
    expect(last(requests)).toEqual({ search: 'pay', limit: '25', offset: '0' });
    // No request for "p" or "pa" came later either.
    await new Promise(resolve => setTimeout(resolve, 400));
    expect(requests.map(r => r.search)).toEqual([undefined, 'pay']);
  });

  describe('export', () => {
    const createObjectURL = jest.fn((_: Blob) => 'blob:services-csv');
    const revokeObjectURL = jest.fn();
    let clicked: Array<{ href: string; download: string }>;

    beforeEach(() => {
      clicked = [];
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function record(this: HTMLAnchorElement) {
          clicked.push({ href: this.href, download: this.download });
        });
    });

    afterEach(() => {
      jest.restoreAllMocks();
      createObjectURL.mockClear();
      revokeObjectURL.mockClear();
    });

    it('downloads the CSV of the current filters and sort, without paging', async () => {
      const { csvRequests } = serve();
      const analytics = mockApis.analytics();
      await renderWithClient(<ServicesTable />, {}, [analytics]);
      await screen.findByRole('table', { name: 'Services' });

      await userEvent.selectOptions(screen.getByLabelText('Lifecycle'), [
        'production',
      ]);
      await userEvent.click(screen.getByRole('button', { name: 'Coverage' }));
      await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

      await waitFor(() => expect(clicked).toHaveLength(1));
      expect(csvRequests).toEqual([
        {
          lifecycle: 'production',
          sort: 'ratio',
          order: 'asc',
          format: 'csv',
        },
      ]);
      expect(clicked[0]).toEqual({
        href: 'blob:services-csv',
        download: 'runtime-stack-services.csv',
      });
      const blob = createObjectURL.mock.calls[0][0];
      expect(blob.type).toBe('text/csv;charset=utf-8');
      expect(await blob.text()).toBe('entityRef,ratio\npayments-api,0.75\n');
      await waitFor(() =>
        expect(revokeObjectURL).toHaveBeenCalledWith('blob:services-csv'),
      );
      // The temporary link is gone again.
      expect(document.querySelector('a[download]')).toBeNull();
      expect(capturedActions(analytics)).toEqual([
        expect.objectContaining({
          action: 'export',
          subject: 'runtime-stack-services.csv',
          attributes: { lifecycle: 'production', sort: 'ratio', order: 'asc' },
        }),
      ]);
    });

    it('exports what the search field says, though typing has not paused', async () => {
      const { requests, csvRequests } = serve();
      await renderWithClient(<ServicesTable />);
      await screen.findByRole('table', { name: 'Services' });

      await userEvent.type(screen.getByLabelText('Search'), 'pay');
      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

      await waitFor(() => expect(clicked).toHaveLength(1));
      expect(csvRequests).toEqual([{ search: 'pay', format: 'csv' }]);
      // And the table shows what was exported.
      await waitFor(() =>
        expect(last(requests)).toEqual({
          search: 'pay',
          limit: '25',
          offset: '0',
        }),
      );
    });

    it('says when the export failed', async () => {
      serve();
      server.use(
        http.get(`${baseUrl}/scorecards/services`, ({ request }) =>
          queryOf(request.url).format === 'csv'
            ? HttpResponse.json(
                { error: { name: 'Error', message: 'too many rows' } },
                { status: 500 },
              )
            : HttpResponse.json(page),
        ),
      );
      await renderWithClient(<ServicesTable />);
      await userEvent.click(
        await screen.findByRole('button', { name: 'Export CSV' }),
      );
      expect(await screen.findByRole('alert')).toHaveTextContent(
        /Could not export the services:.*too many rows/,
      );
      expect(createObjectURL).not.toHaveBeenCalled();
    });
  });

  describe('in the address', () => {
    it('restores the filters, sort and page a reload or a link names', async () => {
      const { requests } = serve();
      await renderAt(
        '?services.search=pay&services.lifecycle=production&services.layer=3&services.status=partial' +
          '&services.sort=gapCount&services.order=desc&services.page=2&services.rows=50',
      );

      await screen.findByRole('table', { name: 'Services' });
      expect(requests[0]).toEqual({
        search: 'pay',
        lifecycle: 'production',
        layer: '3',
        status: 'partial',
        sort: 'gapCount',
        order: 'desc',
        limit: '50',
        offset: '50',
      });
      expect(screen.getByLabelText('Search')).toHaveValue('pay');
      expect(screen.getByLabelText('Lifecycle')).toHaveValue('production');
      expect(screen.getByLabelText('Layer')).toHaveValue('3');
      expect(
        screen.getByLabelText('Status of a required capability'),
      ).toHaveValue('partial');
      expect(
        screen.getByRole('columnheader', { name: /Gaps/ }),
      ).toHaveAttribute('aria-sort', 'descending');
    });

    it('keeps what is chosen there, in place', async () => {
      serve();
      await renderAt('?tab=services');
      await screen.findByRole('table', { name: 'Services' });

      await userEvent.selectOptions(screen.getByLabelText('Lifecycle'), [
        'production',
      ]);
      await userEvent.click(screen.getByRole('button', { name: 'Coverage' }));
      await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
      await userEvent.type(screen.getByLabelText('Search'), 'pay');
      await waitFor(() => expect(address()['services.search']).toBe('pay'));
      // The search starts the pages again, as every filter does.
      expect(address()).toEqual({
        tab: 'services',
        'services.lifecycle': 'production',
        'services.sort': 'ratio',
        'services.order': 'asc',
        'services.search': 'pay',
      });

      await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
      await waitFor(() => expect(address()['services.page']).toBe('2'));
      await userEvent.click(
        screen.getAllByRole('button', { name: 'Clear filters' })[0],
      );
      await waitFor(() =>
        expect(address()).toEqual({
          tab: 'services',
          'services.sort': 'ratio',
          'services.order': 'asc',
        }),
      );
    });

    it('shows the default table for what it cannot read', async () => {
      const { requests } = serve();
      await renderAt(
        '?services.layer=99&services.status=bogus&services.sort=drop&services.order=up' +
          `&services.page=-2&services.rows=7&services.lifecycle=${'x'.repeat(
            65,
          )}`,
      );
      await screen.findByRole('table', { name: 'Services' });
      // Layer 99 waits for the layer model to be found unknown.
      await waitFor(() =>
        expect(last(requests)).toEqual({ limit: '25', offset: '0' }),
      );
      expect(screen.getByLabelText('Layer')).toHaveValue('');
      expect(screen.getByLabelText('Lifecycle')).toHaveValue('');
    });
  });

  describe('paging', () => {
    /** Answers as the backend does: `visible` of each page's services. */
    const serveCounted = (totalCount: number, visible = Infinity) => {
      const requests = serve().requests;
      server.use(
        http.get(`${baseUrl}/scorecards/services`, ({ request }) => {
          const query = queryOf(request.url);
          requests.push(query);
          const limit = Number(query.limit);
          const offset = Number(query.offset);
          const count = Math.min(
            visible,
            Math.max(0, Math.min(limit, totalCount - offset)),
          );
          return HttpResponse.json({
            items: Array.from({ length: count }, (_, i) => ({
              ...paymentsApi,
              entityRef: `component:default/service-${offset + i}`,
            })),
            totalCount,
            limit,
            offset,
          } satisfies ServiceScorePage);
        }),
      );
      return requests;
    };

    it('goes back to the last page when the services no longer reach this one', async () => {
      const requests = serveCounted(26);
      await renderAt('?services.page=4');

      await waitFor(() => expect(last(requests).offset).toBe('25'));
      expect(await screen.findByText('26-26 of 26')).toBeInTheDocument();
      expect(address()).toEqual({ 'services.page': '2' });
      expect(
        screen.queryByText('Some services on this page are hidden from you.'),
      ).not.toBeInTheDocument();
    });

    it('says when the page lists fewer services than it counts', async () => {
      serveCounted(30, 20);
      await renderAt('');

      expect(await screen.findByText('1-25 of 30')).toBeInTheDocument();
      expect(
        screen.getByText('Some services on this page are hidden from you.'),
      ).toBeInTheDocument();
    });

    it('says nothing of a last page that is merely short', async () => {
      serveCounted(30);
      await renderAt('?services.page=2');

      expect(await screen.findByText('26-30 of 30')).toBeInTheDocument();
      expect(
        within(screen.getByRole('table', { name: 'Services' })).getAllByRole(
          'row',
        ),
      ).toHaveLength(6);
      expect(
        screen.queryByText('Some services on this page are hidden from you.'),
      ).not.toBeInTheDocument();
    });
  });

  it('shows progress, not the last empty answer, while the next answer loads', async () => {
    serve({ items: [], totalCount: 0, limit: 25, offset: 0 });
    let release = () => {};
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(`${baseUrl}/scorecards/services`, async ({ request }) => {
        if (queryOf(request.url).lifecycle !== 'production') return undefined;
        await held;
        return HttpResponse.json(page);
      }),
    );
    await renderWithClient(<ServicesTable />);
    expect(
      await screen.findByText('No services evaluated yet'),
    ).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Lifecycle'), [
      'production',
    ]);
    // Nothing is known yet of what the filter matches.
    await waitFor(() =>
      expect(screen.queryByText('No services evaluated yet')).toBeNull(),
    );
    expect(screen.queryByText('No service matches these filters')).toBeNull();
    expect(screen.getByTestId('progress')).toBeInTheDocument();

    release();
    expect(
      await screen.findByRole('table', { name: 'Services' }),
    ).toBeInTheDocument();
  });

  it("reads the policy's refusal as a sentence, not as an error", async () => {
    serve();
    server.use(
      http.get(`${baseUrl}/scorecards/services`, () =>
        backendError(
          'NotAllowedError',
          'Reading scorecards is not allowed for you',
          403,
        ),
      ),
    );
    await renderWithClient(<ServicesTable />);
    expect(
      await screen.findByText(
        /You may not see the services \(Reading scorecards is not allowed for you\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Could not load the services/)).toBeNull();
  });

  it('loads the services again on Retry after they failed to load', async () => {
    let failing = true;
    serve();
    server.use(
      http.get(`${baseUrl}/scorecards/services`, () =>
        failing
          ? backendError('ServiceUnavailableError', 'backend restarting', 503)
          : undefined,
      ),
    );
    await renderWithClient(<ServicesTable />);
    expect(
      await screen.findByText(/Could not load the services/),
    ).toBeInTheDocument();
    failing = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('table', { name: 'Services' }),
    ).toBeInTheDocument();
  });

  it('explains an empty estate, and an empty filter result', async () => {
    const { requests } = serve({
      items: [],
      totalCount: 0,
      limit: 25,
      offset: 0,
    });
    await renderWithClient(<ServicesTable />);

    expect(
      await screen.findByText('No services evaluated yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/evaluated after the first cluster collection/),
    ).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Lifecycle'), [
      'deprecated',
    ]);
    expect(
      await screen.findByText('No service matches these filters'),
    ).toBeInTheDocument();
    // The team filter is a list of teams: no ref to type.
    expect(
      screen.getByText(/search matches part of a title or an entity ref/),
    ).not.toHaveTextContent(/group:default/);
    await userEvent.click(
      screen.getAllByRole('button', { name: 'Clear filters' })[0],
    );
    expect(
      await screen.findByText('No services evaluated yet'),
    ).toBeInTheDocument();
    expect(last(requests)).toEqual({ limit: '25', offset: '0' });
  });
});
