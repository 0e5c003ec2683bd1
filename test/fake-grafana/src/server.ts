import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  alertInstances,
  checkAlertRules,
  queryBool,
  rulerRules,
} from './alerting';
import { buildCatalog, type Catalog, type StoredDashboard } from './catalog';
import { search, searchParams } from './search';
import type {
  FakeAlertRule,
  FakeDashboard,
  FakeGrafana,
  FakeGrafanaOptions,
  RecordedRequest,
} from './types';

export const DEFAULT_TOKEN = 'fake-grafana-token';
/**
 * The Grafana version the fake answers as: its alerting API is what it
 * imitates (nested folders, recording rules, the Recovering state); search
 * and dashboards answer as Grafana 10.4 did.
 */
export const GRAFANA_VERSION = '12.0.0';

interface Answer {
  status: number;
  body: unknown;
}

const message = (status: number, text: string): Answer => ({
  status,
  body: { message: text },
});

function queryOf(params: URLSearchParams): RecordedRequest['query'] {
  const query: RecordedRequest['query'] = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  return query;
}

/** `GET /api/dashboards/uid/:uid`, with the meta Grafana 10 sends. */
function dashboardJson(dashboard: StoredDashboard, created: string) {
  const folder = dashboard.folder;
  return {
    dashboard: {
      id: dashboard.id,
      uid: dashboard.uid,
      title: dashboard.title,
      tags: [...dashboard.tags],
      timezone: 'browser',
      editable: true,
      schemaVersion: 39,
      version: 1,
      time: { from: 'now-6h', to: 'now' },
      panels: [],
    },
    meta: {
      type: 'db',
      canSave: false,
      canEdit: false,
      canAdmin: false,
      canStar: true,
      canDelete: false,
      slug: dashboard.slug,
      url: dashboard.url,
      expires: '0001-01-01T00:00:00Z',
      created,
      updated: created,
      updatedBy: 'admin',
      createdBy: 'admin',
      version: 1,
      hasAcl: false,
      isFolder: false,
      // Grafana names the root folder "General" here, with id 0 and no uid.
      folderId: folder?.id ?? 0,
      folderUid: folder?.uid ?? '',
      folderTitle: folder?.title ?? 'General',
      folderUrl: folder?.url ?? '',
      provisioned: false,
      provisionedExternalId: '',
    },
  };
}

function authorized(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match !== null && match[1].trim() === token;
}

/**
 * A fake Grafana on loopback: `/api/health`, `/api/search`,
 * `/api/dashboards/uid/:uid` and the two alerting reads of the Grafana
 * plugin (ruler rules, alert instances), behind a bearer token, with
 * failure injection.
 */
export async function startFakeGrafana(
  options: FakeGrafanaOptions = {},
): Promise<FakeGrafana> {
  const token = options.token ?? DEFAULT_TOKEN;
  const created = new Date().toISOString();
  let catalog: Catalog = buildCatalog(options.dashboards ?? []);
  let alertRules: FakeAlertRule[] = [...(options.alertRules ?? [])];
  checkAlertRules(alertRules);
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  const requests: RecordedRequest[] = [];

  const route = (request: IncomingMessage, url: URL): Answer => {
    if (failures.count > 0) {
      failures.count--;
      return message(failures.status, STATUS_CODES[failures.status] ?? 'Error');
    }
    if (url.pathname === '/api/health') {
      return {
        status: 200,
        body: { database: 'ok', version: GRAFANA_VERSION },
      };
    }
    if (!url.pathname.startsWith('/api/')) {
      return message(404, 'Not found');
    }
    if (!authorized(request, token)) return message(401, 'Unauthorized');
    if (request.method !== 'GET') return message(405, 'Method not allowed');
    if (url.pathname === '/api/search') {
      return {
        status: 200,
        body: search(catalog, searchParams(url.searchParams)),
      };
    }
    if (url.pathname === '/api/ruler/grafana/api/v1/rules') {
      return { status: 200, body: rulerRules(alertRules, created) };
    }
    if (url.pathname === '/api/prometheus/grafana/api/v1/alerts') {
      return {
        status: 200,
        body: alertInstances(alertRules, created, {
          includeInternalLabels: queryBool(
            url.searchParams.get('includeInternalLabels'),
          ),
        }),
      };
    }
    const byUid = /^\/api\/dashboards\/uid\/([^/]+)$/.exec(url.pathname);
    if (byUid) {
      const uid = decodeURIComponent(byUid[1]);
      const dashboard = catalog.dashboards.find(d => d.uid === uid);
      return dashboard
        ? { status: 200, body: dashboardJson(dashboard, created) }
        : message(404, 'Dashboard not found');
    }
    return message(404, 'Not found');
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://fake-grafana');
    let answer: Answer;
    try {
      answer = route(request, url);
    } catch (error) {
      answer = message(500, `fake Grafana failed: ${String(error)}`);
    }
    requests.push({
      method: request.method ?? '',
      path: url.pathname,
      query: queryOf(url.searchParams),
      status: answer.status,
    });
    response
      .writeHead(answer.status, {
        'content-type': 'application/json',
        'cache-control': 'no-store',
      })
      .end(JSON.stringify(answer.body));
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    setDashboards(dashboards: FakeDashboard[]) {
      catalog = buildCatalog(dashboards);
    },
    setAlertRules(rules: FakeAlertRule[]) {
      checkAlertRules(rules);
      alertRules = [...rules];
    },
    failNext(count: number, status = 500) {
      failures = { count: Math.max(0, count), status };
    },
    close() {
      closed ??= new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closed;
    },
  };
}
