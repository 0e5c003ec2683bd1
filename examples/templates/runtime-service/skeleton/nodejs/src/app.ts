import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { SERVICE_NAME } from './config.js';
import { RequestMetrics } from './metrics.js';

/** Routes by path; anything else is answered 404 and counted as `other`. */
type Handler = (res: ServerResponse) => void;

/**
 * The routes kubelet and Prometheus poll: counting them would swamp the
 * error rate and latency of real traffic with probes (and count every 503 of
 * /readyz while the pod drains as an error).
 */
const UNOBSERVED_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

export interface App {
  server: Server;
  /** Readiness: false while starting and once shutdown has begun. */
  setReady(ready: boolean): void;
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}

export function createApp(): App {
  const metrics = new RequestMetrics();
  let ready = false;

  const routes = new Map<string, Handler>([
    [
      '/',
      res =>
        send(
          res,
          200,
          JSON.stringify({ service: SERVICE_NAME, message: 'Hello' }),
          'application/json',
        ),
    ],
    ['/healthz', res => send(res, 200, 'ok\n')],
    [
      '/readyz',
      res =>
        ready ? send(res, 200, 'ready\n') : send(res, 503, 'not ready\n'),
    ],
    [
      '/metrics',
      res =>
        send(
          res,
          200,
          metrics.render(),
          'text/plain; version=0.0.4; charset=utf-8',
        ),
    ],
  ]);

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler = routes.get(path);
    const route = handler ? path : 'other';
    if (!UNOBSERVED_ROUTES.has(route)) {
      res.on('finish', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        metrics.observe(
          { method: req.method ?? 'GET', route, code: String(res.statusCode) },
          seconds,
        );
      });
    }
    if (!handler) {
      send(res, 404, 'not found\n');
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed\n');
    } else {
      handler(res);
    }
  });

  return {
    server,
    setReady(value: boolean) {
      ready = value;
    },
  };
}
