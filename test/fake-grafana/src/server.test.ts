import { exampleAlertRules } from './exampleAlertRules';
import { exampleDashboards } from './exampleDashboards';
import { startFakeGrafana } from './server';
import type { FakeGrafana } from './types';

let grafana: FakeGrafana;
beforeEach(async () => {
  grafana = await startFakeGrafana({ dashboards: exampleDashboards });
});
afterEach(() => grafana.close());

/** `null` sends no authorization header. */
const get = async (path: string, token: string | null = grafana.token) => {
  const response = await fetch(`${grafana.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.json(),
  };
};

describe('startFakeGrafana', () => {
  it('answers health without a token', async () => {
    expect(await get('/api/health', null)).toEqual({
      status: 200,
      type: 'application/json',
      body: { database: 'ok', version: '12.0.0' },
    });
  });

  it('answers 401 like Grafana without the bearer token', async () => {
    for (const token of [null, 'wrong']) {
      expect(await get('/api/search', token)).toMatchObject({
        status: 401,
        body: { message: 'Unauthorized' },
      });
    }
    const basic = await fetch(`${grafana.url}/api/search`, {
      headers: { authorization: `Basic ${btoa(`admin:${grafana.token}`)}` },
    });
    expect(basic.status).toBe(401);
    expect(grafana.token).toBe('fake-grafana-token');
  });

  it('searches dashboards by every tag, sorted by title', async () => {
    const { status, body } = await get(
      '/api/search?type=dash-db&tag=payments&tag=kubernetes',
    );
    expect(status).toBe(200);
    expect(body.map((hit: { uid: string }) => hit.uid)).toEqual([
      'payments-api',
      'payments-ledger',
    ]);
    expect(body[0]).toMatchObject({
      title: 'Payments API',
      url: '/d/payments-api/payments-api',
      folderTitle: 'Payments',
      type: 'dash-db',
    });
  });

  it('searches by a case-insensitive query, page by page', async () => {
    const page1 = await get('/api/search?type=dash-db&query=API&limit=2');
    const page2 = await get(
      '/api/search?type=dash-db&query=API&limit=2&page=2',
    );
    expect(page1.body.map((hit: { title: string }) => hit.title)).toEqual([
      'Catalog API',
      'Checkout API',
    ]);
    expect(page2.body.map((hit: { title: string }) => hit.title)).toEqual([
      'Payments API',
    ]);
  });

  it('answers a dashboard by uid, or 404', async () => {
    const { status, body } = await get('/api/dashboards/uid/checkout-web');
    expect(status).toBe(200);
    expect(body.dashboard).toMatchObject({
      uid: 'checkout-web',
      title: 'Checkout Web',
      tags: ['checkout-web', 'checkout', 'kubernetes'],
    });
    expect(body.meta).toMatchObject({
      slug: 'checkout-web',
      url: '/d/checkout-web/checkout-web',
      folderTitle: 'Checkout',
      folderUid: 'checkout',
    });
    expect(await get('/api/dashboards/uid/nope')).toMatchObject({
      status: 404,
      body: { message: 'Dashboard not found' },
    });
  });

  it('calls the root folder General in a dashboard meta', async () => {
    grafana.setDashboards([{ uid: 'home', title: 'Home', tags: [] }]);
    const { body } = await get('/api/dashboards/uid/home');
    expect(body.meta).toMatchObject({
      folderId: 0,
      folderUid: '',
      folderTitle: 'General',
    });
  });

  it('answers the ruler rules by folder path and group, as Grafana 12 does', async () => {
    const empty = await get('/api/ruler/grafana/api/v1/rules');
    expect(empty).toEqual({ status: 200, type: 'application/json', body: {} });

    grafana.setAlertRules(exampleAlertRules);
    const { body } = await get('/api/ruler/grafana/api/v1/rules');
    // Sorted, as Go encodes a map; a nested folder by its full path.
    expect(Object.keys(body)).toEqual([
      'Checkout',
      'Checkout/Cart',
      'Platform',
    ]);
    expect(body.Checkout.map((g: { name: string }) => g.name)).toEqual([
      'checkout-web',
    ]);
    expect(body.Checkout[0].rules[0]).toEqual({
      expr: '',
      for: '5m',
      keep_firing_for: '0s',
      labels: {
        service: 'checkout-web',
        team: 'checkout',
        severity: 'warning',
      },
      annotations: { summary: 'LCP p75 above 4 s for 10 minutes' },
      grafana_alert: expect.objectContaining({
        id: 1,
        orgId: 1,
        title: 'Checkout Web slow page loads',
        condition: 'C',
        uid: 'checkout-web-lcp',
        namespace_uid: 'checkout',
        rule_group: 'checkout-web',
        intervalSeconds: 60,
      }),
    });
    expect(body.Checkout[0].rules[0].grafana_alert).not.toHaveProperty(
      'record',
    );
    // A recording rule: what it records, and no condition.
    expect(body.Checkout[0].rules[2]).toMatchObject({
      for: '0s',
      grafana_alert: {
        uid: 'checkout-web-lcp-p75',
        condition: '',
        no_data_state: '',
        exec_err_state: '',
        record: { metric: 'checkout_web:lcp_seconds:p75_5m', from: 'A' },
      },
    });
    expect(body['Checkout/Cart'][0].rules[0].grafana_alert).toMatchObject({
      uid: 'cart-service-latency',
      namespace_uid: 'checkout-cart',
    });
    // A rule without a group is in a group of its own title.
    expect(body.Platform[0].name).toBe('Node disk pressure');
    expect(body.Platform[0].rules[0].keep_firing_for).toBe('10m');
    expect((await get('/api/ruler/grafana/api/v1/rules', null)).status).toBe(
      401,
    );
  });

  it('escapes a slash in a folder title in the path', async () => {
    grafana.setAlertRules([
      {
        uid: 'r',
        title: 'R',
        folderTitle: 'Redis',
        parentFolders: ['KeyDB/Redis'],
        instances: [{ state: 'Normal' }],
      },
    ]);
    const rules = await get('/api/ruler/grafana/api/v1/rules');
    expect(Object.keys(rules.body)).toEqual(['KeyDB\\/Redis/Redis']);
    const alerts = await get('/api/prometheus/grafana/api/v1/alerts');
    expect(alerts.body.data.alerts[0].labels.grafana_folder).toBe(
      'KeyDB\\/Redis/Redis',
    );
  });

  it('answers every alert instance in the Prometheus envelope, labelled with rule and folder', async () => {
    grafana.setAlertRules(exampleAlertRules);
    const { status, body } = await get('/api/prometheus/grafana/api/v1/alerts');
    expect(status).toBe(200);
    expect(body.status).toBe('success');
    const alerts = body.data.alerts;
    // 2 + 1 (default Normal) + none of the recording rule + 1 + 2
    expect(alerts).toHaveLength(6);
    expect(alerts[0]).toEqual({
      labels: {
        alertname: 'Checkout Web slow page loads',
        grafana_folder: 'Checkout',
        service: 'checkout-web',
        team: 'checkout',
        severity: 'warning',
        cluster: 'prod-eu-1',
      },
      annotations: { summary: 'LCP p75 above 4 s for 10 minutes' },
      state: 'Alerting',
      activeAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      value: '',
    });
    expect(alerts[0].activeAt).not.toMatch(/^0001-/);
    expect(alerts[1]).toMatchObject({
      state: 'Normal',
      activeAt: '0001-01-01T00:00:00Z',
    });
    expect(alerts[2]).toMatchObject({
      labels: { alertname: 'Checkout Web JavaScript errors' },
      state: 'Normal',
    });
    expect(alerts[3].labels).toMatchObject({
      alertname: 'Cart Service p99 latency',
      grafana_folder: 'Checkout/Cart',
    });
    expect(alerts[5]).toMatchObject({
      labels: { alertname: 'Node disk pressure', node: 'node-2' },
      state: 'Recovering',
    });
    expect(alerts[5].activeAt).not.toMatch(/^0001-/);
  });

  it('labels instances with the rule and folder uids only when asked to include internal labels', async () => {
    grafana.setAlertRules([
      {
        uid: 'r',
        title: 'R',
        folderTitle: 'Payments',
        parentFolders: ['Teams'],
      },
    ]);
    const labelsWith = async (query: string) =>
      (await get(`/api/prometheus/grafana/api/v1/alerts${query}`)).body.data
        .alerts[0].labels;
    for (const query of [
      '?includeInternalLabels=true',
      '?includeInternalLabels=1',
    ]) {
      expect(await labelsWith(query)).toEqual({
        alertname: 'R',
        grafana_folder: 'Teams/Payments',
        __alert_rule_uid__: 'r',
        __alert_rule_namespace_uid__: 'teams-payments',
      });
    }
    for (const query of [
      '',
      '?includeInternalLabels=false',
      '?includeInternalLabels=yes',
    ]) {
      expect(await labelsWith(query)).toEqual({
        alertname: 'R',
        grafana_folder: 'Teams/Payments',
      });
    }
  });

  it('writes a state with its reason as Grafana does: “State (Reason)”', async () => {
    grafana.setAlertRules([
      {
        uid: 'r',
        title: 'R',
        folderTitle: 'F',
        instances: [
          { state: 'Alerting', reason: 'NoData' },
          { state: 'Normal', reason: 'Paused' },
          { state: 'Alerting', reason: 'Error' },
          // Grafana leaves out a reason that only repeats the state.
          { state: 'Error', reason: 'Error' },
          { state: 'Recovering' },
        ],
      },
    ]);
    const { body } = await get('/api/prometheus/grafana/api/v1/alerts');
    expect(body.data.alerts.map((a: { state: string }) => a.state)).toEqual([
      'Alerting (NoData)',
      'Normal (Paused)',
      'Alerting (Error)',
      'Error',
      'Recovering',
    ]);
  });

  it('refuses alert rules Grafana would not store', async () => {
    expect(() =>
      grafana.setAlertRules([
        { uid: 'a', title: 'A', folderTitle: 'F' },
        { uid: 'a', title: 'B', folderTitle: 'F' },
      ]),
    ).toThrow("Duplicate alert rule uid 'a'");
    expect(() =>
      grafana.setAlertRules([{ uid: 'b', title: 'B', folderTitle: '' }]),
    ).toThrow("Alert rule 'b' needs a folder");
    expect(() =>
      grafana.setAlertRules([
        { uid: 'no/slash', title: 'C', folderTitle: 'F' },
      ]),
    ).toThrow(/Invalid alert rule uid/);
    expect(() =>
      grafana.setAlertRules([
        { uid: 'd', title: 'D', folderTitle: 'F', parentFolders: [''] },
      ]),
    ).toThrow("Alert rule 'd' needs a folder");
    expect(() =>
      grafana.setAlertRules([
        { uid: 'e', title: 'E', folderTitle: 'F', record: { metric: 'a-b' } },
      ]),
    ).toThrow("Recording rule 'e' needs a valid metric name, not 'a-b'");
    expect(() =>
      grafana.setAlertRules([
        {
          uid: 'f',
          title: 'F',
          folderTitle: 'F',
          record: { metric: 'a:b' },
          instances: [{ state: 'Normal' }],
        },
      ]),
    ).toThrow("Recording rule 'f' has no instances");
  });

  it('serves what setDashboards gives it', async () => {
    grafana.setDashboards([{ uid: 'only', title: 'Only one', tags: ['x'] }]);
    const { body } = await get('/api/search');
    expect(body.map((hit: { uid: string }) => hit.uid)).toEqual(['only']);
  });

  it('fails the next requests on demand, then recovers', async () => {
    grafana.failNext(2, 503);
    expect((await get('/api/search')).status).toBe(503);
    expect((await get('/api/health')).status).toBe(503);
    expect((await get('/api/search')).status).toBe(200);
    grafana.failNext(1);
    expect(await get('/api/search')).toMatchObject({
      status: 500,
      body: { message: 'Internal Server Error' },
    });
  });

  it('records every request with its query and status', async () => {
    await get('/api/search?type=dash-db&tag=a&tag=b&query=x');
    await get('/api/search', null);
    await get('/api/unknown');
    expect(grafana.requests).toEqual([
      {
        method: 'GET',
        path: '/api/search',
        query: { type: 'dash-db', tag: ['a', 'b'], query: 'x' },
        status: 200,
      },
      { method: 'GET', path: '/api/search', query: {}, status: 401 },
      { method: 'GET', path: '/api/unknown', query: {}, status: 404 },
    ]);
  });

  it('refuses other methods', async () => {
    const response = await fetch(`${grafana.url}/api/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${grafana.token}` },
    });
    expect(response.status).toBe(405);
  });

  it('listens on the port asked for and takes another token', async () => {
    const other = await startFakeGrafana({ token: 'other-token' });
    const port = Number(new URL(other.url).port);
    await other.close();
    const again = await startFakeGrafana({ port, token: 'other-token' });
    try {
      expect(again.url).toBe(`http://127.0.0.1:${port}`);
      const response = await fetch(`${again.url}/api/search`, {
        headers: { authorization: 'Bearer other-token' },
      });
      expect(await response.json()).toEqual([]);
    } finally {
      await again.close();
    }
  });
});
