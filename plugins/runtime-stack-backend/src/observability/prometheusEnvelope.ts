import {
  asObject,
  asString,
  optionalString,
  type JsonObject,
} from './jsonShapes';
import type { JsonResponse, JsonTransport } from '../http/JsonTransport';

/**
 * The `data` of Prometheus' `{status, data}` envelope, which Grafana's
 * Prometheus-compatible alerting API uses too. Errors come as
 * `{status: 'error', errorType, error}` with a 4xx/5xx status; the
 * errorType (`bad_data`, `execution`, `unavailable`, ...) says whose fault.
 */
export function envelopeData(
  transport: JsonTransport,
  response: JsonResponse,
): JsonObject {
  const url = response.url;
  const body = asObject(response.json);
  const ok = response.status >= 200 && response.status < 300;
  if (ok && body.status === 'success') return asObject(body.data);
  if (body.status === 'error') {
    const errorType = optionalString(body.errorType);
    const error = asString(body.error) || 'no error message';
    throw transport.error(
      url,
      errorType ? `${errorType}: ${error}` : error,
      response.status,
    );
  }
  if (ok) {
    throw transport.error(
      url,
      response.json === undefined
        ? `expected JSON, got '${response.text.slice(0, 80)}'`
        : 'expected a {status, data} body: is this a Prometheus API?',
      response.status,
    );
  }
  throw transport.error(url, transport.describe(response), response.status);
}

/** A list field of an envelope's `data`; anything else is an error. */
export function envelopeList(
  transport: JsonTransport,
  url: URL,
  data: JsonObject,
  name: string,
): unknown[] {
  const value = data[name];
  if (!Array.isArray(value)) {
    throw transport.error(url, `expected data.${name} to be a list`, 200);
  }
  return value;
}
