import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANY_SERVICE_LABEL,
  ECOSYSTEM_ANNOTATIONS,
  type ClusterObject,
  type EntityObservability,
  type ObservabilityLink,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { ClusterStateService } from '../clusters/ClusterStateService';
import { GrafanaClient, type GrafanaDashboard } from './GrafanaClient';
import { commaSeparated } from './annotationLists';
import { grafanaAlertsFor, parseAlertLabelSelector } from './grafanaAlerts';
import { compileDashboardSelector, selectorTags } from './grafanaSelector';
import {
  type ObservabilitySettings,
  type PrometheusSource,
} from './observabilityConfig';
import {
  PrometheusClient,
  type PrometheusAlert,
  type PrometheusRule,
  type PrometheusTarget,
} from './PrometheusClient';
import { linksFromTemplates } from './linksFromTemplates';
import { observabilityEvidence } from './observabilityEvidence';
import {
  labelsMatchService,
  serviceMatchOf,
  type ServiceMatch,
} from './serviceLabels';

/**
 * A rule as held: of its alerts only the labels, which tell whose the rule
 * is; the alerts themselves are in `PrometheusState.alerts` already.
 */
type HeldRule = Omit<PrometheusRule, 'alerts'> & {
  alertLabels?: Array<Record<string, string>>;
};

interface PrometheusState {
  rules: HeldRule[];
  alerts: PrometheusAlert[];
  targets: PrometheusTarget[];
}

const heldRules = (rules: PrometheusRule[]): HeldRule[] =>
  rules.map(({ alerts, ...rule }) =>
    alerts ? { ...rule, alertLabels: alerts.map(a => a.labels) } : rule,
  );

/** A cache error's message, any credentials in a URL of it masked. */
const cacheErrorMessage = (error: unknown) =>
  String((error as Error)?.message ?? error).replace(
    /\/\/[^/\s@]*@/g,
    '//***@',
  );

/**
 * The names the annotations give that none of the rules and alerts found
 * has: every alert name, and the rule names with a colon. Colons are for
 * recording rules only, by Prometheus' naming rules; a name without one may
 * be a plain metric, which the Prometheus plugin graphs from the same
 * annotation.
 */
function namesNotFoundIn(result: EntityObservability): string[] {
  const found = new Set([
    ...result.rules.map(r => r.name),
    ...result.alerts.map(a => a.name),
  ]);
  const named = new Set([
    ...(result.matchedBy.alertNames ?? []),
    ...(result.matchedBy.ruleNames ?? []).filter(name => name.includes(':')),
  ]);
  return [...named].filter(name => !found.has(name));
}

/**
 * Where a service's telemetry lives: the Prometheus alerts, rules and scrape
 * targets that concern it, its Grafana dashboards, and links made from the
 * configured templates and its own `metadata.links`. Prometheus and Grafana
 * answers are cached for a short while, so page views do not multiply
 * requests; one source failing leaves the others standing.
 */
export class ObservabilityService {
  private readonly prometheus: Array<{
    source: PrometheusSource;
    client: PrometheusClient;
  }>;
  private readonly grafana?: GrafanaClient;
  /** Answers held in this process, until their cache time ends. */
  private readonly held = new Map<
    string,
    { until: number; value: Promise<unknown> }
  >();

  constructor(
    private readonly options: {
      settings: ObservabilitySettings;
      clusterState: ClusterStateService;
      cache: CacheService;
      /** Where a failing cache is reported; answers are served without it. */
      logger: LoggerService;
    },
  ) {
    this.prometheus = options.settings.prometheus.map(source => ({
      source,
      client: new PrometheusClient({
        url: source.url,
        headers: source.headers,
        publicUrl: source.publicUrl,
      }),
    }));
    const grafana = options.settings.grafana;
    this.grafana = grafana ? new GrafanaClient(grafana) : undefined;
  }

