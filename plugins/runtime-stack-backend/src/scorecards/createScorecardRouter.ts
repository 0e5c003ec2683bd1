import type {
  AuditorService,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  normalizeEntityRef,
  parseInput,
  exemptionCreatePermission,
  exemptionDeletePermission,
  exemptionReadPermission,
  scorecardReadPermission,
  type LayerModel,
  type SearchableService,
  type SearchableServicePage,
  type TrendSubject,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { Request } from 'express';
import Router from 'express-promise-router';
import { authorizeRequest, isAllowed } from '../auth/authorizeRequest';
import { jsonBody } from '../http/jsonBody';
import { fetchEntity } from '../catalog/fetchEntity';
import type { CoverageService } from '../layerCoverage/CoverageService';
import type { ExemptionStore } from './ExemptionStore';
import {
  exemptionBodySchema,
  exemptionQuerySchema,
  normalizeExemption,
  searchServicesQuerySchema,
  servicesQuerySchema,
  teamScorecardQuerySchema,
  trendQuerySchema,
} from './scorecardInput';
import { dayOf, type ScorecardStore } from './ScorecardStore';
import { servicesCsv } from './servicesCsv';
import { addDays } from '../time/days';
import { visiblePage } from '../catalog/visiblePage';
import { scopeRefsFor } from '../catalog/scopeRefsFor';
import { visibleEntityRefs } from '../catalog/visibleEntityRefs';

const CSV_MAX_ROWS = 50_000;
const TEAM_VIEW_SERVICES = 500;
const EXPIRING_WITHIN_DAYS = 30;

/**
 * Scorecards (`/scorecards/...`) and exemptions (`/exemptions`): estate-wide
 * aggregates computed by the database, and accepted gaps, granted and
 * revoked with an audit trail, each change re-evaluating the services it
 * touches.
 */
export function createScorecardRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  auth: AuthService;
  catalog: CatalogService;
  layerModel: LayerModel;
  scorecards: ScorecardStore;
  exemptions: ExemptionStore;
  coverage: CoverageService;
  logger: LoggerService;
  now?: () => Date;
}) {
  const { httpAuth, permissions, auditor, layerModel, scorecards, exemptions } =
    options;
  const now = options.now ?? (() => new Date());
  const router = Router();
  // Its own body parser: the exemption routes must not depend on another
  // router mounted before this one.
  router.use(jsonBody());
  const canRead = (req: Request) =>
    authorizeRequest(
      req,
      { httpAuth, permissions },
      scorecardReadPermission,
      'Reading scorecards is not allowed for you',
    );

  router.get('/scorecards/teams', async (req, res) => {
    await canRead(req);
    const query = parseInput(teamScorecardQuerySchema, req.query, 'query');
    refuseUnknownLayer(query.layer, layerModel);
    res.json(await scorecards.teamScorecard(layerModel, query));
  });

  router.get('/scorecards/teams/:namespace/:name', async (req, res) => {
    const credentials = await canRead(req);
    const group = await fetchEntity(
      options.catalog,
      { kind: 'group', ...req.params },
      credentials,
    );
    const team = stringifyEntityRef(group);
    const { groups, overall, totalServices, services } =
      await scorecards.teamServices(team, TEAM_VIEW_SERVICES);
    // Exemptions carry reasons and names that only their readers may see;
    // the rest of the page is the caller's all the same.
    const expiring = (await isAllowed(
      permissions,
      exemptionReadPermission,
      credentials,
    ))
      ? await exemptions.list({
          scopeRefs: scorecards.teamScopeRefs(team),
          expiringBefore: addDays(now(), EXPIRING_WITHIN_DAYS),
        })
      : [];
    // The exemptions reach beyond the services listed, and name Systems.
    const visible = await visibleEntityRefs(
      options.catalog,
      [
        ...new Set([
          ...services.map(s => s.entityRef),
          ...expiring.map(e => e.scope.ref),
        ]),
      ],
      credentials,
    );
    const listed = services.filter(s => visible.has(s.entityRef));
    res.json({
      team,
      groups,
      overall,
      totalServices,
      hiddenServices: services.length - listed.length,
      services: listed,
      expiringExemptions: expiring.filter(e => visible.has(e.scope.ref)),
    });
  });

  router.get('/scorecards/adoption', async (req, res) => {
    await canRead(req);
    res.json(await scorecards.adoption(layerModel));
  });

  router.get('/scorecards/trend', async (req, res) => {
    const credentials = await canRead(req);
    const query = parseInput(trendQuerySchema, req.query, 'query');
    const subject = trendSubject(query, layerModel);
    // A service's, System's or team's history is theirs to see only when
    // the catalog shows them the entity.
    if ('ref' in subject) {
      await fetchEntity(
        options.catalog,
        parseEntityRef(subject.ref),
        credentials,
      );
    }
    const since = dayOf(addDays(now(), -(query.days - 1)));
    res.json(await scorecards.trend(subject, since));
  });

  router.get('/scorecards/services', async (req, res) => {
    const credentials = await canRead(req);
    // Counts are the estate's; rows the catalog hides from the caller go.
    const onlyVisible = async <T extends { entityRef: string }>(items: T[]) => {
      const visible = await visibleEntityRefs(
        options.catalog,
        items.map(i => i.entityRef),
        credentials,
      );
      return items.filter(i => visible.has(i.entityRef));
    };
    const { format, ...query } = parseInput(
      servicesQuerySchema,
      req.query,
      'query',
    );
    // Else a typo would read as "no service has a gap there".
    refuseUnknownLayer(query.layer, layerModel);
    const filters = {
      ...query,
      ...(query.team
        ? { team: normalizeEntityRef(query.team, 'group', 'team') }
        : {}),
      ...(query.system
        ? { system: normalizeEntityRef(query.system, 'system', 'system') }
        : {}),
    };
    if (format === 'csv') {
      const { items } = await scorecards.services({
        ...filters,
        limit: CSV_MAX_ROWS,
        offset: 0,
      });
      res
        .type('text/csv')
        .attachment('runtime-stack-services.csv')
        .send(servicesCsv(await onlyVisible(items)));
      return;
    }
    const page = await scorecards.services(filters);
    res.json({
      ...page,
      items: await onlyVisible(page.items),
      limit: filters.limit,
      offset: filters.offset,
    });
  });

  router.get('/search/services', async (req, res) => {
    const credentials = await canRead(req);
    const { after, limit } = parseInput(
      searchServicesQuerySchema,
      req.query,
      'query',
    );
    // Services the catalog hides from the caller are skipped here, not
    // left as gaps: a page ending on one would hand its ref out as the
    // cursor, and short pages would count them. So it reads on until it
    // has one more visible service than asked (the page is not the last)
    // or none are left; the cursor is the last service the caller sees.
    const visible: SearchableService[] = [];
    let cursor = after;
    let exhausted = false;
    while (visible.length <= limit && !exhausted) {
      const batch = await scorecards.searchableServices(cursor, limit + 1);
      exhausted = batch.length <= limit;
      if (batch.length === 0) break;
      cursor = batch[batch.length - 1].entityRef;
      const { items: entities } = await options.catalog.getEntitiesByRefs(
        {
          entityRefs: batch.map(s => s.entityRef),
          fields: ['metadata.title'],
        },
        { credentials },
      );
      batch.forEach((service, i) => {
        // The catalog answers null for what it hides from the caller.
        const entity = entities[i];
        if (!entity) return;
        // Field selection leaves out metadata when the entity has no title.
        const title = entity.metadata?.title;
        visible.push(title ? { ...service, title } : service);
      });
    }
    const items = visible.slice(0, limit);
    const page: SearchableServicePage = {
      items,
      ...(visible.length > limit
        ? { nextAfter: items[items.length - 1].entityRef }
        : {}),
    };
    res.json(page);
  });

  router.get('/exemptions', async (req, res) => {
    const credentials = await authorizeRequest(
      req,
      { httpAuth, permissions },
      exemptionReadPermission,
      'Reading exemptions is not allowed for you',
    );
    const { limit, offset, ...query } = parseInput(
      exemptionQuerySchema,
      req.query,
      'query',
    );
    const page = await exemptions.page(
      {
        ...(query.scopeRef
          ? { scopeRefs: query.scopeRef.flatMap(scopeRefsFor) }
          : {}),
        ...(query.expiringWithinDays
          ? { expiringBefore: addDays(now(), query.expiringWithinDays) }
          : {}),
      },
      { limit, offset },
    );
    // Exemptions of services and Systems the catalog hides from the caller
    // go, with their reasons.
    const visible = await visibleEntityRefs(
      options.catalog,
      [...new Set(page.items.map(e => e.scope.ref))],
      credentials,
    );
    res.json({
      ...visiblePage(
        page,
        page.items.filter(e => visible.has(e.scope.ref)),
      ),
      limit,
      offset,
    });
  });

  router.post('/exemptions', async (req, res) => {
    await authorizeRequest(
      req,
      { httpAuth, permissions },
      exemptionCreatePermission,
      'Granting exemptions is not allowed for you',
    );
    // Granted by a person: the grant names who did it.
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const caller = credentials.principal.userEntityRef;
    const input = normalizeExemption(
      parseInput(exemptionBodySchema, req.body, 'body'),
      layerModel,
      caller,
      now(),
    );
    // The scope must exist and be visible to the caller.
    await fetchEntity(
      options.catalog,
      parseEntityRef(input.scope.ref),
      credentials,
    );
    const created = await audited(
      req,
      'create',
      { scope: input.scope.ref, capability: input.capability },
      () => exemptions.create(input, caller),
    );
    await reevaluate(input.scope);
    res.status(201).json(created);
  });

  router.delete('/exemptions/:id', async (req, res) => {
    const credentials = await authorizeRequest(
      req,
      { httpAuth, permissions },
      exemptionDeletePermission,
      'Revoking exemptions is not allowed for you',
    );
    const { id } = req.params;
    const deleted = await audited(req, 'delete', { id }, async () => {
      await requireVisibleExemption(id, credentials);
      return exemptions.delete(id);
    });
    await reevaluate(deleted.scope);
    res.status(204).end();
  });

  /**
   * As a grant does, a revocation needs a scope the caller can see. A hidden
   * one answers as a missing exemption does, so the answer does not tell
   * that it exists.
   */
  async function requireVisibleExemption(
    id: string,
    credentials: BackstageCredentials,
  ) {
    const existing = await exemptions.get(id);
    const visible =
      existing &&
      (
        await visibleEntityRefs(
          options.catalog,
          [existing.scope.ref],
          credentials,
        )
      ).has(existing.scope.ref);
    if (!visible) throw new NotFoundError(`No exemption '${id}'`);
  }

  async function audited<T>(
    req: Request,
    actionType: 'create' | 'delete',
    meta: Record<string, string>,
    write: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId: 'exemption-change',
      severityLevel: 'medium',
      request: req,
      meta: { actionType, ...meta },
    });
    try {
      const result = await write();
      await event.success({ meta: { ...meta } });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /**
   * The services an exemption applies to, evaluated again now. The change
   * is made by then: a failure here leaves the next scheduled evaluation to
   * show it, and must not tell the caller that the change failed.
   */
  async function reevaluate(scope: { kind: string; ref: string }) {
    try {
      await evaluateScope(scope);
      // Today's point of every trend counts the change too, not only the
      // figures beside it.
      await scorecards.snapshot(dayOf(now()));
    } catch (error) {
      options.logger.warn(
        `Could not evaluate ${scope.ref} again after its exemptions changed; the next scheduled evaluation will: ${error}`,
      );
    }
  }

  async function evaluateScope(scope: { kind: string; ref: string }) {
    const credentials = await options.auth.getOwnServiceCredentials();
    const refs =
      scope.kind === 'component'
        ? [scope.ref]
        : (
            await options.catalog.getEntities(
              {
                filter: {
                  kind: 'component',
                  [`relations.${RELATION_PART_OF}`]: scope.ref,
                },
                fields: ['kind', 'metadata.name', 'metadata.namespace'],
              },
              { credentials },
            )
          ).items.map(e => stringifyEntityRef(e));
    await options.coverage.reevaluate(refs, credentials);
  }

  return router;
}

