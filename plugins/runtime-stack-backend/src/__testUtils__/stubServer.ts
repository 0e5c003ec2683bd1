import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface StubServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `127.0.0.1:PORT` */
  host: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type StubHandler = (
  request: IncomingMessage & { url: string },
  response: ServerResponse,
  server: { url: string; host: string },
) => void;

/**
 * An HTTP server on loopback: a scrape target for the real Prometheus, or a
 * stub for behaviour real servers do not show on demand:
 * pagination links, challenges, redirects, rate limits, 5xx and hangs.
 */
export async function startStubServer(
  handler: StubHandler,
): Promise<StubServer> {
  const requests: RecordedRequest[] = [];
  const address = { url: '', host: '' };
  const server = createServer((request, response) => {
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
    });
    handler(request as IncomingMessage & { url: string }, response, address);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  address.host = `127.0.0.1:${port}`;
  address.url = `http://${address.host}`;
  return {
    ...address,
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
