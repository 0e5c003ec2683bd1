import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  createLayerOwnershipConditionalDecision,
  layerOwnershipConditions,
} from '@internal/backstage-plugin-runtime-stack-backend';
import { RESOURCE_TYPE_LAYER_OWNERSHIP } from '@internal/backstage-plugin-runtime-stack-common';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';

/** Accepting a coverage gap is for the groups that set the standards. */
const EXEMPTION_WRITES = new Set([
  'runtime-stack.exemption.create',
  'runtime-stack.exemption.delete',
]);

/**
 * Permissions that change the portal for everyone or reach into clusters:
 * only the configured admins get them. `kubernetes.proxy` passes any request
 * to a cluster's API (the Kubernetes tab's pod logs, events and pod delete);
 * the tab's clusters and workloads need only `kubernetes.clusters.read` and
 * `kubernetes.resources.read`.
 */
const ADMIN_ONLY = new Set([
  'catalog.location.delete',
  'catalog.ingestion.manage',
  'kubernetes.proxy',
  'scaffolder.template.management',
]);

/**
 * The permissions without an `action` attribute that everyone signed in may
 * use, by name: the portal's tools. Any other permission without an action
 * (one of a plugin added later, say) is for admins until it is listed here.
 */
const SIGNED_IN_TOOLS = new Set([
  // POST /api/catalog/validate-entity: checks an entity, stores nothing.
  'catalog.entity.validate',
  // The catalog import's first step: reads a repository's catalog-info.yaml
  // and proposes entities; registering them needs catalog.location.create.
  'catalog.location.analyze',
  // Running the steps of a template; starting the task needs
  // scaffolder.task.create, so without this every run fails at its first step.
  'scaffolder.action.execute',
  // The template editor's dry run; it needs scaffolder.task.create as well.
  'scaffolder.template.dry-run',
]);

/**
 * The portal's policy:
 * - admins (members of the configured groups) may do everything;
 * - everyone signed in may read, and use the portal's tools
 *   ({@link SIGNED_IN_TOOLS}: validate, analyze, run template actions,
 *   dry-run); a request without a signed-in user may only read;
 * - catalog entities may be refreshed or deleted by their owners, scaffolder
 *   tasks cancelled by whoever started them, layer ownership records changed
 *   by members of the owning group;
 * - coverage exemptions are granted and revoked by members of the configured
 *   exemption granters (the platform and security teams in the example);
 * - creating (templates, locations, entities) needs membership of a team, so
 *   an unknown identity is read-only;
 * - the admin-only permissions above, and any other permission without an
 *   action, are denied to everyone else.
 *
 * `adminRefs` and `exemptionGranters` hold full lower-case entity refs, as
 * `ownershipEntityRefs` does (the module normalises the configured ones).
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly userInfo: UserInfoService,
    private readonly adminRefs: ReadonlySet<string>,
    private readonly exemptionGranters: ReadonlySet<string> = new Set(),
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const action = permission.attributes.action;
    const info = user
      ? await this.userInfo.getUserInfo(user.credentials)
      : undefined;
    const ownership = info?.ownershipEntityRefs ?? [];

    if (ownership.some(ref => this.adminRefs.has(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (ADMIN_ONLY.has(permission.name)) {
      return { result: AuthorizeResult.DENY };
    }
    if (!info) {
      // No signed-in user (an unauthenticated request): reading at most.
      return {
        result:
          action === 'read' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    if (EXEMPTION_WRITES.has(permission.name)) {
      return {
        result: ownership.some(ref => this.exemptionGranters.has(ref))
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }

    if (
      isResourcePermission(permission, 'catalog-entity') &&
      (action === 'update' || action === 'delete')
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims: ownership }),
      );
    }
    if (isResourcePermission(permission, RESOURCE_TYPE_LAYER_OWNERSHIP)) {
      return createLayerOwnershipConditionalDecision(
        permission,
        layerOwnershipConditions.isOwnedBy({ claims: ownership }),
      );
    }
    if (
      isResourcePermission(permission, 'scaffolder-task') &&
      action !== 'read'
    ) {
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [info.userEntityRef],
        }),
      );
    }
    if (action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    if (action === undefined) {
      return {
        result: SIGNED_IN_TOOLS.has(permission.name)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (
      action === 'create' &&
      ownership.some(ref => ref.startsWith('group:'))
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    return { result: AuthorizeResult.DENY };
  }
}
