import type { CacheService } from '@backstage/backend-plugin-api';
import { ClusterDirectory } from '../clusters/ClusterDirectory';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import type { EntityObservability } from '@internal/backstage-plugin-runtime-stack-common';
import {
  startFakeKubeApiServer,
  type FakeKubeApiServer,
} from '@internal/fake-kube-apiserver';
import { startFakeGrafana, type FakeGrafana } from '@internal/fake-grafana';
import { ClusterCollectionService } from '../clusters/ClusterCollectionService';
import { readCollectionSettings } from '../clusters/clusterConfig';
import { ClusterSnapshotStore } from '../clusters/ClusterSnapshotStore';
import { ClusterStateService } from '../clusters/ClusterStateService';
import { migrateToLatest } from '../database/migrations';
import { readObservabilitySettings } from './observabilityConfig';
import { ObservabilityService } from './ObservabilityService';
import { startStubServer, type StubServer } from '../__testUtils__/stubServer';
import {
  findFreePort,
  prometheusBinary,
  startPrometheus,
  waitFor,
  type RunningPrometheus,
} from './__testUtils__/prometheusProcess';
import { realServerAvailable } from '../__testUtils__/realServers';

jest.setTimeout(90_000);

const describeWithPrometheus = realServerAvailable(
  prometheusBinary() !== undefined,
  'the observability service tests',
  'prometheus',
)
  ? describe
  : describe.skip;

/** A CacheService in memory that honours nothing but get and set. */
function memoryCache(): CacheService {
  const entries = new Map<string, any>();
  const cache: CacheService = {
    get: async key => entries.get(key),
    set: async (key, value) => {
      entries.set(key, value);
    },
    delete: async key => {
      entries.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': 'payments-api',
      'grafana/dashboard-selector': "tags @> 'payments'",
      'grafana/overview-dashboard':
        'https://grafana.example.com/d/pay/overview',
    },
    links: [
      {
        url: 'https://status.example.com/payments',
        title: 'Status page',
        type: 'status',
      },
    ],
  },
  spec: { type: 'service', owner: 'payments-team', lifecycle: 'production' },
};

/** The entity with these annotations added or replaced. */
const annotated = (
  base: Entity,
  annotations: Record<string, string>,
): Entity => ({
  ...base,
  metadata: {
    ...base.metadata,
    annotations: { ...base.metadata.annotations, ...annotations },
  },
});

/** The entity with a `grafana/alert-label-selector` annotation. */
const withAlertSelector = (selector: string): Entity =>
  annotated(entity, { 'grafana/alert-label-selector': selector });

type ServiceOptions = ConstructorParameters<typeof ObservabilityService>[0];

