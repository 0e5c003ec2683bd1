import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * A count or size from app-config: a whole number of at least 1, or the
 * fallback when unset. Zero or a fraction would stall a queue or a page
 * loop at run time, so the backend refuses them at start.
 */
export function readPositiveInteger(
  config: Config,
  key: string,
  fallback: number,
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `Invalid ${key}: must be a whole number of at least 1, not ${value}`,
    );
  }
  return value;
}