  /**
   * `preread`: the entity's cluster objects when the caller has read them
   * already, so they are not read again.
   */
  async entityObservability(
    entity: Entity,
    preread?: ReadonlyMap<string, ClusterObject[]>,
  ): Promise<EntityObservability> {
    const objects =
      preread ?? (await this.options.clusterState.entityObjects(entity));
    const placements = [...objects].flatMap(([cluster, list]) =>
      [...new Set(list.map(o => o.metadata.namespace).filter(Boolean))].map(
        namespace => ({ cluster, namespace: namespace as string }),
      ),
    );
    const clusters = [...objects.keys()];
    const match = serviceMatchOf(
      entity,
      [...new Set(placements.map(p => p.namespace))],
      clusters,
    );
    const errors: EntityObservability['errors'] = [];
    const alertSelector =
      entity.metadata.annotations?.[
        ECOSYSTEM_ANNOTATIONS.grafanaAlertLabelSelector
      ];
    const result: EntityObservability = {
      entityRef: stringifyEntityRef(entity),
      matchedBy: {
        // Unreadable labels match nothing, the usual ones neither.
        labels:
          Object.keys(match.labels).length || match.invalidLabels
            ? match.labels
            : { [ANY_SERVICE_LABEL]: match.serviceId },
        ...(match.alertNames ? { alertNames: match.alertNames } : {}),
        ...(match.ruleNames ? { ruleNames: match.ruleNames } : {}),
        ...(alertSelector
          ? { grafanaAlertSelectors: commaSeparated(alertSelector) }
          : {}),
      },
      alerts: [],
      rules: [],
      grafanaAlerts: [],
      targets: [],
      dashboards: [],
      links: this.linksOf(entity, match.serviceId, placements),
      evidence: [],
      errors,
    };

    let prometheusRead = 0;
    // A Prometheus bound to clusters the service does not run on has nothing on it.
    const prometheus = this.prometheus.filter(
      ({ source }) =>
        !source.clusters || source.clusters.some(c => clusters.includes(c)),
    );
    // As a bad Grafana selector: said where it costs something, and only
    // the matching by labels is lost; named alerts and rules still count.
    if (match.invalidLabels && prometheus.length > 0) {
      errors.push({ source: 'prometheus', message: match.invalidLabels });
    }
    for (const { source, client } of prometheus) {
      // What the Prometheus plugin graphs from the annotation, opened in
      // Prometheus itself; named by source only where there are several.
      for (const query of match.queries) {
        result.links.push({
          title: `Graph of ${query}${
            prometheus.length > 1 ? ` (${source.name})` : ''
          }`,
          url: client.graphUrl(query),
          type: 'metrics',
        });
      }
      try {
        const state = await this.cached(
          `prometheus:${source.name}`,
          async (): Promise<PrometheusState> => ({
            rules: heldRules(await client.rules()),
            alerts: await client.alerts(),
            targets: await client.targets(),
          }),
        );
        this.addPrometheus(result, source.name, state, match);
        prometheusRead += 1;
      } catch (error) {
        errors.push({ source: source.name, message: (error as Error).message });
      }
    }

    result.prometheusRead = prometheusRead;
    const namesNotFound = prometheusRead > 0 ? namesNotFoundIn(result) : [];
    if (namesNotFound.length > 0)
      result.matchedBy.namesNotFound = namesNotFound;

    const overview =
      entity.metadata.annotations?.[
        ECOSYSTEM_ANNOTATIONS.grafanaOverviewDashboard
      ];
    if (overview) result.overviewDashboard = overview;
    const selector =
      entity.metadata.annotations?.[
        ECOSYSTEM_ANNOTATIONS.grafanaDashboardSelector
      ];
    if (selector && this.grafana) {
      try {
        const matches = compileDashboardSelector(selector);
        const tags = selectorTags(selector);
        const grafana = this.grafana;
        const found = await this.cached(`grafana:${tags.join(',')}`, () =>
          grafana.searchDashboards({ tags }),
        );
        result.dashboards = found
          .filter((d: GrafanaDashboard) => matches(d))
          .map(d => ({
            title: d.title,
            url: d.url,
            tags: d.tags,
            ...(d.folderTitle ? { folderTitle: d.folderTitle } : {}),
          }));
      } catch (error) {
        errors.push({ source: 'grafana', message: (error as Error).message });
      }
    }
    if (alertSelector && this.grafana) {
      try {
        const selectors = parseAlertLabelSelector(alertSelector);
        const grafana = this.grafana;
        // Every rule once per cache period, shared by all services.
        const { rules, instances } = await this.cached(
          // Versioned: a replica of an older release may still share the
          // cache, with rules of an older shape.
          'grafana:alerting:v2',
          async () => ({
            rules: await grafana.alertRules(),
            instances: await grafana.alertInstances(),
          }),
        );
        result.grafanaAlerts = grafanaAlertsFor(selectors, rules, instances);
      } catch (error) {
        errors.push({ source: 'grafana', message: (error as Error).message });
      }
    }
    result.evidence = observabilityEvidence(result);
    return result;
  }

