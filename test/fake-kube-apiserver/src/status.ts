/** The metav1.Status object kube-apiserver answers every failure with. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  retryAfterSeconds?: number;
}

const REASON_BY_CODE: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Gone',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export function makeStatus(
  code: number,
  message: string,
  options: { reason?: string; details?: StatusDetails } = {},
): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    // kube-apiserver leaves the reason empty ("Unknown") for codes it has no name for.
    reason: options.reason ?? REASON_BY_CODE[code] ?? '',
    ...(options.details ? { details: options.details } : {}),
    code,
  };
}

/** A failure a handler throws; the server turns it into a Status response. */
export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string) =>
  new ApiError(makeStatus(400, message));

/** The "too old resourceVersion" failure, shared by watches and continue tokens. */
export const expired = (message: string) =>
  new ApiError(makeStatus(410, message, { reason: 'Expired' }));

/** What kube-apiserver answers for a path or resource it does not serve. */
export const unknownResource = () =>
  new ApiError(
    makeStatus(404, 'the server could not find the requested resource'),
  );
