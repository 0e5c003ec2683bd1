import { ApiRequestError } from '../http/ApiRequestError';
import { PrometheusClient } from './PrometheusClient';
import {
  json,
  startStubServer,
  type StubHandler,
  type StubServer,
} from '../__testUtils__/stubServer';
import { findFreePort } from './__testUtils__/prometheusProcess';

const servers: StubServer[] = [];
const stub = async (handler: StubHandler) => {
  const server = await startStubServer(handler);
  servers.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => s.close()));
});

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(ApiRequestError);
  return error as ApiRequestError;
}

const RULES = {
  status: 'success',
  data: {
    groups: [
      {
        name: 'payments',
        file: '/etc/prometheus/rules/payments.yml',
        rules: [
          {
            state: 'firing',
            name: 'PaymentsDown',
            query: 'up{job="payments-api"} == 0',
            labels: { severity: 'critical' },
            annotations: { summary: 'down' },
            health: 'ok',
            type: 'alerting',
          },
        ],
      },
    ],
  },
};

describe('PrometheusClient against stubs', () => {
  it('retries a 5xx and then reads the answer', async () => {
    let calls = 0;
    const server = await stub((_request, response) => {
      calls++;
      if (calls === 1) {
        response.writeHead(503).end('Service Unavailable');
        return;
      }
      json(response, 200, RULES);
    });
    const client = new PrometheusClient({ url: server.url, backoffMs: 1 });

    const rules = await client.rules();

    expect(rules).toEqual([
      {
        group: 'payments',
        file: '/etc/prometheus/rules/payments.yml',
        name: 'PaymentsDown',
        type: 'alerting',
        query: 'up{job="payments-api"} == 0',
        labels: { severity: 'critical' },
        annotations: { summary: 'down' },
        health: 'ok',
        state: 'firing',
      },
    ]);
    expect(server.requests.map(r => r.url)).toEqual([
      '/api/v1/rules',
      '/api/v1/rules',
    ]);
  });

  it('waits as a 429 Retry-After says', async () => {
    let calls = 0;
    const server = await stub((_request, response) => {
      calls++;
      if (calls === 1) {
        json(response, 429, {}, { 'retry-after': '0' });
        return;
      }
      json(response, 200, { status: 'success', data: { alerts: [] } });
    });
    const client = new PrometheusClient({ url: server.url, backoffMs: 60_000 });

    expect(await client.alerts()).toEqual([]);
    expect(calls).toBe(2);
  });

  it('gives up after maxAttempts and names method, host and path', async () => {
    const server = await stub((_request, response) =>
      response.writeHead(502).end('Bad Gateway from the proxy'),
    );
    const client = new PrometheusClient({
      url: server.url,
      maxAttempts: 2,
      backoffMs: 1,
    });

    const error = await failure(client.targets());

    expect(error.message).toBe(
      `Prometheus GET ${server.host}/api/v1/targets?state=active answered 502: Bad Gateway from the proxy`,
    );
    expect(error.status).toBe(502);
    expect(server.requests).toHaveLength(2);
  });

  it('times out a server that does not answer, without retrying', async () => {
    const server = await stub(() => {
      // never answers
    });
    const client = new PrometheusClient({
      url: server.url,
      requestTimeoutMs: 100,
    });

    const error = await failure(client.rules());

    expect(error.message).toBe(
      `Prometheus GET ${server.host}/api/v1/rules failed: no answer within 100ms`,
    );
    expect(error.status).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it('reports a Prometheus error body with its errorType', async () => {
    const server = await stub((_request, response) =>
      json(response, 422, {
        status: 'error',
        errorType: 'execution',
        error: 'query processing would load too many samples into memory',
      }),
    );
    const client = new PrometheusClient({ url: server.url });

    const error = await failure(client.rules());

    expect(error.message).toBe(
      `Prometheus GET ${server.host}/api/v1/rules answered 422: execution: query processing would load too many samples into memory`,
    );
    // A 4xx is the request's fault: asking again will not help.
    expect(server.requests).toHaveLength(1);
  });

  it('reports an error body that comes with a 200', async () => {
    const server = await stub((_request, response) =>
      json(response, 200, {
        status: 'error',
        errorType: 'bad_data',
        error: 'unknown state',
      }),
    );
    const error = await failure(
      new PrometheusClient({ url: server.url }).targets(),
    );
    expect(error.message).toMatch(/answered 200: bad_data: unknown state$/);
  });

  it('says so when the answer is not the Prometheus API', async () => {
    const server = await stub((request, response) => {
      if (request.url === '/api/v1/rules') {
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html>Sign in</html>');
      } else if (request.url === '/api/v1/alerts') {
        json(response, 200, { hello: 'world' });
      } else {
        json(response, 200, { status: 'success', data: {} });
      }
    });
    const client = new PrometheusClient({ url: server.url });

    expect((await failure(client.rules())).message).toMatch(
      /answered 200: expected JSON, got '<html>Sign in<\/html>'$/,
    );
    expect((await failure(client.alerts())).message).toMatch(
      /is this a Prometheus API\?$/,
    );
    expect((await failure(client.targets())).message).toMatch(
      /expected data.activeTargets to be a list$/,
    );
  });

  it('names the error code of a refused connection', async () => {
    const port = await findFreePort();
    const error = await failure(
      new PrometheusClient({ url: `http://127.0.0.1:${port}` }).alerts(),
    );
    expect(error.message).toBe(
      `Prometheus GET 127.0.0.1:${port}/api/v1/alerts failed: ECONNREFUSED`,
    );
  });

  it('keeps a path prefix and sends headers, never naming them in errors', async () => {
    const server = await stub((_request, response) =>
      json(response, 401, { message: 'no org id' }),
    );
    const client = new PrometheusClient({
      url: `${server.url}/prometheus`,
      headers: { 'X-Scope-OrgID': 'tenant-1', Authorization: 'Bearer s3cret' },
      maxAttempts: 1,
    });

    const error = await failure(client.rules());

    expect(server.requests[0].url).toBe('/prometheus/api/v1/rules');
    expect(server.requests[0].headers['x-scope-orgid']).toBe('tenant-1');
    expect(server.requests[0].headers.authorization).toBe('Bearer s3cret');
    expect(error.message).toBe(
      `Prometheus GET ${server.host}/prometheus/api/v1/rules answered 401: no org id`,
    );
    expect(error.message).not.toMatch(/s3cret|tenant-1/);
  });

  it('turns credentials in the URL into Basic auth, out of messages', async () => {
    const server = await stub((_request, response) =>
      response.writeHead(500).end(),
    );
    const client = new PrometheusClient({
      url: `http://reader:p%40ss@${server.host}/`,
      maxAttempts: 1,
    });

    const error = await failure(client.rules());

    expect(server.requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from('reader:p@ss').toString('base64')}`,
    );
    expect(error.message).toBe(
      `Prometheus GET ${server.host}/api/v1/rules answered 500: Internal Server Error`,
    );
  });

  it('refuses a URL it cannot use, without repeating it', () => {
    expect(() => new PrometheusClient({ url: 'prometheus:9090' })).toThrow(
      'Invalid Prometheus URL: expected http(s)://host, got the scheme prometheus:',
    );
    expect(() => new PrometheusClient({ url: 'http://user:secret@' })).toThrow(
      'Invalid Prometheus URL: expected http(s)://host',
    );
  });

  it('maps odd fields leniently', async () => {
    const server = await stub((request, response) => {
      if (request.url?.startsWith('/api/v1/targets')) {
        json(response, 200, {
          status: 'success',
          data: {
            activeTargets: [
              {
                scrapePool: 'new',
                scrapeUrl: 'http://10.0.0.1:8080/metrics',
                labels: { job: 'new', weird: 42 },
                health: 'unknown',
                lastError: '',
                // Go's zero time: never scraped yet
                lastScrape: '0001-01-01T00:00:00Z',
              },
            ],
          },
        });
      } else {
        json(response, 200, {
          status: 'success',
          data: {
            alerts: [
              { labels: { alertname: 'A' }, state: 'firing' },
              { labels: { alertname: 'B' }, state: 'inactive' },
              'not an alert',
            ],
          },
        });
      }
    });
    const client = new PrometheusClient({ url: server.url });

    expect(await client.targets()).toEqual([
      {
        scrapePool: 'new',
        scrapeUrl: 'http://10.0.0.1:8080/metrics',
        labels: { job: 'new' },
        health: 'unknown',
      },
    ]);
    expect(await client.alerts()).toEqual([
      {
        name: 'A',
        labels: { alertname: 'A' },
        annotations: {},
        state: 'firing',
      },
    ]);
  });
});
