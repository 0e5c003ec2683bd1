/** Milliseconds a `Retry-After` header (seconds or an HTTP date) asks for. */
export function parseRetryAfter(
  header: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with some jitter, so clients do not retry in step. */
export function backoffDelay(attempt: number, baseMs: number): number {
  const exponential = baseMs * 2 ** (attempt - 1);
  return exponential + Math.random() * exponential * 0.25;
}

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));
