import { formatAge } from './formatAge';

/**
 * How long ago an ISO timestamp was, as `formatAge` says it; undefined when
 * the timestamp does not parse, so callers leave the age out rather than
 * print "NaN days".
 */
export function formatAgeSince(
  isoDate: string,
  now: number = Date.now(),
): string | undefined {
  const at = Date.parse(isoDate);
  if (Number.isNaN(at)) return undefined;
  return formatAge((now - at) / 1000);
}
