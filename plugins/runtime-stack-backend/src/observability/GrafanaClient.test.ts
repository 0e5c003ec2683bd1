import {
  exampleDashboards,
  startFakeGrafana,
  type FakeGrafana,
} from '@internal/fake-grafana';
import { GrafanaClient } from './GrafanaClient';
import { grafanaAlertsFor, parseAlertLabelSelector } from './grafanaAlerts';
import { compileDashboardSelector, selectorTags } from './grafanaSelector';
import { ApiRequestError } from '../http/ApiRequestError';
import { json, startStubServer } from '../__testUtils__/stubServer';

let grafana: FakeGrafana;
beforeEach(async () => {
  grafana = await startFakeGrafana({ dashboards: exampleDashboards });
});
afterEach(() => grafana.close());

const clientFor = (
  options: Partial<ConstructorParameters<typeof GrafanaClient>[0]> = {},
) =>
  new GrafanaClient({
    url: grafana.url,
    token: grafana.token,
    backoffMs: 1,
    ...options,
  });

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(ApiRequestError);
  return error as ApiRequestError;
}

describe('GrafanaClient against the fake Grafana', () => {
  it('searches dashboards by tags, with absolute URLs', async () => {
    const dashboards = await clientFor().searchDashboards({
      tags: ['payments', 'kubernetes'],
    });

    expect(dashboards).toEqual([
      {
        uid: 'payments-api',
        title: 'Payments API',
        url: `${grafana.url}/d/payments-api/payments-api`,
        tags: ['payments-api', 'payments', 'kubernetes'],
        folderTitle: 'Payments',
      },
      {
        uid: 'payments-ledger',
        title: 'Payments Ledger',
        url: `${grafana.url}/d/payments-ledger/payments-ledger`,
        tags: ['payments-ledger', 'payments', 'kubernetes'],
        folderTitle: 'Payments',
      },
    ]);
    expect(grafana.requests).toEqual([
      {
        method: 'GET',
        path: '/api/search',
        query: {
          type: 'dash-db',
          tag: ['payments', 'kubernetes'],
          limit: '1000',
        },
        status: 200,
      },
    ]);
  });

  it('searches by a query and a limit', async () => {
    const client = clientFor();

    const byQuery = await client.searchDashboards({ query: 'api' });
    expect(byQuery.map(d => d.title)).toEqual([
      'Catalog API',
      'Checkout API',
      'Payments API',
    ]);
    const limited = await client.searchDashboards({
      query: 'api',
      limit: 2,
    });
    expect(limited.map(d => d.uid)).toEqual(['catalog-api', 'checkout-api']);
    expect(grafana.requests[1].query).toEqual({
      type: 'dash-db',
      query: 'api',
      limit: '2',
    });
  });

  it('reads every page when no limit is given', async () => {
    grafana.setDashboards(
      Array.from({ length: 2100 }, (_, i) => ({
        uid: `d${String(i).padStart(4, '0')}`,
        title: `Dashboard ${String(i).padStart(4, '0')}`,
        tags: ['many'],
      })),
    );

    const dashboards = await clientFor().searchDashboards({ tags: ['many'] });

    expect(dashboards).toHaveLength(2100);
    expect(dashboards[2099].uid).toBe('d2099');
    expect(grafana.requests.map(r => r.query.page)).toEqual([
      undefined,
      '2',
      '3',
    ]);
  });

  it('finds what a dashboard selector selects, narrowed by its tags', async () => {
    const selector = "tags @> 'checkout' && title != 'Checkout Web'";
    const found = await clientFor().searchDashboards({
      tags: selectorTags(selector),
    });
    expect(found.filter(compileDashboardSelector(selector))).toEqual([
      expect.objectContaining({ uid: 'checkout-api' }),
    ]);
  });

  it('answers a dashboard by uid, and undefined for an unknown one', async () => {
    const client = clientFor();

    expect(await client.dashboardByUid('catalog-api')).toEqual({
      uid: 'catalog-api',
      title: 'Catalog API',
      url: `${grafana.url}/d/catalog-api/catalog-api`,
      tags: ['catalog-api', 'catalog', 'kubernetes'],
      folderTitle: 'Catalog',
    });
    expect(await client.dashboardByUid('no-such-dashboard')).toBeUndefined();
    expect(grafana.requests.map(r => [r.path, r.status])).toEqual([
      ['/api/dashboards/uid/catalog-api', 200],
      ['/api/dashboards/uid/no-such-dashboard', 404],
    ]);
  });

  it('leaves out the General folder, as search does', async () => {
    grafana.setDashboards([{ uid: 'home', title: 'Home', tags: [] }]);
    const client = clientFor();

    const [fromSearch] = await client.searchDashboards();
    const byUid = await client.dashboardByUid('home');

    expect(fromSearch.folderTitle).toBeUndefined();
    expect(byUid).toEqual(fromSearch);
  });

  it('says to check the token when Grafana answers 401', async () => {
    const withoutToken = await failure(
      clientFor({ token: undefined }).searchDashboards({ tags: ['payments'] }),
    );
    expect(withoutToken.message).toBe(
      `Grafana GET ${
        new URL(grafana.url).host
      }/api/search?type=dash-db&tag=payments&limit=1000 answered 401: Unauthorized (check the Grafana token)`,
    );
    expect(withoutToken.status).toBe(401);

    const wrongToken = await failure(
      clientFor({ token: 'glsa_wrong' }).dashboardByUid('payments-api'),
    );
    expect(wrongToken.message).toMatch(/answered 401: Unauthorized/);
    expect(wrongToken.message).not.toContain('glsa_wrong');
    // 401 is not retried.
    expect(grafana.requests).toHaveLength(2);
  });

  it('retries 5xx answers, then gives up naming the status', async () => {
    const client = clientFor();

    grafana.failNext(2, 503);
    expect(await client.searchDashboards({ tags: ['catalog'] })).toHaveLength(
      1,
    );
    expect(grafana.requests.map(r => r.status)).toEqual([503, 503, 200]);

    grafana.failNext(3, 500);
    const error = await failure(client.dashboardByUid('catalog-api'));
    expect(error.message).toMatch(
      /^Grafana GET 127\.0\.0\.1:\d+\/api\/dashboards\/uid\/catalog-api answered 500: Internal Server Error$/,
    );
  });
});

