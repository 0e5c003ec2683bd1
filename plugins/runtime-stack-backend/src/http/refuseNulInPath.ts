import { NotFoundError } from '@backstage/errors';
import type { NextFunction, Request, Response } from 'express';

/**
 * Answers 404 to a path with a NUL character (`%00`) before any route reads
 * it: nothing in the database or the catalog is named with one, and
 * PostgreSQL refuses the character in a query (error 22021) instead of
 * finding nothing. Query strings and bodies have `parseInput` refuse it.
 */
export function refuseNulInPath(
  req: Request,
  _res: Response,
  next: NextFunction,
): void {
  // The path as sent, before express decodes the parameters out of it.
  if (/%00/.test(req.path)) {
    throw new NotFoundError(`Nothing is named with a NUL character (%00)`);
  }
  next();
}
