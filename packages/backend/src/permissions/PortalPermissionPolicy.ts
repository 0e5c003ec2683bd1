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

/**
 * Permissions that change the portal for everyone or reach into clusters:
 * only the configured admins get them.
 */
/** Accepting a coverage gap is for the groups that set the standards. */
const EXEMPTION_WRITES = new Set([
  'runtime-stack.exemption.create',
  'runtime-stack.exemption.delete',
]);

const ADMIN_ONLY = new Set([
  'catalog.location.delete',
  'catalog.ingestion.manage',
  'kubernetes.proxy',
  'scaffolder.template.management',
]);

/**
 * The portal's policy:
 * - admins (members of the configured groups) may do everything;
 * - everyone signed in may read, and use the portal's tools (validate,
 *   analyze, run template actions, dry-run);
 * - catalog entities may be refreshed or deleted by their owners, scaffolder
 *   tasks cancelled by whoever started them, layer ownership records changed
 *   by members of the owning group;
 * - coverage exemptions are granted and revoked by members of the configured
 *   exemption granters (the platform and security teams in the example);
 * - creating (templates, locations, entities) needs membership of a team, so
 *   an unknown identity is read-only;
 * - the admin-only permissions above are denied to everyone else.
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
    if (EXEMPTION_WRITES.has(permission.name)) {
      return {
        result: ownership.some(ref => this.exemptionGranters.has(ref))
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }

    const action = permission.attributes.action;
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
      return info
        ? createScaffolderTaskConditionalDecision(
            permission,
            scaffolderTaskConditions.isTaskOwner({
              createdBy: [info.userEntityRef],
            }),
          )
        : { result: AuthorizeResult.DENY };
    }
    if (action === undefined || action === 'read') {
      return { result: AuthorizeResult.ALLOW };
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
