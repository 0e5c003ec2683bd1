import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

export interface PrometheusSource {
  /** How the source is named in answers, e.g. `prometheus-eu`. */
  name: string;
  url: string;
  /** The clusters it scrapes; every cluster when absent. */
  clusters?: string[];
  headers?: Record<string, string>;
}

export interface LinkTemplate {
  title: string;
  /** With `${service}`, `${namespace}`, `${cluster}` placeholders. */
  url: string;
  type?: string;
}

export interface ObservabilitySettings {
  prometheus: PrometheusSource[];
  grafana?: { url: string; token?: string };
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

/** `runtimeStack.observability`: where telemetry of services lives. */
export function readObservabilitySettings(
  config: Config,
): ObservabilitySettings {
  const ours = config.getOptionalConfig('runtimeStack.observability');
  const prometheus = (ours?.getOptionalConfigArray('prometheus') ?? []).map(
    (source, i) => {
      const url = source.getString('url').replace(/\/+$/, '');
      checkUrl(url, `runtimeStack.observability.prometheus[${i}].url`);
      const headers = source.getOptionalConfig('headers');
      return {
        name: source.getOptionalString('name') ?? new URL(url).host,
        url,
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
  const grafana = grafanaConfig
    ? {
        url: grafanaConfig.getString('url').replace(/\/+$/, ''),
        token: grafanaConfig.getOptionalString('token'),
      }
    : undefined;
  if (grafana) checkUrl(grafana.url, 'runtimeStack.observability.grafana.url');
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
    cacheTtlSeconds: ours?.getOptionalNumber('cacheTtlSeconds') ?? 60,
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
