import { ResponseError } from '@backstage/errors';

/**
 * What went wrong, in the backend's words where it sent some: a
 * ResponseError's own message only names the HTTP status.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.cause?.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The HTTP status of a failed request, when the backend answered. */
export const statusOf = (error: unknown): number | undefined =>
  error instanceof ResponseError ? error.statusCode : undefined;
