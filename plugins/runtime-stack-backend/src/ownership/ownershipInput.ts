import { makeValidator } from '@backstage/catalog-model';
import {
  OWNERSHIP_SCOPE_KINDS,
  normalizeEntityRef,
  normalizeOwnershipScope,
  ownershipAssignmentSchema,
  resolveOwnershipTarget,
  type LayerModel,
  type OwnershipScope,
} from '@internal/backstage-plugin-runtime-stack-common';
import { z } from 'zod';
import { INTEGER_COLUMN_MAX } from '../database/integerColumn';
import { queryInteger } from '../http/queryInteger';
import { scopeRefsFor } from '../catalog/scopeRefsFor';
import type { OwnershipFilter } from './OwnershipStore';

const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 50;

const versionSchema = z.number().int().min(1).max(INTEGER_COLUMN_MAX);

export const updateOwnershipBodySchema = ownershipAssignmentSchema.extend({
  version: versionSchema,
});

/** Whether `spec.system` names a System, as the catalog reads it. */
function isSystemRef(ref: string): boolean {
  try {
    normalizeEntityRef(ref, 'system', 'spec.system');
    return true;
  } catch {
    return false;
  }
}

const catalogNames = makeValidator();

/** A Component or System as it is about to be registered. */
const plannedEntitySchema = z.looseObject({
  apiVersion: z.string().default('backstage.io/v1alpha1'),
  kind: z
    .string()
    .regex(/^(component|system)$/i, 'must be Component or System'),
  // Named as the catalog will accept it, or its ref would be one no entity
  // can have (`component:default/a/b`), and the answer about nothing.
  metadata: z.looseObject({
    name: z
      .string()
      .refine(
        name => catalogNames.isValidEntityName(name),
        "must be an entity name: letters and digits, '-', '_' or '.' between them, at most 63 characters",
      ),
    namespace: z
      .string()
      .refine(
        namespace => catalogNames.isValidNamespace(namespace),
        "must be a namespace: lower-case letters and digits, '-' between them, at most 63 characters",
      )
      .optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z
    .looseObject({
      system: z
        .string()
        .refine(
          isSystemRef,
          'must be a System entity ref such as payments or system:default/payments',
        )
        .optional(),
    })
    .optional(),
});

/**
 * `POST /ownership/check`: records to check without writing them, and the
 * Component or System they are about when it is not in the catalog yet
 * (a template checks before it creates anything).
 */
export const checkOwnershipBodySchema = z.strictObject({
  records: z.array(ownershipAssignmentSchema).min(1).max(100),
  entity: plannedEntitySchema.optional(),
});

/**
 * `POST /ownership/planned`: a Component or System not in the catalog yet,
 * whose effective ownership is asked for (the template form's preview).
 */
export const plannedOwnershipBodySchema = z.strictObject({
  entity: plannedEntitySchema,
});

const oneOrMany = z
  .union([z.string(), z.array(z.string())])
  .transform(v => (Array.isArray(v) ? v : [v]));

const pageSchema = {
  limit: queryInteger({ min: 1, max: MAX_PAGE_SIZE }).default(
    DEFAULT_PAGE_SIZE,
  ),
  offset: queryInteger({ min: 0 }).default(0),
};

export const listOwnershipQuerySchema = z.strictObject({
  scopeKind: z.enum(OWNERSHIP_SCOPE_KINDS as [string, ...string[]]).optional(),
  scopeRef: oneOrMany.optional(),
  layer: queryInteger({ min: 0 }).optional(),
  capability: z.string().min(1).optional(),
  owner: oneOrMany.optional(),
  ...pageSchema,
});

export const historyQuerySchema = z.strictObject({
  scopeRef: z.string().min(1).optional(),
  ...pageSchema,
});

export const deleteQuerySchema = z.strictObject({
  version: queryInteger({ min: 1 }),
});

export function toFilter(
  model: LayerModel,
  query: z.output<typeof listOwnershipQuerySchema>,
): OwnershipFilter {
  const scopeKind = query.scopeKind as OwnershipScope['kind'] | undefined;
  // A layer the model lacks, or one its capability is not in, would read as
  // "nobody owns anything there".
  if (query.capability !== undefined || query.layer !== undefined) {
    resolveOwnershipTarget(model, {
      layer: query.layer,
      capability: query.capability,
    });
  }
  return {
    scopeKind,
    scopeRefs: query.scopeRef?.flatMap(ref =>
      scopeKind
        ? [normalizeOwnershipScope(scopeKind, ref, 'scopeRef').ref]
        : scopeRefsFor(ref),
    ),
    layer: query.layer,
    capability: query.capability,
    owners: query.owner?.map(o => normalizeEntityRef(o, 'group', 'owner')),
  };
}
