import { z } from 'zod';
import { INTEGER_COLUMN_MAX } from '../database/integerColumn';

/**
 * A whole number from a query string (or a page cursor, which keeps it as
 * a number), within bounds. Unlike `z.coerce`, which reads `?layer=` as 0,
 * a blank or signed value is refused: a filter left empty must not quietly
 * become layer 0 or the first page. Without a `max`, it must fit an integer
 * column, which the number is most likely to be compared with.
 */
export function queryInteger(bounds: { min: number; max?: number }) {
  return z.preprocess(
    value =>
      typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
    z
      .number()
      .int()
      .min(bounds.min)
      .max(bounds.max ?? INTEGER_COLUMN_MAX),
  );
}
