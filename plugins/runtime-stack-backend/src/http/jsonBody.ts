import { InputError } from '@backstage/errors';
import express, { type RequestHandler } from 'express';

/**
 * `express.json()`, with a body that does not parse refused as any other bad
 * input is: an InputError that names the body, not the parser's bare
 * "Unexpected token … in JSON". Other errors (too large, an unknown charset)
 * keep their own status.
 */
export function jsonBody(): RequestHandler {
  const parse = express.json();
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if ((error as { type?: unknown })?.type === 'entity.parse.failed') {
        next(
          new InputError(
            `Invalid body: expected a JSON object (${
              (error as Error).message
            })`,
          ),
        );
        return;
      }
      next(error);
    });
}
