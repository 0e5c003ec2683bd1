import {
  RESOURCE_TYPE_LAYER_OWNERSHIP,
  type LayerOwnership,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod/v3';
import type { OwnershipFilter } from './OwnershipStore';

/**
 * The layer ownership record as a permission resource.
 *
 * @public
 */
export const layerOwnershipResourceRef = createPermissionResourceRef<
  LayerOwnership,
  OwnershipFilter
>().with({
  pluginId: 'runtime-stack',
  resourceType: RESOURCE_TYPE_LAYER_OWNERSHIP,
});

/**
 * Matches records owned by one of the claims, typically the groups of the
 * user, so a group's members may edit what their group owns.
 *
 * @public
 */
export const isOwnedBy = createPermissionRule({
  name: 'IS_OWNED_BY',
  description:
    'Allow ownership records whose owner is one of the given entity refs',
  resourceRef: layerOwnershipResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs, usually the ownership refs of the user'),
  }),
  apply: (record, { claims }) => claims.includes(record.owner),
  toQuery: ({ claims }) => ({ owners: claims }),
});

/** @public */
export const layerOwnershipPermissionRules = { isOwnedBy };

const exported = createConditionExports({
  resourceRef: layerOwnershipResourceRef,
  rules: layerOwnershipPermissionRules,
});

/**
 * Conditions for policies, e.g. `layerOwnershipConditions.isOwnedBy({ claims })`.
 *
 * @public
 */
export const layerOwnershipConditions = exported.conditions;

/**
 * Wraps conditions into a decision for `runtime-stack.ownership.update`.
 *
 * @public
 */
export const createLayerOwnershipConditionalDecision =
  exported.createConditionalDecision;
