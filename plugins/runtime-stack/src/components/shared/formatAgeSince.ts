import { formatAge } from './formatAge';
import type { RuntimeStackT } from '../../translation';

/**
 * How long ago an ISO timestamp was, as `formatAge` says it; undefined when
 * the timestamp does not parse, so callers leave the age out rather than
 * print "NaN days".
 */
export function formatAgeSince(
  t: RuntimeStackT,
  isoDate: string,
  now: number = Date.now(),
): string | undefined {
  const at = Date.parse(isoDate);
  if (Number.isNaN(at)) return undefined;
  return formatAge(t, (now - at) / 1000);
}
