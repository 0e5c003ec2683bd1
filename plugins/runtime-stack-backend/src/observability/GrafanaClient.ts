import {
  asArray,
  asObject,
  asString,
  asStringArray,
  asStringRecord,
  isObject,
  optionalString,
  optionalTime,
  type JsonObject,
} from './jsonShapes';
import { JsonTransport, type JsonResponse } from '../http/JsonTransport';
import { envelopeData, envelopeList } from './prometheusEnvelope';

export interface GrafanaDashboard {
  uid: string;
  title: string;
  /** Absolute: the Grafana base URL with the dashboard's path. */
  url: string;
  tags: string[];
  /** Absent for dashboards in the root ("General") folder. */
  folderTitle?: string;
}

/** A Grafana-managed alert rule, as its ruler configuration says. */
export interface GrafanaAlertRule {
  uid: string;
  title: string;
  /**
   * Its folder's title; in a nested folder, the titles from the top
   * joined by ` / ` (`Teams / Payments`).
   */
  folderTitle: string;
  /**
   * The folder as the ruler keys it, which is what Grafana puts in an
   * instance's `grafana_folder` label: the folder title, and since
   * Grafana 11 (nested folders) its full path, `Teams/Payments`, with a `/`
   * inside a title escaped as `\/`.
   */
  folderPath: string;
  group: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Absolute: the rule's page in Grafana. */
  url: string;
}

/** One instance of a Grafana-managed alert rule: a label set and its state. */
export interface GrafanaAlertInstance {
  /**
   * The uid of its rule, from the internal label `__alert_rule_uid__`
   * (asked for with `includeInternalLabels`); absent when Grafana leaves
   * it out.
   */
  ruleUid?: string;
  /**
   * With `alertname` (the rule's title) and `grafana_folder`, without
   * Grafana's internal labels (`__alert_rule_uid__`,
   * `__alert_rule_namespace_uid__`).
   */
  labels: Record<string, string>;
  /**
   * `Normal`, `Pending`, `Alerting`, `Recovering` (Grafana 12: no longer
   * met, still firing for the rule's `keep_firing_for`), `NoData` or
   * `Error`: Grafana's state without its reason.
   */
  state: string;
  /**
   * Why it is in that state when that is not what its evaluation said:
   * Grafana answers `Alerting (NoData)`, `Normal (Paused)`,
   * `Alerting (Error)`, `Normal (MissingSeries)`…
   */
  reason?: string;
  activeAt?: string;
}

/** The labels Grafana adds to every instance and leaves out unless asked. */
const RULE_UID_LABEL = '__alert_rule_uid__';
const INTERNAL_LABELS = new Set([
  RULE_UID_LABEL,
  '__alert_rule_namespace_uid__',
]);

/**
 * Grafana's instance state, `State` or `State (Reason)` as its
 * `FormatStateAndReason` writes it, split.
 */
export function parseGrafanaState(text: string): {
  state: string;
  reason?: string;
} {
  const trimmed = text.trim();
  const match = /^(\S+) \((.+)\)$/.exec(trimmed);
  return match ? { state: match[1], reason: match[2] } : { state: trimmed };
}

/**
 * The titles of a ruler folder key, outermost first: Grafana joins the
 * titles of nested folders with `/` and escapes a `/` inside a title as
 * `\/`.
 */
