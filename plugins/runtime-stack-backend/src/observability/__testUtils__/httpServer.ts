import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestHttpServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `127.0.0.1:PORT`, as a scrape target names it. */
  host: string;
  /** Request URLs (path and query), in order. */
  requests: Array<{ url: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

export type TestHandler = (
  request: IncomingMessage & { url: string },
  response: ServerResponse,
) => void;

/**
 * An HTTP server on loopback: a scrape target for the real Prometheus, or
 * a stub for what a real server will not do on demand (5xx, hangs).
 */
export async function startHttpServer(
  handler: TestHandler,
): Promise<TestHttpServer> {
  const requests: TestHttpServer['requests'] = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    handler(request as IncomingMessage & { url: string }, response);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  response
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify(body));
