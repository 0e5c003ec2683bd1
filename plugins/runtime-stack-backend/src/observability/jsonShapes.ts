/**
 * Narrowing for JSON from servers we do not control: a missing or odd field
 * becomes an empty value instead of a crash deep in a caller.
 */

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const asObject = (value: unknown): JsonObject =>
  isObject(value) ? value : {};

export const asArray = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : [];

export const asString = (value: unknown): string =>
  typeof value === 'string' ? value : '';

/** A string field that is absent, or empty, as `undefined`. */
export const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

export function asStringRecord(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(asObject(value)).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

export const asStringArray = (value: unknown): string[] =>
  asArray(value).filter((item): item is string => typeof item === 'string');

/** Go's zero time, which Prometheus and Grafana report for "never". */
const GO_ZERO_TIME = /^0001-01-01T/;

/** A time field that is absent, empty or Go's zero time, as `undefined`. */
export const optionalTime = (value: unknown): string | undefined => {
  const time = optionalString(value);
  return time && !GO_ZERO_TIME.test(time) ? time : undefined;
};