describeWithPrometheus('ObservabilityService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let metrics: StubServer;
  let prometheus: RunningPrometheus;
  let grafana: FakeGrafana;
  let cluster: FakeKubeApiServer;
  let clusterState: ClusterStateService;
  let closedPort: number;

  const service = (
    extra: object = {},
    {
      cache = memoryCache(),
      logger = mockServices.logger.mock(),
    }: Partial<ServiceOptions> = {},
  ) =>
    new ObservabilityService({
      settings: readObservabilitySettings(
        new ConfigReader({
          runtimeStack: {
            observability: {
              prometheus: [
                {
                  name: 'prom-eu',
                  url: prometheus.url,
                  clusters: ['prod-eu-1'],
                },
              ],
              grafana: { url: grafana.url, token: grafana.token },
              links: [
                {
                  title: 'Logs',
                  type: 'logs',
                  url: 'https://logs.example.com/?c=${cluster}&ns=${namespace}&app=${service}',
                },
              ],
              ...extra,
            },
          },
        }),
      ),
      clusterState,
      cache,
      logger,
    });

  beforeAll(async () => {
    metrics = await startStubServer((_request, response) => {
      response
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
        .end('up_requests_total 1\n');
    });
    prometheus = await startPrometheus({
      scrapeTargets: [
        {
          job: 'payments-api',
          targets: [metrics.host],
          // A value with '=' in it, as label selectors copied into labels have.
          labels: { namespace: 'payments', selector: 'app=payments-api' },
        },
        {
          job: 'checkout-web',
          targets: [metrics.host],
          labels: { namespace: 'checkout' },
        },
      ],
      rules: [
        {
          name: 'services',
          rules: [
            {
              alert: 'PaymentsApiErrors',
              expr: 'vector(1) > 0',
              labels: {
                service: 'payments-api',
                namespace: 'payments',
                severity: 'warning',
              },
              annotations: { summary: 'errors' },
            },
            {
              alert: 'CheckoutSlow',
              expr: 'vector(1) > 0',
              labels: { service: 'checkout-web', severity: 'warning' },
            },
            { alert: 'PaymentsApiDown', expr: 'up{job="payments-api"} == 0' },
            {
              record: 'job:up:sum',
              expr: 'sum by (job) (up{service="payments-api"})',
            },
          ],
        },
      ],
    });
    grafana = await startFakeGrafana({
      dashboards: [
        {
          uid: 'pay-api',
          title: 'Payments API',
          tags: ['payments', 'kubernetes'],
          folderTitle: 'Payments',
        },
        { uid: 'checkout', title: 'Checkout', tags: ['checkout'] },
      ],
      alertRules: [
        {
          uid: 'pay-latency',
          title: 'Payments API latency',
          folderTitle: 'Payments',
          labels: { service: 'payments-api' },
          annotations: { summary: 'p99 above 1 s' },
          instances: [{ state: 'Alerting' }, { state: 'Normal' }],
        },
        {
          uid: 'checkout-slo',
          title: 'Checkout SLO',
          folderTitle: 'Checkout',
          labels: { service: 'checkout-web' },
        },
      ],
    });
    cluster = await startFakeKubeApiServer({
      objects: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'payments' } },
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: 'payments-api-1',
            namespace: 'payments',
            labels: { 'backstage.io/kubernetes-id': 'payments-api' },
          },
          spec: {
            containers: [
              {
                name: 'app',
                image: 'registry.example.com/payments/payments-api:1.0.0',
              },
            ],
          },
        },
      ],
    });
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    const store = new ClusterSnapshotStore(knex);
    const clusters = [
      {
        name: 'prod-eu-1',
        url: cluster.url,
        serviceAccountToken: cluster.token,
        skipTLSVerify: false,
      },
    ];
    await new ClusterCollectionService({
      clusters: new ClusterDirectory(clusters),
      settings: readCollectionSettings(
        new ConfigReader({ runtimeStack: { clusters: { watch: false } } }),
      ),
      store,
      logger: mockServices.logger.mock(),
      detectPlatform: () => [],
    }).run(clusters[0], new AbortController().signal);
    clusterState = new ClusterStateService({
      clusters: new ClusterDirectory(clusters),
      store,
      staleAfterMs: 60_000,
      detectServiceTools: () => [],
    });
    // Wait until Prometheus has evaluated the rules and scraped the targets.
    await waitFor('alerts and targets', async () => {
      const [alerts, targets] = await Promise.all([
        fetch(`${prometheus.url}/api/v1/alerts`).then(r => r.json()),
        fetch(`${prometheus.url}/api/v1/targets`).then(r => r.json()),
      ]);
      return alerts.data.alerts.length >= 2 &&
        targets.data.activeTargets.every((t: any) => t.health === 'up') &&
        targets.data.activeTargets.length === 2
        ? true
        : undefined;
    });
    // Only once every server here listens: asked before, the free port
    // could be the very one Prometheus then took, and "gone" would answer.
    closedPort = await findFreePort();
  });

  afterAll(async () => {
    await prometheus?.stop();
    await metrics?.close();
    await grafana?.close();
    await cluster?.close();
  });

  it('finds the service’s alerts, rules and targets by its labels, in its namespaces only', async () => {
    const result = await service().entityObservability(entity);
    expect(result.errors).toEqual([]);
    expect(result.alerts.map(a => a.name)).toEqual(['PaymentsApiErrors']);
    expect(result.alerts[0]).toMatchObject({
      source: 'prom-eu',
      state: 'firing',
      annotations: { summary: 'errors' },
    });
    // The alert on its job in the query, and the recording rule naming it.
    expect(result.rules.map(r => r.name).sort()).toEqual([
      'PaymentsApiDown',
      'PaymentsApiErrors',
      'job:up:sum',
    ]);
    expect(result.evidence).toEqual(
      expect.arrayContaining([
        {
          capability: 'metrics',
          status: 'evidenced',
          summary: '1 of 1 target healthy',
          counts: { targets: 1, healthyTargets: 1 },
        },
        {
          capability: 'alerting',
          status: 'evidenced',
          summary: '2 alert rules, 1 firing',
          tools: ['alertmanager'],
          counts: { alertRules: 2, grafanaRules: 0, firing: 1 },
        },
        {
          capability: 'visualization',
          status: 'evidenced',
          summary: '2 dashboards',
          counts: { dashboards: 2 },
        },
        {
          capability: 'logging',
          status: 'linked',
          summary: '1 link',
          counts: { links: 1 },
        },
        {
          capability: 'tracing',
          status: 'none',
          summary: 'no links',
          counts: { links: 0 },
        },
      ]),
    );
    expect(result.targets).toEqual([
      expect.objectContaining({
        source: 'prom-eu',
        scrapePool: 'payments-api',
        health: 'up',
        labels: expect.objectContaining({ namespace: 'payments' }),
      }),
    ]);
  });

  it('finds dashboards by the selector, with absolute URLs, and makes links per cluster and namespace', async () => {
    const result = await service().entityObservability(entity);
    expect(result.dashboards).toEqual([
      {
        title: 'Payments API',
        url: expect.stringMatching(new RegExp(`^${grafana.url}/d/pay-api/`)),
        tags: ['payments', 'kubernetes'],
        folderTitle: 'Payments',
      },
    ]);
    expect(result.overviewDashboard).toBe(
      'https://grafana.example.com/d/pay/overview',
    );
    expect(result.links).toEqual([
      {
        title: 'Logs',
        type: 'logs',
        url: 'https://logs.example.com/?c=prod-eu-1&ns=payments&app=payments-api',
        cluster: 'prod-eu-1',
        namespace: 'payments',
      },
      {
        title: 'Status page',
        type: 'status',
        url: 'https://status.example.com/payments',
      },
    ]);
  });

  it('finds Grafana-managed alert rules by grafana/alert-label-selector, as alerting evidence', async () => {
    const result = await service().entityObservability(
      withAlertSelector('service=payments-api'),
    );
    expect(result.errors).toEqual([]);
    expect(result.matchedBy.grafanaAlertSelectors).toEqual([
      'service=payments-api',
    ]);
    expect(result.grafanaAlerts).toEqual([
      {
        uid: 'pay-latency',
        title: 'Payments API latency',
        folderTitle: 'Payments',
        url: `${grafana.url}/alerting/grafana/pay-latency/view`,
        state: 'alerting',
        instances: 2,
        firing: 1,
        labels: { service: 'payments-api' },
        summary: 'p99 above 1 s',
        matchedSelector: 'service=payments-api',
      },
    ]);
    expect(result.evidence).toContainEqual({
      capability: 'alerting',
      status: 'evidenced',
      summary: '3 alert rules (1 in Grafana), 2 firing',
      tools: ['alertmanager', 'grafana-alerting'],
      counts: { alertRules: 3, grafanaRules: 1, firing: 2 },
    });
  });

  it('reports a bad alert label selector and still answers the rest', async () => {
    const result = await service().entityObservability(
      withAlertSelector('payments-api'),
    );
    expect(result.errors).toEqual([
      {
        source: 'grafana',
        message:
          "Invalid grafana/alert-label-selector 'payments-api': 'payments-api' is not key=value",
      },
    ]);
    expect(result.grafanaAlerts).toEqual([]);
    expect(result.dashboards).toHaveLength(1);
    expect(result.alerts.map(a => a.name)).toEqual(['PaymentsApiErrors']);
  });

  it('reports a malformed prometheus.io/labels annotation and still answers the rest', async () => {
    const result = await service().entityObservability(
      annotated(entity, {
        'prometheus.io/labels': 'team',
        'prometheus.io/alert': 'PaymentsApiErrors',
        'grafana/alert-label-selector': 'service=payments-api',
      }),
    );
    expect(result.errors).toEqual([
      {
        source: 'prometheus',
        message:
          "Invalid prometheus.io/labels annotation 'team': 'team' is not key=value",
      },
    ]);
    // Nothing by labels, not even by the usual ones the annotation overrides.
    expect(result.matchedBy.labels).toEqual({});
    expect(result.targets).toEqual([]);
    // What does not depend on the labels is all there.
    expect(result.alerts.map(a => a.name)).toEqual(['PaymentsApiErrors']);
    expect(result.grafanaAlerts.map(a => a.uid)).toEqual(['pay-latency']);
    expect(result.dashboards).toHaveLength(1);
    expect(result.links.map(l => l.title)).toEqual(['Logs', 'Status page']);
    expect(result.prometheusRead).toBe(1);
    expect(result.evidence).toContainEqual(
      expect.objectContaining({ capability: 'alerting', status: 'evidenced' }),
    );
  });

  it('matches by prometheus.io/labels whose values hold an =', async () => {
    const result = await service().entityObservability(
      annotated(entity, {
        'prometheus.io/labels': 'job=payments-api, selector = app=payments-api',
      }),
    );
    expect(result.errors).toEqual([]);
    expect(result.matchedBy.labels).toEqual({
      job: 'payments-api',
      selector: 'app=payments-api',
    });
    expect(result.targets.map(t => t.scrapePool)).toEqual(['payments-api']);
  });

  it('reuses answers within the cache time: page views do not multiply requests', async () => {
    const observability = service();
    await observability.entityObservability(entity);
    const searches = grafana.requests.length;
    await observability.entityObservability(entity);
    expect(grafana.requests.length).toBe(searches);
  });

  it('asks each source once for views that come at the same time', async () => {
    const before = grafana.requests.length;
    await service().entityObservability(entity);
    const perView = grafana.requests.length - before;
    expect(perView).toBeGreaterThan(0);

    const concurrent = service();
    const start = grafana.requests.length;
    await Promise.all(
      Array.from({ length: 4 }, () => concurrent.entityObservability(entity)),
    );
    expect(grafana.requests.length - start).toBe(perView);
  });

  it('reports a source that cannot be read, and still answers from the others', async () => {
    const result = await service({
      prometheus: [
        { name: 'prom-eu', url: prometheus.url },
        { name: 'prom-gone', url: `http://127.0.0.1:${closedPort}` },
      ],
    }).entityObservability(entity);
    expect(result.errors).toEqual([
      {
        source: 'prom-gone',
        message: expect.stringContaining(`127.0.0.1:${closedPort}`),
      },
    ]);
    expect(result.alerts.map(a => a.name)).toEqual(['PaymentsApiErrors']);
    expect(result.dashboards).toHaveLength(1);
  });

  it('names the rules and alerts the annotations give that Prometheus does not have', async () => {
    const named = annotated(entity, {
      // A recording rule's name has a colon; a plain name may be a metric,
      // and a query is neither.
      'prometheus.io/rule':
        'PaymentsApiDown,payments_api:latency:p99|instance,node_memory_active_bytes|instance,sum by (instance) (node_cpu_seconds_total)',
      'prometheus.io/alert': 'PaymentsApiErrors,PaymentsApiSaturated',
    });
    const result = await service().entityObservability(named);
    expect(result.matchedBy.ruleNames).toEqual([
      'PaymentsApiDown',
      'payments_api:latency:p99',
      'node_memory_active_bytes',
    ]);
    expect(result.matchedBy.namesNotFound).toEqual([
      'PaymentsApiSaturated',
      'payments_api:latency:p99',
    ]);
    // All found: nothing to report.
    const found = await service().entityObservability(
      annotated(named, {
        'prometheus.io/rule': 'job:up:sum',
        'prometheus.io/alert': 'PaymentsApiErrors',
      }),
    );
    expect(found.matchedBy).not.toHaveProperty('namesNotFound');
    expect(found.prometheusRead).toBe(1);
    // No Prometheus read: nothing is known to be missing.
    const unread = await service({
      prometheus: [
        { name: 'prom-gone', url: `http://127.0.0.1:${closedPort}` },
      ],
    }).entityObservability(named);
    expect(unread.errors).toHaveLength(1);
    expect(unread.matchedBy).not.toHaveProperty('namesNotFound');
    // Said so, for the frontend's own advice about named rules.
    expect(unread.prometheusRead).toBe(0);
  });

  it('links each query of prometheus.io/rule to its graph in Prometheus, without the API’s credentials', async () => {
    const graphed = annotated(entity, {
      'prometheus.io/rule':
        'payments_api:latency:p99|instance,sum by (code) (rate(http_requests_total[5m]))',
    });
    const apiUrl = new URL(prometheus.url);
    apiUrl.username = 'reader';
    apiUrl.password = 's3cret';
    const sources = {
      prometheus: [
        { name: 'prom-eu', url: prometheus.url, clusters: ['prod-eu-1'] },
        {
          name: 'prom-global',
          url: apiUrl.toString(),
          publicUrl: 'https://prometheus.example.com/global/',
        },
        // Not on the service's clusters: no graph there.
        { name: 'prom-us', url: prometheus.url, clusters: ['prod-us-1'] },
      ],
    };
    const result = await service(sources).entityObservability(graphed);
    const graphs = result.links.filter(l => l.type === 'metrics');
    expect(graphs.map(l => l.title)).toEqual([
      'Graph of payments_api:latency:p99 (prom-eu)',
      'Graph of sum by (code) (rate(http_requests_total[5m])) (prom-eu)',
      'Graph of payments_api:latency:p99 (prom-global)',
      'Graph of sum by (code) (rate(http_requests_total[5m])) (prom-global)',
    ]);
    expect(graphs[0].url).toBe(
      `${prometheus.url}/graph?g0.expr=payments_api%3Alatency%3Ap99&g0.tab=0`,
    );
    const query = new URL(graphs[3].url);
    expect(`${query.origin}${query.pathname}`).toBe(
      'https://prometheus.example.com/global/graph',
    );
    expect(query.searchParams.get('g0.expr')).toBe(
      'sum by (code) (rate(http_requests_total[5m]))',
    );
    // The API's credentials never reach a link.
    expect(result.links.every(l => !l.url.includes('s3cret'))).toBe(true);
    // A graph is no evidence: metrics still come from the targets alone.
    const metricsOf = (r: typeof result) =>
      r.evidence.find(e => e.capability === 'metrics');
    expect(metricsOf(result)).toEqual(
      metricsOf(await service(sources).entityObservability(entity)),
    );
    const withoutPublicUrl = await service({
      prometheus: [{ name: 'prom-global', url: apiUrl.toString() }],
    }).entityObservability(graphed);
    const [first] = withoutPublicUrl.links.filter(l => l.type === 'metrics');
    expect(first.url).toBe(
      `${prometheus.url}/graph?g0.expr=payments_api%3Alatency%3Ap99&g0.tab=0`,
    );
  });

  it('answers from the sources when the cache cannot be written, and says so without its credentials', async () => {
    const logger = mockServices.logger.mock();
    const refused = () =>
      Promise.reject(
        new Error('Connection to redis://cache:s3cret@10.0.0.9:6379 refused'),
      );
    const unwritable: CacheService = {
      ...memoryCache(),
      set: refused,
    };
    const result = await service(
      {},
      { cache: unwritable, logger },
    ).entityObservability(entity);
    expect(result.errors).toEqual([]);
    expect(result.alerts.map(a => a.name)).toEqual(['PaymentsApiErrors']);
    expect(result.dashboards).toHaveLength(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not write the observability cache entry prometheus:prom-eu: Connection to redis://***@10.0.0.9:6379 refused',
    );
    expect(JSON.stringify(logger.warn.mock.calls)).not.toContain('s3cret');

    // Nor read: the sources answer all the same.
    const unreadable = await service(
      {},
      { cache: { ...unwritable, get: refused }, logger },
    ).entityObservability(entity);
    expect(unreadable.errors).toEqual([]);
    expect(unreadable.alerts.map(a => a.name)).toEqual(['PaymentsApiErrors']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not read the observability cache entry prometheus:prom-eu: /,
      ),
    );
  });

  it('skips a Prometheus bound to clusters the service does not run on', async () => {
    const result = await service({
      prometheus: [
        { name: 'prom-us', url: prometheus.url, clusters: ['prod-us-1'] },
      ],
    }).entityObservability(entity);
    expect(result.alerts).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  describe('with rules that name no service', () => {
    let generic: RunningPrometheus;
    let withoutRuleAlerts: StubServer;

    beforeAll(async () => {
      // Alerting rules as most setups write them: one expression for every
      // service, the service named only by the series that fire.
      const firingFor = (...services: string[]) =>
        services
          .map(name => `label_replace(vector(1), "service", "${name}", "", "")`)
          .join(' or ');
      generic = await startPrometheus({
        rules: [
          {
            name: 'slo',
            rules: [
              {
                alert: 'HighErrorRate',
                expr: `(${firingFor('payments-api', 'checkout-web')}) > 0`,
                labels: { severity: 'page' },
              },
              {
                alert: 'HighLatency',
                expr: `(${firingFor('checkout-web')}) > 0`,
                labels: { severity: 'page' },
              },
              {
                alert: 'ErrorBudgetBurn',
                expr: 'rate(http_errors_total[5m]) > 1',
                labels: { severity: 'page' },
              },
            ],
          },
          {
            // Another team's rule of the same name.
            name: 'checkout',
            rules: [
              {
                alert: 'HighErrorRate',
                expr: `(${firingFor('checkout-web')}) > 0`,
                labels: { severity: 'ticket' },
              },
            ],
          },
        ],
      });
      await waitFor('the generic rules firing', async () => {
        const alerts = await fetch(`${generic.url}/api/v1/alerts`).then(r =>
          r.json(),
        );
        return alerts.data.alerts.length >= 4 ? true : undefined;
      });
      // A Prometheus-compatible server whose rules API leaves alerts out.
      withoutRuleAlerts = await startStubServer((request, response) => {
        void (async () => {
          const upstream = await fetch(`${generic.url}${request.url}`);
          const body = await upstream.json();
          if (request.url.startsWith('/api/v1/rules')) {
            for (const group of body.data.groups) {
              for (const rule of group.rules) delete rule.alerts;
            }
          }
          response
            .writeHead(upstream.status, { 'content-type': 'application/json' })
            .end(JSON.stringify(body));
        })();
      });
    });

    afterAll(async () => {
      await generic?.stop();
      await withoutRuleAlerts?.close();
    });

    const alertingOf = (result: EntityObservability) =>
      result.evidence.find(e => e.capability === 'alerting');

    it('counts the rules firing for the service as its alerting, by the labels of their alerts', async () => {
      const result = await service({
        prometheus: [
          { name: 'prom-slo', url: generic.url, clusters: ['prod-eu-1'] },
        ],
      }).entityObservability(entity);
      expect(result.errors).toEqual([]);
      expect(result.alerts.map(a => [a.name, a.labels.service])).toEqual([
        ['HighErrorRate', 'payments-api'],
      ]);
      expect(result.rules).toEqual([
        expect.objectContaining({
          source: 'prom-slo',
          name: 'HighErrorRate',
          type: 'alerting',
          state: 'firing',
          labels: { severity: 'page' },
        }),
      ]);
      expect(alertingOf(result)).toEqual({
        capability: 'alerting',
        status: 'evidenced',
        summary: '1 alert rule, 1 firing',
        tools: ['alertmanager'],
        counts: { alertRules: 1, grafanaRules: 0, firing: 1 },
      });
    });

    it('counts them by the names of the service’s alerts where the server leaves the alerts of rules out', async () => {
      const result = await service({
        prometheus: [
          {
            name: 'prom-slo',
            url: withoutRuleAlerts.url,
            clusters: ['prod-eu-1'],
          },
        ],
      }).entityObservability(entity);
      expect(result.errors).toEqual([]);
      // By name alone, a rule of the same name elsewhere counts too.
      expect(result.rules.map(r => r.labels.severity).sort()).toEqual([
        'page',
        'ticket',
      ]);
      expect(result.rules.every(r => r.name === 'HighErrorRate')).toBe(true);
      expect(alertingOf(result)).toMatchObject({
        status: 'evidenced',
        counts: { alertRules: 2, grafanaRules: 0, firing: 1 },
      });
    });
  });
});
