import { CustomErrorBase } from '@backstage/errors';

/**
 * A request to a JSON API (Prometheus, Grafana, GKE) that failed: an unexpected status, an
 * error body, a timeout, a network error or a body that is not what the API
 * promises. The message names the service, method, host and path (with the
 * query, which holds only search terms), never headers or credentials.
 */
export class ApiRequestError extends CustomErrorBase {
  name = 'ApiRequestError' as const;
  readonly service: string;
  /** The HTTP status, when the server answered at all. */
  readonly status?: number;
  readonly method: string;
  readonly host: string;
  readonly path: string;

  constructor(options: {
    service: string;
    method: string;
    url: URL;
    status?: number;
    reason: string;
    cause?: unknown;
  }) {
    const path = `${options.url.pathname}${options.url.search}`;
    super(
      `${options.service} ${options.method} ${options.url.host}${path} ${
        options.status === undefined ? 'failed' : `answered ${options.status}`
      }: ${options.reason}`,
      options.cause,
    );
    this.service = options.service;
    this.status = options.status;
    this.method = options.method;
    this.host = options.url.host;
    this.path = path;
  }
}
