import { CustomErrorBase } from '@backstage/errors';

/**
 * A registry (or its token endpoint) request that failed: an unexpected
 * status, a timeout, a network error. The message names the method, host
 * and path, never credentials or tokens.
 */
export class RegistryRequestError extends CustomErrorBase {
  name = 'RegistryRequestError' as const;
  /** The HTTP status, when the registry answered at all. */
  readonly status?: number;
  readonly method: string;
  readonly host: string;
  readonly path: string;

  constructor(options: {
    method: string;
    url: URL;
    status?: number;
    reason: string;
    /** The query of a token request may name the account, so it can be left out. */
    includeQuery?: boolean;
    cause?: unknown;
  }) {
    const path = `${options.url.pathname}${
      options.includeQuery === false ? '' : options.url.search
    }`;
    super(
      `${options.method} ${options.url.host}${path} ${
        options.status === undefined ? 'failed' : `answered ${options.status}`
      }: ${options.reason}`,
      options.cause,
    );
    this.status = options.status;
    this.method = options.method;
    this.host = options.url.host;
    this.path = path;
  }
}

/** The first `{errors: [{code, message}]}` entry of a registry error body. */
export function registryErrorReason(body: Buffer, statusText: string): string {
  try {
    const parsed = JSON.parse(body.toString()) as {
      errors?: Array<{ code?: unknown; message?: unknown }>;
    };
    const first = parsed.errors?.[0];
    if (first && (first.code || first.message)) {
      return [first.code, first.message]
        .filter(part => typeof part === 'string' && part)
        .join(' ')
        .slice(0, 200);
    }
  } catch {
    // not a registry error body
  }
  return statusText || 'unexpected status';
}
