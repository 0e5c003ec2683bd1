import { z } from 'zod';

/**
 * A whole number from a query string (or a page cursor, which keeps it as
 * a number), within bounds. Unlike `z.coerce`, which reads `?layer=` as 0,
 * a blank or signed value is refused: a filter left empty must not quietly
 * become layer 0 or the first page.
 */
export function queryInteger(bounds: { min: number; max?: number }) {
  const number = z.number().int().min(bounds.min);
  return z.preprocess(
    value =>
      typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
    bounds.max === undefined ? number : number.max(bounds.max),
  );
}