describe('GrafanaClient alerting against the fake Grafana', () => {
  beforeEach(() => {
    grafana.setAlertRules([
      {
        uid: 'pay-latency',
        title: 'Payments API latency',
        folderTitle: 'Payments',
        group: 'slo',
        labels: { service: 'payments-api', severity: 'critical' },
        annotations: { summary: 'p99 above 1 s' },
        instances: [
          {
            state: 'Alerting',
            labels: { cluster: 'prod-eu-1' },
            activeAt: '2026-12-01T10:00:00Z',
          },
          { state: 'Normal', labels: { cluster: 'prod-us-1' } },
        ],
      },
      {
        uid: 'pay-errors',
        title: 'Payments API errors',
        folderTitle: 'Payments',
        group: 'slo',
        labels: { service: 'payments-api' },
      },
      { uid: 'disk', title: 'Node disk', folderTitle: 'Platform' },
    ]);
  });

  it('reads the ruler’s rules by folder and group, with their pages', async () => {
    const rules = await clientFor().alertRules();
    expect(rules).toEqual([
      {
        uid: 'pay-latency',
        title: 'Payments API latency',
        folderTitle: 'Payments',
        folderPath: 'Payments',
        group: 'slo',
        labels: { service: 'payments-api', severity: 'critical' },
        annotations: { summary: 'p99 above 1 s' },
        url: `${grafana.url}/alerting/grafana/pay-latency/view`,
      },
      expect.objectContaining({ uid: 'pay-errors', group: 'slo' }),
      expect.objectContaining({
        uid: 'disk',
        folderTitle: 'Platform',
        group: 'Node disk',
        labels: {},
      }),
    ]);
    expect(grafana.requests.map(r => [r.path, r.status])).toEqual([
      ['/api/ruler/grafana/api/v1/rules', 200],
    ]);
  });

  it('reads rules of nested folders by their full path, and leaves recording rules out', async () => {
    grafana.setAlertRules([
      {
        uid: 'pay-latency',
        title: 'Payments API latency',
        folderTitle: 'Payments',
        parentFolders: ['Teams'],
        labels: { service: 'payments-api' },
      },
      {
        uid: 'redis-memory',
        title: 'Redis memory',
        folderTitle: 'Redis',
        parentFolders: ['Teams', 'KeyDB/Redis'],
      },
      {
        uid: 'pay-latency-p99',
        title: 'Payments API p99',
        folderTitle: 'Payments',
        parentFolders: ['Teams'],
        labels: { service: 'payments-api' },
        record: { metric: 'payments_api:latency_seconds:p99' },
      },
    ]);
    const rules = await clientFor().alertRules();
    expect(
      rules.map(({ uid, folderTitle, folderPath }) => ({
        uid,
        folderTitle,
        folderPath,
      })),
    ).toEqual([
      {
        uid: 'redis-memory',
        folderTitle: 'Teams / KeyDB/Redis / Redis',
        folderPath: 'Teams/KeyDB\\/Redis/Redis',
      },
      {
        uid: 'pay-latency',
        folderTitle: 'Teams / Payments',
        folderPath: 'Teams/Payments',
      },
    ]);
  });

  it('reads every instance with its rule’s uid, and Go’s zero time left out', async () => {
    const instances = await clientFor().alertInstances();
    expect(instances).toEqual([
      {
        ruleUid: 'pay-latency',
        labels: {
          alertname: 'Payments API latency',
          grafana_folder: 'Payments',
          service: 'payments-api',
          severity: 'critical',
          cluster: 'prod-eu-1',
        },
        state: 'Alerting',
        activeAt: '2026-12-01T10:00:00Z',
      },
      expect.objectContaining({ ruleUid: 'pay-latency', state: 'Normal' }),
      expect.objectContaining({ ruleUid: 'pay-errors', state: 'Normal' }),
      expect.objectContaining({ ruleUid: 'disk', state: 'Normal' }),
    ]);
    expect(instances[1]).not.toHaveProperty('activeAt');
    expect(grafana.requests).toEqual([
      {
        method: 'GET',
        path: '/api/prometheus/grafana/api/v1/alerts',
        query: { includeInternalLabels: 'true' },
        status: 200,
      },
    ]);
  });

  it('splits Grafana’s “State (Reason)” into the state and its reason', async () => {
    grafana.setAlertRules([
      {
        uid: 'r',
        title: 'R',
        folderTitle: 'F',
        instances: [
          { state: 'Alerting', reason: 'NoData' },
          { state: 'Normal', reason: 'Paused' },
          { state: 'Alerting', reason: 'NoData, KeepLast' },
          { state: 'Recovering' },
          { state: 'Error' },
        ],
      },
    ]);
    const instances = await clientFor().alertInstances();
    expect(instances.map(({ state, reason }) => ({ state, reason }))).toEqual([
      { state: 'Alerting', reason: 'NoData' },
      { state: 'Normal', reason: 'Paused' },
      { state: 'Alerting', reason: 'NoData, KeepLast' },
      { state: 'Recovering', reason: undefined },
      { state: 'Error', reason: undefined },
    ]);
    expect(instances[3]).not.toHaveProperty('reason');
  });

  it('gives each rule its own instances and their worst state', async () => {
    grafana.setAlertRules([
      // Grafana 12 lets two rules of a folder share a title.
      {
        uid: 'lat-eu',
        title: 'Payments API latency',
        folderTitle: 'Payments',
        parentFolders: ['Teams'],
        labels: { service: 'payments-api' },
        instances: [{ state: 'Alerting', reason: 'NoData' }],
      },
      {
        uid: 'lat-us',
        title: 'Payments API latency',
        folderTitle: 'Payments',
        parentFolders: ['Teams'],
        labels: { service: 'payments-api' },
        instances: [{ state: 'Recovering' }, { state: 'Normal' }],
      },
      {
        uid: 'errors',
        title: 'Payments API errors',
        folderTitle: 'Payments',
        parentFolders: ['Teams'],
        labels: { service: 'payments-api' },
        instances: [{ state: 'Normal', reason: 'Paused' }],
      },
      {
        uid: 'lat-p99',
        title: 'Payments API p99',
        folderTitle: 'Payments',
        parentFolders: ['Teams'],
        labels: { service: 'payments-api' },
        record: { metric: 'payments_api:latency_seconds:p99' },
      },
    ]);
    const client = clientFor();
    const alerts = grafanaAlertsFor(
      parseAlertLabelSelector('service=payments-api'),
      await client.alertRules(),
      await client.alertInstances(),
    );
    expect(
      alerts.map(({ uid, folderTitle, state, instances, firing }) => ({
        uid,
        folderTitle,
        state,
        instances,
        firing,
      })),
    ).toEqual([
      {
        uid: 'lat-eu',
        folderTitle: 'Teams / Payments',
        state: 'alerting',
        instances: 1,
        firing: 1,
      },
      {
        uid: 'lat-us',
        folderTitle: 'Teams / Payments',
        state: 'alerting',
        instances: 2,
        firing: 1,
      },
      {
        uid: 'errors',
        folderTitle: 'Teams / Payments',
        state: 'normal',
        instances: 1,
        firing: 0,
      },
    ]);
  });

  it('says to check the token when the alerting API answers 401', async () => {
    const client = clientFor({ token: 'wrong' });
    for (const read of [client.alertRules(), client.alertInstances()]) {
      const error = await failure(read);
      expect(error.status).toBe(401);
      expect(error.message).toMatch(/\(check the Grafana token\)$/);
    }
  });

  it('rejects answers that are not the alerting API’s', async () => {
    const server = await startStubServer((request, response) => {
      if (request.url?.includes('/ruler/')) json(response, 200, ['a list']);
      else json(response, 200, { status: 'success', data: { alerts: {} } });
    });
    try {
      const client = new GrafanaClient({ url: server.url });
      expect((await failure(client.alertRules())).message).toMatch(
        /expected an object of folders$/,
      );
      expect((await failure(client.alertInstances())).message).toMatch(
        /expected data\.alerts to be a list$/,
      );
    } finally {
      await server.close();
    }
  });
});