/** The catalog kind a short ref means, per trend subject named by a ref. */
const TREND_REF_KINDS = {
  team: 'group',
  service: 'component',
  system: 'system',
} as const;

function trendSubject(
  query: {
    subject: 'estate' | 'team' | 'layer' | 'service' | 'system';
    ref?: string;
    layer?: number;
  },
  layerModel: LayerModel,
): TrendSubject {
  const { subject } = query;
  // A parameter the subject does not read would be silently ignored.
  if (subject !== 'layer') refuseField(query.layer, 'layer', subject);
  if (subject === 'estate' || subject === 'layer') {
    refuseField(query.ref, 'ref', subject);
  }
  if (subject === 'estate') return { kind: 'estate' };
  if (subject === 'layer') {
    const layer = requireField(query.layer, 'layer');
    refuseUnknownLayer(layer, layerModel);
    return { kind: 'layer', layer };
  }
  return {
    kind: subject,
    ref: normalizeEntityRef(
      requireField(query.ref, 'ref'),
      TREND_REF_KINDS[subject],
      'ref',
    ),
  };
}

/** A layer asked for must be one of the model's: no layer is not an empty one. */
function refuseUnknownLayer(layer: number | undefined, layerModel: LayerModel) {
  if (layer !== undefined && !layerModel.layers.some(l => l.id === layer)) {
    throw new InputError(
      `Invalid query: layer: no layer ${layer} in the layer model`,
    );
  }
}

function refuseField(value: unknown, field: string, subject: string) {
  if (value !== undefined) {
    throw new InputError(
      `Invalid query: ${field}: not read for subject ${subject}`,
    );
  }
}

function requireField<T>(value: T | undefined, field: string): T {
  if (value === undefined) {
    throw new InputError(`Invalid query: ${field}: required for this subject`);
  }
  return value;
}
