import {
  RegistryAuthenticator,
  type RegistryAuth,
} from './RegistryAuthenticator';
import { RegistryRequestError } from './RegistryRequestError';
import {
  abortableSleep,
  parseRetryAfter,
  retryWaitMs,
} from '../http/retryDelay';
import { describeNetworkError } from '../http/networkError';

export interface RegistryResponse {
  status: number;
  statusText: string;
  headers: Headers;
  body: Buffer;
  /** Where the response came from, after redirects. */
  url: URL;
}

export interface RegistryRequest {
  method: 'GET' | 'HEAD';
  url: URL;
  headers?: Record<string, string>;
  /** The token scope, e.g. `repository:team/app:pull`. */
  scope?: string;
  /** Without it the request goes out without credentials (a probe). */
  authenticate?: boolean;
}

export interface RegistryTransportOptions {
  auth?: RegistryAuth;
  requestTimeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
  fetch: typeof fetch;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
/** Manifests are capped at 4 MiB by most registries; configs are smaller. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

const isRetryable = (status: number) => status === 429 || status >= 500;

async function readBody(
  response: Response,
  url: URL,
  method: string,
  includeQueryInErrors: boolean,
) {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new RegistryRequestError({
        method,
        url,
        status: response.status,
        reason: `response larger than ${MAX_BODY_BYTES} bytes`,
        includeQuery: includeQueryInErrors,
      });
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * HTTP for one registry: a timeout on every request, retries with backoff
 * on 429/5xx, redirects followed by hand so credentials never leave the
 * registry's origin, and authentication through a RegistryAuthenticator.
 */
export class RegistryTransport {
  private sent = 0;
  readonly authenticator: RegistryAuthenticator;

  constructor(private readonly options: RegistryTransportOptions) {
    this.authenticator = new RegistryAuthenticator(
      options.auth,
      (url, authorization) =>
        this.withRetries(() =>
          this.followingRedirects(
            'GET',
            url,
            authorization ? { authorization } : {},
            false,
          ),
        ),
    );
  }

  /** Every HTTP request sent: redirects, retries and token requests too. */
  get requestCount(): number {
    return this.sent;
  }

  async request(request: RegistryRequest): Promise<RegistryResponse> {
    const authenticate = request.authenticate ?? true;
    let triedAuthentication = false;
    for (;;) {
      const authorization = authenticate
        ? await this.authenticator.authorization(request.scope)
        : undefined;
      const headers = {
        ...request.headers,
        ...(authorization ? { authorization } : {}),
      };
      const response = await this.withRetries(() =>
        this.followingRedirects(request.method, request.url, headers, true),
      );
      if (response.status !== 401 || !authenticate || triedAuthentication) {
        return response;
      }
      triedAuthentication = true;
      const retry = this.authenticator.onUnauthorized(
        response.headers.get('www-authenticate'),
        request.scope,
        authorization,
      );
      if (!retry) return response;
    }
  }

  private async withRetries(
    send: () => Promise<RegistryResponse>,
  ): Promise<RegistryResponse> {
    for (let attempt = 1; ; attempt++) {
      const response = await send();
      if (
        !isRetryable(response.status) ||
        attempt >= this.options.maxAttempts
      ) {
        return response;
      }
      const wait = retryWaitMs(
        parseRetryAfter(response.headers.get('retry-after')),
        attempt,
        this.options.backoffMs,
      );
      if (wait === undefined) return response;
      await abortableSleep(wait);
    }
  }

  private async followingRedirects(
    method: 'GET' | 'HEAD',
    url: URL,
    headers: Record<string, string>,
    includeQueryInErrors: boolean,
  ): Promise<RegistryResponse> {
    let current = url;
    let currentMethod = method;
    let currentHeaders = headers;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const response = await this.exchange(
        currentMethod,
        current,
        currentHeaders,
        // The query of a signed storage URL is a credential.
        includeQueryInErrors && current.origin === url.origin,
      );
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || !location) return response;
      const next = new URL(location, current);
      // Blob storage (S3, a CDN) gets signed URLs, never our credentials.
      if (next.origin !== url.origin) {
        currentHeaders = Object.fromEntries(
          Object.entries(currentHeaders).filter(
            ([name]) => name.toLowerCase() !== 'authorization',
          ),
        );
      }
      if (response.status === 303 && currentMethod !== 'HEAD')
        currentMethod = 'GET';
      current = next;
    }
    throw new RegistryRequestError({
      method,
      url,
      reason: `more than ${MAX_REDIRECTS} redirects`,
      includeQuery: includeQueryInErrors,
    });
  }

  /** One HTTP request and its whole body, within the timeout. */
  private async exchange(
    method: 'GET' | 'HEAD',
    url: URL,
    headers: Record<string, string>,
    includeQueryInErrors: boolean,
  ): Promise<RegistryResponse> {
    this.sent++;
    const timeoutMs = this.options.requestTimeoutMs;
    try {
      const response = await this.options.fetch(url, {
        method,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body:
          method === 'HEAD'
            ? Buffer.alloc(0)
            : await readBody(response, url, method, includeQueryInErrors),
        url,
      };
    } catch (error) {
      if (error instanceof RegistryRequestError) throw error;
      const timedOut = (error as Error)?.name === 'TimeoutError';
      throw new RegistryRequestError({
        method,
        url,
        reason: timedOut
          ? `no answer within ${timeoutMs}ms`
          : describeNetworkError(error),
        includeQuery: includeQueryInErrors,
      });
    }
  }
}