describe('GrafanaClient URLs', () => {
  it('keeps a sub path once, whether or not Grafana includes it', async () => {
    const server = await startStubServer((_request, response) => {
      json(response, 200, [
        { uid: 'a', title: 'A', url: '/grafana/d/a/a', type: 'dash-db' },
        { uid: 'b', title: 'B', url: '/d/b/b', type: 'dash-db', tags: null },
        { uid: 'f', title: 'F', url: '/dashboards/f/f', type: 'dash-folder' },
      ]);
    });
    try {
      const client = new GrafanaClient({ url: `${server.url}/grafana` });

      expect(await client.searchDashboards({ limit: 10 })).toEqual([
        {
          uid: 'a',
          title: 'A',
          url: `${server.url}/grafana/d/a/a`,
          tags: [],
          folderTitle: undefined,
        },
        {
          uid: 'b',
          title: 'B',
          url: `${server.url}/grafana/d/b/b`,
          tags: [],
          folderTitle: undefined,
        },
      ]);
      expect(server.requests[0].url).toBe(
        '/grafana/api/search?type=dash-db&limit=10',
      );
      expect(server.requests[0].headers.authorization).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('links to the public URL while calling the API where it is configured', async () => {
    grafana.setAlertRules([{ uid: 'r1', title: 'R', folderTitle: 'F' }]);
    const client = clientFor({ publicUrl: 'https://grafana.example.com/' });
    const [dashboard] = await client.searchDashboards({ tags: ['catalog'] });
    const [rule] = await client.alertRules();
    expect(dashboard.url).toBe(
      'https://grafana.example.com/d/catalog-api/catalog-api',
    );
    expect(rule.url).toBe(
      'https://grafana.example.com/alerting/grafana/r1/view',
    );
    expect(grafana.requests.map(r => r.status)).toEqual([200, 200]);
  });

  it('sends configured headers when there is no token', async () => {
    const server = await startStubServer((_request, response) => {
      json(response, 200, []);
    });
    try {
      await new GrafanaClient({
        url: server.url,
        headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
      }).searchDashboards({ limit: 1 });
      expect(server.requests[0].headers.authorization).toBe(
        'Basic YWRtaW46YWRtaW4=',
      );
    } finally {
      await server.close();
    }
  });

  it('escapes the uid in the path', async () => {
    const client = clientFor();
    expect(await client.dashboardByUid('../search')).toBeUndefined();
    expect(grafana.requests[0].path).toBe('/api/dashboards/uid/..%2Fsearch');
  });
});
