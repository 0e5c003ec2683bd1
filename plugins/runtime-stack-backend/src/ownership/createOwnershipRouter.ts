import type {
  AuditorService,
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { PolicyDecision } from '@backstage/plugin-permission-common';
import {
  ownershipReadPermission,
  ownershipUpdatePermission,
  parseInput,
  parseOwnershipAssignment,
  toOwnershipAssignment,
  type LayerModel,
  type LayerOwnership,
  type OwnershipChange,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { Request } from 'express';
import Router from 'express-promise-router';
import { authorizeRequest } from '../auth/authorizeRequest';
import { jsonBody } from '../http/jsonBody';
import { scopeRefsFor } from '../catalog/scopeRefsFor';
import { visiblePage } from '../catalog/visiblePage';
import { pageResponse, parseListQuery } from './pageCursor';
import type { EffectiveOwnershipService } from './EffectiveOwnershipService';
import {
  checkOwnershipBodySchema,
  deleteQuerySchema,
  plannedOwnershipBodySchema,
  historyQuerySchema,
  listOwnershipQuerySchema,
  toFilter,
  updateOwnershipBodySchema,
} from './ownershipInput';
import {
  staleVersionError,
  type OwnershipAssignment,
  type OwnershipStore,
} from './OwnershipStore';
import { createRequestMemo, noMemo, type RequestMemo } from './requestMemo';
import { withVisibleScopes } from './visibleRecords';

export interface OwnershipRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  auth: AuthService;
  catalog: CatalogService;
  store: OwnershipStore;
  effectiveOwnership: EffectiveOwnershipService;
  layerModel: LayerModel;
  /** Decides a conditional update decision for one record. */
  isAllowed: (decision: PolicyDecision, record: LayerOwnership) => boolean;
}

/** The record an assignment would become, for permission conditions. */
function asRecord(assignment: OwnershipAssignment): LayerOwnership {
  return {
    id: '',
    version: 0,
    createdAt: '',
    createdBy: '',
    updatedAt: '',
    updatedBy: '',
    ...assignment,
  };
}

/**
 * Why `POST /ownership/check` says no, by the error the create route would
 * throw: the caller may not (`not-allowed`), the record is wrong
 * (`invalid`, such as an owner the catalog lacks), or its scope is unknown
 * (`not-found`). A page offering to change an owner blocks only the first.
 */
const REFUSALS: Record<string, 'not-allowed' | 'invalid' | 'not-found'> = {
  NotAllowedError: 'not-allowed',
  InputError: 'invalid',
  NotFoundError: 'not-found',
};

/**
 * Whether an update moves a record to another scope, target or
 * responsibility: what it then claims is someone else's to hand over.
 */
function movesClaim(
  existing: LayerOwnership,
  assignment: OwnershipAssignment,
): boolean {
  const same = (a?: string, b?: string) =>
    (a ?? '').toLocaleLowerCase('en-US') ===
    (b ?? '').toLocaleLowerCase('en-US');
  return !(
    existing.scope.kind === assignment.scope.kind &&
    same(existing.scope.ref, assignment.scope.ref) &&
    existing.layer === assignment.layer &&
    same(existing.capability, assignment.capability) &&
    existing.responsibility === assignment.responsibility
  );
}

export function createOwnershipRouter(options: OwnershipRouterOptions) {
  const { httpAuth, permissions, auditor, catalog, store, layerModel } =
    options;
  const router = Router();
  router.use(jsonBody());

  const authorizeRead = (req: Request) =>
    authorizeRequest(
      req,
      { httpAuth, permissions },
      ownershipReadPermission,
      'Reading layer ownership is not allowed for you',
    );

  /** The caller's, and the backend's own to tell hidden entities from absent ones. */
  const bothCredentials = async (caller: BackstageCredentials) => ({
    caller,
    service: await options.auth.getOwnServiceCredentials(),
  });

  async function updateDecision(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ) {
    const [decision] = await permissions.authorizeConditional(
      [{ permission: ownershipUpdatePermission }],
      { credentials },
    );
    return decision;
  }

  /**
   * Every record touched must pass the update decision: the stored one as it
   * is, and the record as the change leaves it. The refusal says which, since
   * "changing a record owned by X" reads wrong to someone creating one for X.
   */
  function refuseUnlessAllowed(
    decision: PolicyDecision,
    change: { before?: LayerOwnership; after?: LayerOwnership },
  ) {
    if (change.before && !options.isAllowed(decision, change.before)) {
      throw new NotAllowedError(
        `You may not change ownership records owned by ${change.before.owner}`,
      );
    }
    if (change.after && !options.isAllowed(decision, change.after)) {
      throw new NotAllowedError(
        `You may not make ${change.after.owner} an owner: only its members may`,
      );
    }
  }

  /**
   * A new record takes its target over from whoever owns it for the scope
   * today (inherited from the System, a cluster or the organisation), so
   * that owner's members decide, as they would on its own record. Without
   * this, any team could claim any capability of any service for itself.
   */
  async function refuseTakeOverUnlessAllowed(
    decision: PolicyDecision,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    assignment: OwnershipAssignment,
    planned?: Entity,
    memo?: RequestMemo,
  ) {
    const current = await options.effectiveOwnership.currentOwners(
      assignment,
      await bothCredentials(credentials),
      planned,
      memo,
    );
    const refused = current.find(
      owner => !options.isAllowed(decision, asRecord({ ...assignment, owner })),
    );
    if (refused) {
      const target = assignment.capability ?? `layer ${assignment.layer}`;
      throw new NotAllowedError(
        `${refused} owns ${target} for ${assignment.scope.ref} today (${assignment.responsibility}); only its members may hand it over`,
      );
    }
  }

  /** Owners must be Groups that exist in the catalog. */
  async function checkOwnerExists(
    owner: string,
    credentials: BackstageCredentials,
    memo: RequestMemo = noMemo,
  ) {
    const entity = await memo(`owner:${owner}`, () =>
      catalog.getEntityByRef(owner, { credentials }),
    );
    if (!entity) {
      throw new InputError(
        `Invalid owner: ${owner} does not exist in the catalog`,
      );
    }
  }

  /**
   * Everything that decides whether a new record may be created, in the
   * order `POST /ownership` applies it; `POST /ownership/check` asks the same.
   */
  async function refuseCreateUnlessAllowed(
    decision: PolicyDecision,
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    assignment: OwnershipAssignment,
    planned?: Entity,
    memo?: RequestMemo,
  ) {
    refuseUnlessAllowed(decision, { after: asRecord(assignment) });
    await refuseTakeOverUnlessAllowed(
      decision,
      credentials,
      assignment,
      planned,
      memo,
    );
    await checkOwnerExists(assignment.owner, credentials, memo);
  }

  /** Runs a write as an audited event: success or failure, with who and what. */
  async function audited<T extends LayerOwnership>(
    req: Request,
    actionType: 'create' | 'update' | 'delete',
    meta: Record<string, string | number>,
    write: () => Promise<T>,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId: 'ownership-change',
      severityLevel: 'medium',
      request: req,
      meta: { actionType, ...meta },
    });
    try {
      const record = await write();
      await event.success({
        meta: { id: record.id, version: record.version, owner: record.owner },
      });
      return record;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  const userCredentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  const visibleRecords = async (
    records: LayerOwnership[],
    caller: BackstageCredentials,
  ) =>
    withVisibleScopes(
      catalog,
      records,
      r => [r.scope],
      await bothCredentials(caller),
    );
  const visibleChanges = async (
    changes: OwnershipChange[],
    caller: BackstageCredentials,
  ) =>
    withVisibleScopes(
      catalog,
      changes,
      c => [c.before, c.after].flatMap(r => (r ? [r.scope] : [])),
      await bothCredentials(caller),
    );

  router.get('/ownership', async (req, res) => {
    const credentials = await authorizeRead(req);
    const { query, page } = parseListQuery(listOwnershipQuerySchema, req.query);
    const result = await store.list(toFilter(layerModel, query), page);
    const items = await visibleRecords(result.items, credentials);
    res.json(pageResponse(query, page, visiblePage(result, items)));
  });

  /**
   * The record, if the caller may see its scope: one about a System or
   * component the catalog hides from them is as absent to read, change or
   * delete, so a write cannot tell it exists either. For a write, the
   * version the caller changes: the store checks the version again as it
   * writes, so the record whose permissions were checked is the one written,
   * not one another writer changed in between.
   */
  async function visibleRecord(
    id: string,
    caller: BackstageCredentials,
    version?: number,
  ) {
    const record = await store.get(id);
    const [visible] = record ? await visibleRecords([record], caller) : [];
    if (!visible) {
      throw new NotFoundError(`No ownership record '${id}'`);
    }
    if (version !== undefined && visible.version !== version) {
      throw staleVersionError(visible, version);
    }
    return visible;
  }

  router.get('/ownership/:id', async (req, res) => {
    const credentials = await authorizeRead(req);
    res.json(await visibleRecord(req.params.id, credentials));
  });

  router.post('/ownership', async (req, res) => {
    const credentials = await userCredentials(req);
    const assignment = parseOwnershipAssignment(layerModel, req.body);
    // One decision for every check: it depends on the user, not the record.
    await refuseCreateUnlessAllowed(
      await updateDecision(credentials),
      credentials,
      assignment,
    );
    const created = await audited(
      req,
      'create',
      { scope: `${assignment.scope.kind}:${assignment.scope.ref}` },
      () => store.create(assignment, credentials.principal.userEntityRef),
    );
    res.status(201).json(created);
  });

  /**
   * Whether the caller may create these records, by the same checks as
   * `POST /ownership`, writing nothing: a template asks before it creates
   * the service, so a refusal stops it before anything exists.
   */
  router.post('/ownership/check', async (req, res) => {
    await authorizeRead(req);
    const credentials = await userCredentials(req);
    const body = parseInput(checkOwnershipBodySchema, req.body, 'body');
    const assignments = body.records.map((record, index) =>
      toOwnershipAssignment(layerModel, record, `records[${index}]`),
    );
    const planned = body.entity as Entity | undefined;
    const plannedRef = planned && stringifyEntityRef(planned);
    // One the catalog hides from the caller counts as not registered, as for
    // them it is not: read from the body, and with nothing stored for a
    // hidden scope counting, the answer tells no more than for a new one.
    const registered =
      plannedRef && (await catalog.getEntityByRef(plannedRef, { credentials }));
    const isPlanned = (ref: string) =>
      !registered &&
      ref.toLocaleLowerCase('en-US') === plannedRef?.toLocaleLowerCase('en-US');
    const decision = await updateDecision(credentials);
    const memo = createRequestMemo();
    const results = [];
    for (const assignment of assignments) {
      try {
        await refuseCreateUnlessAllowed(
          decision,
          credentials,
          assignment,
          isPlanned(assignment.scope.ref) ? planned : undefined,
          memo,
        );
        results.push({ record: assignment, allowed: true });
      } catch (error) {
        const refusal = isError(error) ? REFUSALS[error.name] : undefined;
        if (!refusal) throw error;
        results.push({
          record: assignment,
          allowed: false,
          reason: (error as Error).message,
          refusal,
        });
      }
    }
    res.json({ results });
  });

  router.put('/ownership/:id', async (req, res) => {
    const credentials = await userCredentials(req);
    const { version, ...fields } = parseInput(
      updateOwnershipBodySchema,
      req.body,
      'body',
    );
    const assignment = toOwnershipAssignment(layerModel, fields);
    const existing = await visibleRecord(req.params.id, credentials, version);
    const decision = await updateDecision(credentials);
    refuseUnlessAllowed(decision, {
      before: existing,
      after: asRecord(assignment),
    });
    // Editing a record in place (its owner, note or link) needs only the
    // record; moving it claims a target, as creating one does.
    if (movesClaim(existing, assignment)) {
      await refuseTakeOverUnlessAllowed(decision, credentials, assignment);
    }
    await checkOwnerExists(assignment.owner, credentials);
    const updated = await audited(req, 'update', { id: existing.id }, () =>
      store.update(
        existing.id,
        version,
        assignment,
        credentials.principal.userEntityRef,
      ),
    );
    res.json(updated);
  });

  router.delete('/ownership/:id', async (req, res) => {
    const credentials = await userCredentials(req);
    const { version } = parseInput(deleteQuerySchema, req.query, 'query');
    const existing = await visibleRecord(req.params.id, credentials, version);
    refuseUnlessAllowed(await updateDecision(credentials), {
      before: existing,
    });
    const deleted = await audited(req, 'delete', { id: existing.id }, () =>
      store.delete(existing.id, version, credentials.principal.userEntityRef),
    );
    res.json(deleted);
  });

  router.get('/ownership/:id/history', async (req, res) => {
    const credentials = await authorizeRead(req);
    const { query, page } = parseListQuery(
      historyQuerySchema.omit({ scopeRef: true }),
      req.query,
    );
    const result = await store.history({ ownershipId: req.params.id }, page);
    const items = await visibleChanges(result.items, credentials);
    res.json(pageResponse(query, page, visiblePage(result, items)));
  });

  router.get('/history', async (req, res) => {
    const credentials = await authorizeRead(req);
    const { query, page } = parseListQuery(historyQuerySchema, req.query);
    const result = await store.history(
      query.scopeRef ? { scopeRefs: scopeRefsFor(query.scopeRef) } : {},
      page,
    );
    const items = await visibleChanges(result.items, credentials);
    res.json(pageResponse(query, page, visiblePage(result, items)));
  });

  // Who will own what for a service not created yet: the template's preview.
  router.post('/ownership/planned', async (req, res) => {
    const credentials = await authorizeRead(req);
    const { entity } = parseInput(plannedOwnershipBodySchema, req.body, 'body');
    res.json(
      await options.effectiveOwnership.forEntity(
        entity as Entity,
        await bothCredentials(credentials),
      ),
    );
  });

  router.get('/entities/:kind/:namespace/:name/ownership', async (req, res) => {
    const credentials = await authorizeRead(req);
    const entityRef = stringifyEntityRef({
      kind: req.params.kind,
      namespace: req.params.namespace,
      name: req.params.name,
    });
    res.json(
      await options.effectiveOwnership.forEntity(
        entityRef,
        await bothCredentials(credentials),
      ),
    );
  });

  return router;
}
