import { InputError } from '@backstage/errors';
import { abortableSleep, parseRetryAfter, retryWaitMs } from './retryDelay';
import { ApiRequestError } from './ApiRequestError';
import { describeNetworkError } from './networkError';

export interface JsonTransportOptions {
  /** Named in errors: `Prometheus`, `Grafana`. */
  service: string;
  /** The API's base URL; a path prefix (a proxy, a sub path) is kept. */
  url: string;
  /** Sent with every request, e.g. `authorization` or `X-Scope-OrgID`. */
  headers?: Record<string, string>;
  requestTimeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
  fetch: typeof fetch;
}

export interface JsonResponse {
  status: number;
  statusText: string;
  /** The parsed body, or `undefined` when it is not JSON. */
  json: unknown;
  /** The start of the body, to say what came back when it is not JSON. */
  text: string;
  url: URL;
}

export type QueryValue = string | number | string[] | undefined;

/** Rules and targets of a large Prometheus run to tens of MiB. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const SNIPPET_CHARS = 200;

const isRetryable = (status: number) => status === 429 || status >= 500;

/**
 * `https://user:pass@host/` works in a browser but fetch refuses URLs with
 * credentials, so they move into a Basic authorization header (unless the
 * caller set one) and out of every URL that could end up in a message.
 */
function splitCredentials(
  service: string,
  url: string,
  headers: Record<string, string>,
): { baseUrl: URL; headers: Record<string, string> } {
  let baseUrl: URL;
  try {
    baseUrl = new URL(url);
  } catch {
    throw new InputError(`Invalid ${service} URL: expected http(s)://host`);
  }
  if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') {
    throw new InputError(
      `Invalid ${service} URL: expected http(s)://host, got the scheme ${baseUrl.protocol}`,
    );
  }
  const result = { ...headers };
  if (baseUrl.username || baseUrl.password) {
    const hasAuthorization = Object.keys(result).some(
      name => name.toLowerCase() === 'authorization',
    );
    if (!hasAuthorization) {
      const user = decodeURIComponent(baseUrl.username);
      const password = decodeURIComponent(baseUrl.password);
      result.authorization = `Basic ${Buffer.from(
        `${user}:${password}`,
      ).toString('base64')}`;
    }
    baseUrl.username = '';
    baseUrl.password = '';
  }
  // Relative API paths resolve below the prefix only with a trailing slash.
  if (!baseUrl.pathname.endsWith('/')) baseUrl.pathname += '/';
  baseUrl.search = '';
  baseUrl.hash = '';
  return { baseUrl, headers: result };
}

/**
 * GET requests for a JSON API: a timeout on every attempt (body included),
 * retries with backoff on 429/5xx, errors that name the service, host and
 * path. Any other status is handed back for the client to interpret, since
 * a 404 can be an answer (no such dashboard) rather than a failure.
 */
export class JsonTransport {
  readonly baseUrl: URL;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: JsonTransportOptions) {
    const { baseUrl, headers } = splitCredentials(
      options.service,
      options.url,
      options.headers ?? {},
    );
    this.baseUrl = baseUrl;
    this.headers = { accept: 'application/json', ...headers };
  }

  /** `path` is relative to the base URL; repeated values repeat the key. */
  url(path: string, query: Record<string, QueryValue> = {}): URL {
    const url = new URL(path.replace(/^\/+/, ''), this.baseUrl);
    for (const [key, value] of Object.entries(query)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item !== undefined) url.searchParams.append(key, String(item));
      }
    }
    return url;
  }

  error(url: URL, reason: string, status?: number): ApiRequestError {
    return new ApiRequestError({
      service: this.options.service,
      method: 'GET',
      url,
      status,
      reason,
    });
  }

  /** The reason to give for a response that is not the expected answer. */
  describe(response: JsonResponse): string {
    const body = response.json as { message?: unknown; error?: unknown };
    if (typeof body?.message === 'string' && body.message) return body.message;
    if (typeof body?.error === 'string' && body.error) return body.error;
    return response.text.trim() || response.statusText || 'unexpected status';
  }

  async get(url: URL): Promise<JsonResponse> {
    for (let attempt = 1; ; attempt++) {
      const response = await this.exchange(url);
      if (
        !isRetryable(response.status) ||
        attempt >= this.options.maxAttempts
      ) {
        return response;
      }
      const wait = retryWaitMs(
        parseRetryAfter(response.retryAfter),
        attempt,
        this.options.backoffMs,
      );
      if (wait === undefined) return response;
      await abortableSleep(wait);
    }
  }

  private async exchange(
    url: URL,
  ): Promise<JsonResponse & { retryAfter: string | null }> {
    const timeoutMs = this.options.requestTimeoutMs;
    try {
      const response = await this.options.fetch(url, {
        method: 'GET',
        headers: this.headers,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await this.readBody(response, url);
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return {
        status: response.status,
        statusText: response.statusText,
        json,
        text: text.slice(0, SNIPPET_CHARS),
        url,
        retryAfter: response.headers.get('retry-after'),
      };
    } catch (error) {
      if (error instanceof ApiRequestError) throw error;
      const timedOut = (error as Error)?.name === 'TimeoutError';
      // Not passed as the cause: CustomErrorBase would append fetch's
      // vaguer message to the reason given here.
      throw this.error(
        url,
        timedOut
          ? `no answer within ${timeoutMs}ms`
          : describeNetworkError(error),
      );
    }
  }

  private async readBody(response: Response, url: URL): Promise<string> {
    if (!response.body) return '';
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        throw this.error(
          url,
          `response larger than ${MAX_BODY_BYTES} bytes`,
          response.status,
        );
      }
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}