  private addPrometheus(
    result: EntityObservability,
    source: string,
    state: PrometheusState,
    match: ServiceMatch,
  ) {
    const concerns = (name: string, labels: Record<string, string>) =>
      match.alertNames?.includes(name) ||
      match.ruleNames?.includes(name) ||
      labelsMatchService(labels, match);
    const alertNames = new Set<string>();
    for (const alert of state.alerts) {
      if (!concerns(alert.name, alert.labels)) continue;
      alertNames.add(alert.name);
      result.alerts.push({
        source,
        name: alert.name,
        state: alert.state,
        labels: alert.labels,
        annotations: alert.annotations,
        ...(alert.activeAt ? { activeAt: alert.activeAt } : {}),
      });
    }
    // A generic rule (`rate(http_errors_total[5m]) > 1`) names no service:
    // its alerts do, with the labels of the series that fire. Where the
    // server leaves a rule's alerts out, an alert of the service by the
    // rule's name stands in.
    const alertsConcern = (rule: HeldRule) =>
      rule.alertLabels
        ? rule.alertLabels.some(labels => labelsMatchService(labels, match))
        : alertNames.has(rule.name);
    for (const rule of state.rules) {
      if (
        !concerns(rule.name, {
          ...labelsInQuery(rule.query),
          ...rule.labels,
        }) &&
        !(rule.type === 'alerting' && alertsConcern(rule))
      ) {
        continue;
      }
      result.rules.push({
        source,
        name: rule.name,
        type: rule.type,
        ...(rule.state ? { state: rule.state } : {}),
        health: rule.health,
        query: rule.query,
        labels: rule.labels,
      });
    }
    for (const target of state.targets) {
      if (!labelsMatchService(target.labels, match)) continue;
      result.targets.push({
        source,
        scrapePool: target.scrapePool,
        scrapeUrl: target.scrapeUrl,
        health: target.health,
        ...(target.lastError ? { lastError: target.lastError } : {}),
        ...(target.lastScrape ? { lastScrape: target.lastScrape } : {}),
        labels: target.labels,
      });
    }
  }

  /**
   * The observability of a service that does not run yet, whose evidence
   * can only be links: those the configured templates make for its name
   * where it will run. No telemetry source is asked.
   */
  plannedObservability(plan: {
    name: string;
    cluster: string;
    namespace: string;
  }): Pick<EntityObservability, 'links' | 'evidence'> {
    const links = linksFromTemplates(this.options.settings.links, plan.name, [
      { cluster: plan.cluster, namespace: plan.namespace },
    ]);
    return {
      links,
      evidence: observabilityEvidence({
        links,
        alerts: [],
        rules: [],
        grafanaAlerts: [],
        targets: [],
        dashboards: [],
      }),
    };
  }

  private linksOf(
    entity: Entity,
    service: string,
    placements: Array<{ cluster: string; namespace: string }>,
  ): ObservabilityLink[] {
    const links = linksFromTemplates(
      this.options.settings.links,
      service,
      placements,
    );
    for (const link of entity.metadata.links ?? []) {
      links.push({
        title: link.title ?? link.url,
        url: link.url,
        ...(link.type ? { type: link.type } : {}),
      });
    }
    return links;
  }

  /**
   * An answer shared by the replicas through the cache service, and held
   * parsed in this process for the same time: an evaluation run asks for
   * each Prometheus's rules, alerts and targets once per service, tens of
   * MiB of JSON that neither a second request nor a second parse should
   * repeat. Requests made while one is under way wait for it. An answer
   * another replica cached is held from when this one read it, so it is at
   * most twice the cache time old.
   */
  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const held = this.held.get(key);
    if (held && held.until > now) return held.value as Promise<T>;
    const ttlSeconds = this.options.settings.cacheTtlSeconds;
    // One entry per Grafana selector: drop the expired ones as new come.
    for (const [heldKey, entry] of this.held) {
      if (entry.until <= now) this.held.delete(heldKey);
    }
    // The cache only saves requests: when it fails, the sources answer.
    const value = (async () => {
      let hit: unknown;
      try {
        hit = await this.options.cache.get(key);
      } catch (error) {
        this.cacheFailed('read', key, error);
      }
      if (hit !== undefined) return hit as T;
      const loaded = await load();
      try {
        await this.options.cache.set(key, loaded as any, {
          ttl: { seconds: ttlSeconds },
        });
      } catch (error) {
        this.cacheFailed('write', key, error);
      }
      return loaded;
    })();
    this.held.set(key, { until: now + ttlSeconds * 1000, value });
    // A failure is not kept: the next request tries again.
    value.catch(() => {
      if (this.held.get(key)?.value === value) this.held.delete(key);
    });
    return value;
  }

  private cacheFailed(operation: string, key: string, error: unknown) {
    const reason = cacheErrorMessage(error);
    this.options.logger.warn(
      `Could not ${operation} the observability cache entry ${key}: ${reason}`,
    );
  }
}

/**
 * Equality matchers in a rule's PromQL, e.g. `{service="payments-api"}`:
 * rules often carry the service only in their expression.
 */
function labelsInQuery(query: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [, key, value] of query.matchAll(/(\w+)\s*=\s*"([^"]*)"/g)) {
    labels[key] = value;
  }
  return labels;
}
