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
