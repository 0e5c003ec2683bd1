import type { Config } from '@backstage/config';
import { isObject, type JsonObject } from './jsonShapes';
import { InputError } from '@backstage/errors';
import { readPositiveInteger } from '../config/readPositiveInteger';

export interface PrometheusSource {
  /** How the source is named in answers, e.g. `prometheus-eu`. */
  name: string;
  url: string;
  /** The clusters it scrapes; every cluster when absent. */
  clusters?: string[];
  headers?: Record<string, string>;
  /** Where people open its web UI, for links; default `url`. */
  publicUrl?: string;
}

export interface LinkTemplate {
  title: string;
  /** With `${service}`, `${namespace}`, `${cluster}` placeholders. */
  url: string;
  type?: string;
}

export interface GrafanaSettings {
  /** Where its API is called. */
  url: string;
  /** Where people open it, for links; default `url`. */
  publicUrl?: string;
  token?: string;
  /** Sent with every request instead of a token, e.g. a Basic authorization. */
  headers?: Record<string, string>;
}

export interface ObservabilitySettings {
  prometheus: PrometheusSource[];
  grafana?: GrafanaSettings;
  links: LinkTemplate[];
  /** How long answers of Prometheus and Grafana are reused. */
  cacheTtlSeconds: number;
}

const PLACEHOLDER = /\$\{(\w+)\}/g;
const KNOWN_PLACEHOLDERS = new Set(['service', 'namespace', 'cluster']);

function checkUrl(url: string, key: string) {
  if (!/^https?:\/\//.test(url)) {
    throw new InputError(`Invalid ${key} '${url}': expected an http(s) URL`);
  }
}

/**
 * The Grafana plugin's own settings, so a portal that runs it configures
 * nothing twice: the proxy endpoint it calls Grafana through
 * (`grafana.proxyPath`, default `/grafana/api`, in `proxy.endpoints` or the
 * older top-level `proxy` form) with its Authorization header, and
 * `grafana.domain`, where people open Grafana.
 */
function grafanaPluginSettings(config: Config): GrafanaSettings | undefined {
  const proxyPath =
    config.getOptionalString('grafana.proxyPath') ?? '/grafana/api';
  const endpoints = [
    config.getOptional('proxy.endpoints'),
    config.getOptional('proxy'),
  ].find(isObject) as JsonObject | undefined;
  const endpoint = endpoints?.[proxyPath];
  let target: string | undefined;
  if (typeof endpoint === 'string') target = endpoint;
  else if (isObject(endpoint) && typeof endpoint.target === 'string') {
    target = endpoint.target;
  }
  if (!target) return undefined;
  const url = target.replace(/\/+$/, '');
  checkUrl(url, `proxy endpoint ${proxyPath} (the Grafana plugin's)`);
  const headers = isObject(endpoint) ? endpoint.headers : undefined;
  const authorization = isObject(headers)
    ? Object.entries(headers).find(
        ([name, value]) =>
          name.toLowerCase() === 'authorization' && typeof value === 'string',
      )?.[1]
    : undefined;
  const domain = config.getOptionalString('grafana.domain');
  const bearer =
    typeof authorization === 'string'
      ? /^Bearer\s+(.+)$/i.exec(authorization)
      : null;
  return {
    url,
    ...(domain ? { publicUrl: domain.replace(/\/+$/, '') } : {}),
    ...(bearer ? { token: bearer[1].trim() } : {}),
    ...(typeof authorization === 'string' && !bearer
      ? { headers: { authorization } }
      : {}),
  };
}

/** `runtimeStack.observability`: where telemetry of services lives. */
export function readObservabilitySettings(
  config: Config,
): ObservabilitySettings {
  const ours = config.getOptionalConfig('runtimeStack.observability');
  const prometheus = (ours?.getOptionalConfigArray('prometheus') ?? []).map(
    (source, i) => {
      const url = source.getString('url').replace(/\/+$/, '');
      checkUrl(url, `runtimeStack.observability.prometheus[${i}].url`);
      const publicUrl = source.getOptionalString('publicUrl');
      if (publicUrl) {
        checkUrl(
          publicUrl,
          `runtimeStack.observability.prometheus[${i}].publicUrl`,
        );
      }
      const headers = source.getOptionalConfig('headers');
      return {
        name: source.getOptionalString('name') ?? new URL(url).host,
        url,
        ...(publicUrl ? { publicUrl: publicUrl.replace(/\/+$/, '') } : {}),
        clusters: source.getOptionalStringArray('clusters'),
        ...(headers
          ? {
              headers: Object.fromEntries(
                headers.keys().map(k => [k, headers.getString(k)]),
              ),
            }
          : {}),
      };
    },
  );
  const grafanaConfig = ours?.getOptionalConfig('grafana');
  let grafana: GrafanaSettings | undefined;
  if (grafanaConfig) {
    const publicUrl = grafanaConfig.getOptionalString('publicUrl');
    grafana = {
      url: grafanaConfig.getString('url').replace(/\/+$/, ''),
      token: grafanaConfig.getOptionalString('token'),
      ...(publicUrl ? { publicUrl: publicUrl.replace(/\/+$/, '') } : {}),
    };
    checkUrl(grafana.url, 'runtimeStack.observability.grafana.url');
    if (publicUrl) {
      checkUrl(publicUrl, 'runtimeStack.observability.grafana.publicUrl');
    }
  } else {
    grafana = grafanaPluginSettings(config);
  }
  const links = (ours?.getOptionalConfigArray('links') ?? []).map((link, i) => {
    const url = link.getString('url');
    for (const [, name] of url.matchAll(PLACEHOLDER)) {
      if (!KNOWN_PLACEHOLDERS.has(name)) {
        throw new InputError(
          `Invalid runtimeStack.observability.links[${i}].url: unknown placeholder \${${name}}; use \${service}, \${namespace} or \${cluster}`,
        );
      }
    }
    return {
      title: link.getString('title'),
      url,
      type: link.getOptionalString('type'),
    };
  });
  return {
    prometheus,
    grafana,
    links,
    // The cache store keeps an entry with a TTL of 0 for ever.
    cacheTtlSeconds: readPositiveInteger(
      config,
      'runtimeStack.observability.cacheTtlSeconds',
      60,
    ),
  };
}

/** A link template with its placeholders filled in, URL-encoded. */
export function expandLinkTemplate(
  url: string,
  values: { service: string; namespace?: string; cluster?: string },
): string | undefined {
  let missing = false;
  const expanded = url.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name as keyof typeof values];
    if (value === undefined) missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing ? undefined : expanded;
}
