import { makeStatus, type Status } from './status';

interface PlannedFailure {
  remaining: number;
  code: number;
  pathContains?: string;
}

export interface InjectedFailure {
  code: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * kube-apiserver's throttling (max-in-flight, and priority and fairness)
 * answers with Go's http.Error, plain text, not a Status, and asks for a
 * wait of at least a second.
 */
const THROTTLED: InjectedFailure = {
  code: 429,
  body: 'Too many requests, please try again later.\n',
  headers: {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Retry-After': '1',
  },
};

/** Failures planned by tests with failNext, consumed in the order they were planned. */
export class FailureInjector {
  private readonly planned: PlannedFailure[] = [];

  add(count: number, code: number, pathContains?: string): void {
    if (count > 0) {
      this.planned.push({ remaining: count, code, pathContains });
    }
  }

  /** The failure this request should answer with, if one is planned for its path. */
  take(pathname: string): InjectedFailure | undefined {
    const failure = this.planned.find(
      f => f.pathContains === undefined || pathname.includes(f.pathContains),
    );
    if (!failure) {
      return undefined;
    }
    failure.remaining--;
    if (failure.remaining === 0) {
      this.planned.splice(this.planned.indexOf(failure), 1);
    }
    if (failure.code === 429) return THROTTLED;
    const status = injectedStatus(failure.code);
    return {
      code: status.code,
      body: JSON.stringify(status),
      headers: { 'Content-Type': 'application/json' },
    };
  }
}

/** The Status kube-apiserver sends for these codes. */
function injectedStatus(code: number): Status {
  switch (code) {
    case 500:
      return makeStatus(500, 'Internal error occurred: injected failure');
    case 503:
      return makeStatus(
        503,
        'the server is currently unable to handle the request',
      );
    case 504:
      return makeStatus(
        504,
        'Timeout: request did not complete within the allowed duration',
      );
    default:
      return makeStatus(code, `injected failure (${code})`);
  }
}
