import { makeStatus, type Status } from './status';

interface PlannedFailure {
  remaining: number;
  code: number;
  pathContains?: string;
}

export interface InjectedFailure {
  status: Status;
  headers: Record<string, string>;
}

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
    return {
      status: injectedStatus(failure.code),
      // Retry-After 0 keeps clients that honour it from slowing the tests down.
      headers: failure.code === 429 ? { 'Retry-After': '0' } : {},
    };
  }
}

/** The Status kube-apiserver (or its priority-and-fairness filter) sends for these codes. */
function injectedStatus(code: number): Status {
  switch (code) {
    case 429:
      return makeStatus(429, 'Too many requests, please try again later.', {
        details: { retryAfterSeconds: 0 },
      });
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