export function folderPathTitles(path: string): string[] {
  return path.split(/(?<!\\)\//).map(title => title.replace(/\\\//g, '/'));
}

export interface GrafanaDashboardQuery {
  /** Dashboards must have every one of these tags. */
  tags?: string[];
  /** A case-insensitive part of the title. */
  query?: string;
  /** At most this many; without it every match is read, page by page. */
  limit?: number;
}

export interface GrafanaClientOptions {
  /** Grafana's base URL, with its sub path if it is served from one. */
  url: string;
  /** Where people open Grafana, when the API is called elsewhere; for links. */
  publicUrl?: string;
  /** A service account token, sent as `Authorization: Bearer`. */
  token?: string;
  /** Sent with every request, e.g. another `authorization`. */
  headers?: Record<string, string>;
  /** Per HTTP request, including reading its body. Default 10000. */
  requestTimeoutMs?: number;
  /** Attempts for a request answered 429 or 5xx. Default 3. */
  maxAttempts?: number;
  /** First retry delay, doubled each time, unless Retry-After says. Default 250. */
  backoffMs?: number;
  fetch?: typeof fetch;
}

/** Grafana's default and largest page of search results. */
const PAGE_SIZE = 1000;
const MAX_LIMIT = 5000;
/** 100,000 dashboards: more means a loop, not an estate. */
const MAX_PAGES = 100;

/**
 * A client for the parts of Grafana's HTTP API that find a service's
 * dashboards (`/api/search`, `/api/dashboards/uid/:uid`) and its
 * Grafana-managed alert rules with their state.
 */
export class GrafanaClient {
  private readonly transport: JsonTransport;
  /** The base of the links handed out. */
  private readonly linkBase: URL;

  constructor(options: GrafanaClientOptions) {
    this.transport = new JsonTransport({
      service: 'Grafana',
      url: options.url,
      headers: {
        ...options.headers,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      maxAttempts: Math.max(1, options.maxAttempts ?? 3),
      backoffMs: options.backoffMs ?? 250,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    });
    this.linkBase = options.publicUrl
      ? new URL(options.publicUrl.replace(/\/*$/, '/'))
      : this.transport.baseUrl;
  }

  /** Dashboards (not folders) matching the query, sorted by title as Grafana sorts them. */
  async searchDashboards(
    query: GrafanaDashboardQuery = {},
  ): Promise<GrafanaDashboard[]> {
    const wanted =
      query.limit === undefined
        ? Infinity
        : Math.max(0, Math.floor(query.limit));
    if (wanted === 0) return [];
    const pageSize = Math.min(wanted, query.limit ? MAX_LIMIT : PAGE_SIZE);
    const dashboards: GrafanaDashboard[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const url = this.transport.url('api/search', {
        type: 'dash-db',
        tag: query.tags,
        query: query.query || undefined,
        limit: pageSize,
        // Page 1 is Grafana's default; leaving it out keeps the usual URL.
        page: page > 1 ? page : undefined,
      });
      const response = await this.transport.get(url);
      const body = this.expectJson(response);
      if (!Array.isArray(body)) {
        throw this.transport.error(
          url,
          'expected a list of search results',
          response.status,
        );
      }
      const hits = body.filter(isObject);
      for (const hit of hits) {
        // A Grafana that ignores `type` still must not hand us folders.
        if (hit.type !== undefined && hit.type !== 'dash-db') continue;
        dashboards.push(this.fromSearchHit(hit));
      }
      if (hits.length < pageSize || dashboards.length >= wanted) break;
    }
    return dashboards.slice(0, wanted);
  }

  /** The dashboard with this uid, or `undefined` when Grafana has none. */
  async dashboardByUid(uid: string): Promise<GrafanaDashboard | undefined> {
    const url = this.transport.url(
      `api/dashboards/uid/${encodeURIComponent(uid)}`,
    );
    const response = await this.transport.get(url);
    if (response.status === 404) return undefined;
    const body = this.expectJson(response);
    if (!isObject(body)) {
      throw this.transport.error(
        url,
        'expected a JSON object',
        response.status,
      );
    }
    const dashboard = asObject(body.dashboard);
    const meta = asObject(body.meta);
    return {
      uid: asString(dashboard.uid) || uid,
      title: asString(dashboard.title),
      url: this.absoluteUrl(asString(meta.url)),
      tags: asStringArray(dashboard.tags),
      // Grafana names the root folder "General" here but not in search
      // results; leaving it out keeps both answers alike.
      folderTitle: optionalString(meta.folderUid)
        ? optionalString(meta.folderTitle)
        : undefined,
    };
  }

  /**
   * Every Grafana-managed alert rule, from the ruler API
   * (`/api/ruler/grafana/api/v1/rules`: folder → groups → rules), as the
   * Backstage Grafana plugin reads them; not its recording rules (Grafana
   * 11.3+, `grafana_alert.record`). Needs a token that may read alert rules.
   */
  async alertRules(): Promise<GrafanaAlertRule[]> {
    const url = this.transport.url('api/ruler/grafana/api/v1/rules');
    const response = await this.transport.get(url);
    const body = this.expectJson(response);
    if (!isObject(body)) {
      throw this.transport.error(
        url,
        'expected an object of folders',
        response.status,
      );
    }
    return Object.entries(body).flatMap(([folderPath, groups]) =>
      asArray(groups)
        .filter(isObject)
        .flatMap(group =>
          asArray(group.rules)
            .filter(isObject)
            // Data-source-managed rules have no grafana_alert, recording
            // rules record a metric: neither is an alert rule of Grafana's.
            .filter(rule => {
              const alert = asObject(rule.grafana_alert);
              return asString(alert.uid) !== '' && !isObject(alert.record);
            })
            .map(rule => {
              const alert = asObject(rule.grafana_alert);
              const uid = asString(alert.uid);
              return {
                uid,
                title: asString(alert.title),
                folderTitle: folderPathTitles(folderPath).join(' / '),
                folderPath,
                group: asString(group.name),
                labels: asStringRecord(rule.labels),
                annotations: asStringRecord(rule.annotations),
                url: this.absoluteUrl(
                  `/alerting/grafana/${encodeURIComponent(uid)}/view`,
                ),
              };
            }),
        ),
    );
  }

  /**
   * Every instance of every Grafana-managed rule, Normal ones included
   * (`/api/prometheus/grafana/api/v1/alerts`, Prometheus' envelope), with
   * the uid of its rule: `includeInternalLabels=true` keeps Grafana's
   * `__alert_rule_uid__` label in.
   */
  async alertInstances(): Promise<GrafanaAlertInstance[]> {
    const url = this.transport.url('api/prometheus/grafana/api/v1/alerts', {
      includeInternalLabels: 'true',
    });
    const response = await this.transport.get(url);
    this.checkAuthorized(response);
    const data = envelopeData(this.transport, response);
    return envelopeList(this.transport, url, data, 'alerts')
      .filter(isObject)
      .map(alert => {
        const activeAt = optionalTime(alert.activeAt);
        const all = asStringRecord(alert.labels);
        const ruleUid = optionalString(all[RULE_UID_LABEL]);
        const labels = Object.fromEntries(
          Object.entries(all).filter(([name]) => !INTERNAL_LABELS.has(name)),
        );
        const { state, reason } = parseGrafanaState(asString(alert.state));
        return {
          ...(ruleUid ? { ruleUid } : {}),
          labels,
          state,
          ...(reason ? { reason } : {}),
          ...(activeAt ? { activeAt } : {}),
        };
      });
  }

  private fromSearchHit(hit: JsonObject): GrafanaDashboard {
    return {
      uid: asString(hit.uid),
      title: asString(hit.title),
      url: this.absoluteUrl(asString(hit.url)),
      tags: asStringArray(hit.tags),
      folderTitle: optionalString(hit.folderTitle),
    };
  }

  /** A 401/403 says what to check. */
  private checkAuthorized(response: JsonResponse) {
    if (response.status === 401 || response.status === 403) {
      throw this.transport.error(
        response.url,
        `${this.transport.describe(response)} (check the Grafana token)`,
        response.status,
      );
    }
  }

  /** The JSON of a 2xx answer. */
  private expectJson(response: JsonResponse): unknown {
    this.checkAuthorized(response);
    if (response.status < 200 || response.status >= 300) {
      throw this.transport.error(
        response.url,
        this.transport.describe(response),
        response.status,
      );
    }
    if (response.json === undefined) {
      // e.g. the HTML login page of a proxy in front of Grafana
      throw this.transport.error(
        response.url,
        `expected JSON, got '${response.text.slice(0, 80)}'`,
        response.status,
      );
    }
    return response.json;
  }

  /**
   * Grafana answers with paths (`/d/uid/slug`). Served from a sub path
   * (root_url with /grafana/), the path includes it; behind a proxy that
   * strips the prefix it does not, so the prefix is added only when missing.
   */
  private absoluteUrl(path: string): string {
    const base = this.linkBase;
    if (!path) return base.toString();
    if (/^https?:\/\//.test(path)) return path;
    const prefix = base.pathname.replace(/\/$/, '');
    const rooted = path.startsWith('/') ? path : `/${path}`;
    const full =
      prefix && !rooted.startsWith(`${prefix}/`) ? prefix + rooted : rooted;
    return `${base.origin}${full}`;
  }
}
