import { PrometheusClient, type PrometheusTarget } from './PrometheusClient';
import { startStubServer, type StubServer } from '../__testUtils__/stubServer';
import {
  findFreePort,
  prometheusBinary,
  startPrometheus,
  waitFor,
  type RunningPrometheus,
} from './__testUtils__/prometheusProcess';
import { realServerAvailable } from '../__testUtils__/realServers';

jest.setTimeout(60_000);

const describeWithPrometheus = realServerAvailable(
  prometheusBinary() !== undefined,
  'the real-Prometheus tests of PrometheusClient',
  'prometheus',
)
  ? describe
  : describe.skip;

const METRICS = [
  '# HELP http_requests_total Requests served.',
  '# TYPE http_requests_total counter',
  'http_requests_total{service="payments-api",code="200"} 5',
  'http_requests_total{service="payments-api",code="500"} 1',
  '',
].join('\n');

describeWithPrometheus('PrometheusClient against Prometheus', () => {
  let metrics: StubServer;
  let prometheus: RunningPrometheus;
  let client: PrometheusClient;
  let closedPort: number;
  let targets: PrometheusTarget[];

  beforeAll(async () => {
    metrics = await startStubServer((request, response) => {
      if (request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      response
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
        .end(METRICS);
    });
    // Nothing listens there: the target is down.
    closedPort = await findFreePort();
    prometheus = await startPrometheus({
      avoidPorts: [closedPort],
      scrapeTargets: [
        {
          job: 'payments-api',
          targets: [metrics.host],
          labels: { namespace: 'payments' },
        },
        { job: 'payments-ledger', targets: [`127.0.0.1:${closedPort}`] },
      ],
      rules: [
        {
          name: 'payments-api',
          rules: [
            {
              alert: 'PaymentsApiErrors',
              expr: 'vector(1) > 0',
              for: '0s',
              labels: { service: 'payments-api', severity: 'warning' },
              annotations: { summary: 'Payments API answers errors' },
            },
            {
              alert: 'PaymentsApiDown',
              expr: 'vector(0) > 1',
              labels: { service: 'payments-api', severity: 'critical' },
            },
            {
              // Active from the first evaluation, firing only after an hour.
              alert: 'PaymentsApiSlow',
              expr: 'vector(1) > 0',
              for: '1h',
              labels: { service: 'payments-api' },
            },
          ],
        },
        {
          name: 'recordings',
          rules: [
            {
              record: 'service:http_requests:sum',
              expr: 'sum by (service) (http_requests_total)',
            },
            {
              // Two series match one: an error at every evaluation.
              record: 'clashing',
              expr: 'vector(1) + on() group_left() (vector(1) or label_replace(vector(1), "a", "b", "", ""))',
              labels: { team: 'payments' },
            },
          ],
        },
      ],
    });
    client = new PrometheusClient({ url: prometheus.url });

    const started = Date.now();
    // Targets show up ~5s after start: discovery updates are batched.
    targets = await waitFor(
      `both targets scraped\n${prometheus.output()}`,
      async () => {
        const found = await client.targets();
        return found.length === 2 && found.every(t => t.lastScrape)
          ? found
          : undefined;
      },
    );
    await waitFor('every rule evaluated after the first scrape', async () => {
      const rules = await client.rules();
      return rules.every(r => r.health !== 'unknown') &&
        rules.some(r => r.health === 'err')
        ? rules
        : undefined;
    });
    // eslint-disable-next-line no-console
    console.info(
      `Prometheus scraped and evaluated within ${Date.now() - started}ms`,
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
    await metrics?.close();
  });

  it('lists every rule of every group, flattened', async () => {
    const rules = await client.rules();

    expect(rules.map(r => [r.group, r.name, r.type])).toEqual([
      ['payments-api', 'PaymentsApiErrors', 'alerting'],
      ['payments-api', 'PaymentsApiDown', 'alerting'],
      ['payments-api', 'PaymentsApiSlow', 'alerting'],
      ['recordings', 'service:http_requests:sum', 'recording'],
      ['recordings', 'clashing', 'recording'],
    ]);
    expect(rules[0]).toEqual({
      group: 'payments-api',
      file: expect.stringMatching(/rules\.yml$/),
      name: 'PaymentsApiErrors',
      type: 'alerting',
      query: 'vector(1) > 0',
      labels: { service: 'payments-api', severity: 'warning' },
      annotations: { summary: 'Payments API answers errors' },
      health: 'ok',
      state: 'firing',
      alerts: [
        {
          name: 'PaymentsApiErrors',
          labels: {
            alertname: 'PaymentsApiErrors',
            service: 'payments-api',
            severity: 'warning',
          },
          annotations: { summary: 'Payments API answers errors' },
          state: 'firing',
          activeAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          value: '1e+00',
        },
      ],
    });
    expect(rules[1]).toMatchObject({
      state: 'inactive',
      labels: { service: 'payments-api', severity: 'critical' },
      annotations: {},
      health: 'ok',
      alerts: [],
    });
    expect(rules[2].state).toBe('pending');
    expect(rules[2].alerts?.map(a => a.state)).toEqual(['pending']);
    expect(rules[3]).toEqual({
      group: 'recordings',
      file: expect.stringMatching(/rules\.yml$/),
      name: 'service:http_requests:sum',
      type: 'recording',
      query: 'sum by (service) (http_requests_total)',
      labels: {},
      annotations: {},
      health: 'ok',
    });
    expect(rules[4]).toMatchObject({
      labels: { team: 'payments' },
      health: 'err',
      lastError: expect.stringMatching(/duplicate series/),
    });
    expect(rules[4]).not.toHaveProperty('state');
    expect(rules[4]).not.toHaveProperty('alerts');
  });

  it('lists pending and firing alerts, named by their alertname', async () => {
    const alerts = await client.alerts();
    const byName = Object.fromEntries(alerts.map(a => [a.name, a]));

    expect(Object.keys(byName).sort()).toEqual([
      'PaymentsApiErrors',
      'PaymentsApiSlow',
    ]);
    expect(byName.PaymentsApiErrors).toEqual({
      name: 'PaymentsApiErrors',
      labels: {
        alertname: 'PaymentsApiErrors',
        service: 'payments-api',
        severity: 'warning',
      },
      annotations: { summary: 'Payments API answers errors' },
      state: 'firing',
      activeAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      value: '1e+00',
    });
    expect(byName.PaymentsApiSlow.state).toBe('pending');
  });

  it('lists active targets with their health and labels', async () => {
    const byPool = Object.fromEntries(targets.map(t => [t.scrapePool, t]));

    expect(byPool['payments-api']).toEqual({
      scrapePool: 'payments-api',
      scrapeUrl: `${metrics.url}/metrics`,
      labels: {
        instance: metrics.host,
        job: 'payments-api',
        namespace: 'payments',
      },
      health: 'up',
      lastScrape: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(byPool['payments-ledger']).toMatchObject({
      scrapeUrl: `http://127.0.0.1:${closedPort}/metrics`,
      labels: {
        instance: `127.0.0.1:${closedPort}`,
        job: 'payments-ledger',
      },
      health: 'down',
      lastError: expect.stringMatching(/connection refused/),
    });
    expect(metrics.requests.some(r => r.url === '/metrics')).toBe(true);
  });
});
