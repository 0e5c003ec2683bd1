import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  OWNERSHIP_RESPONSIBILITIES,
  OWNERSHIP_SCOPE_KINDS,
  type LayerModel,
  type OwnershipScope,
} from '@internal/backstage-plugin-runtime-stack-common';
import { z } from 'zod';
import type {
  OwnershipAssignment,
  OwnershipFilter,
  Page,
} from './OwnershipStore';

export const MAX_NOTE_LENGTH = 2000;
const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 50;

// Cluster and environment names follow Kubernetes' DNS label rules.
const CLUSTER_NAME = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;

const assignmentSchema = z.strictObject({
  scope: z.strictObject({
    kind: z.enum(OWNERSHIP_SCOPE_KINDS as [string, ...string[]]),
    ref: z.string().min(1).max(255),
  }),
  layer: z.number().int().min(0).optional(),
  capability: z.string().min(1).max(64).optional(),
  owner: z.string().min(1).max(255),
  responsibility: z.enum(OWNERSHIP_RESPONSIBILITIES as [string, ...string[]]),
  note: z
    .string()
    .max(MAX_NOTE_LENGTH, `must be at most ${MAX_NOTE_LENGTH} characters`)
    .optional(),
  link: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2048)
    .optional(),
});

const versionSchema = z.number().int().min(1);

export const createOwnershipBodySchema = assignmentSchema;
export const updateOwnershipBodySchema = assignmentSchema.extend({
  version: versionSchema,
});

const oneOrMany = z
  .union([z.string(), z.array(z.string())])
  .transform(v => (Array.isArray(v) ? v : [v]));

const pageSchema = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE),
  offset: z.coerce.number().int().min(0).default(0),
};

export const listOwnershipQuerySchema = z.strictObject({
  scopeKind: z.enum(OWNERSHIP_SCOPE_KINDS as [string, ...string[]]).optional(),
  scopeRef: oneOrMany.optional(),
  layer: z.coerce.number().int().min(0).optional(),
  capability: z.string().min(1).optional(),
  owner: oneOrMany.optional(),
  ...pageSchema,
});

export const historyQuerySchema = z.strictObject({
  scopeRef: z.string().min(1).optional(),
  ...pageSchema,
});

export const deleteQuerySchema = z.strictObject({
  version: z.coerce.number().int().min(1),
});

/**
 * Parses with a zod schema, turning every issue into one 400 that names the
 * field, e.g. `Invalid input: scope.kind: Invalid option ...`.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues
      .map(issue => {
        const path = issue.path.map(String).join('.');
        return path ? `${path}: ${issue.message}` : issue.message;
      })
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return result.data;
}

/** A normalised scope: entity refs in full form, names checked. */
export function normalizeScope(
  kind: OwnershipScope['kind'],
  ref: string,
  field = 'scope.ref',
): OwnershipScope {
  if (kind === 'cluster' || kind === 'environment') {
    if (!CLUSTER_NAME.test(ref)) {
      throw new InputError(
        `Invalid ${field}: a ${kind} is named like a DNS label (a-z, 0-9, '-', '.'), got '${ref}'`,
      );
    }
    return { kind, ref };
  }
  return { kind, ref: normalizeEntityRef(ref, kind, field) };
}

/** Full entity ref of the expected kind, or a 400 naming the field. */
export function normalizeEntityRef(
  ref: string,
  expectedKind: string,
  field: string,
): string {
  let parsed;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind: expectedKind,
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `Invalid ${field}: '${ref}' is not an entity ref (${
        (error as Error).message
      })`,
    );
  }
  if (parsed.kind.toLocaleLowerCase('en-US') !== expectedKind) {
    throw new InputError(
      `Invalid ${field}: expected a ${expectedKind} entity ref such as ${expectedKind}:default/name, got '${ref}'`,
    );
  }
  return stringifyEntityRef(parsed);
}

/** Resolves the target against the layer model: a layer, or a capability and its layer. */
export function resolveTarget(
  model: LayerModel,
  target: { layer?: number; capability?: string },
): { layer: number; capability?: string } {
  if (target.capability !== undefined) {
    const layer = model.layers.find(l =>
      l.capabilities.some(c => c.id === target.capability),
    );
    if (!layer) {
      throw new InputError(
        `Invalid capability: '${target.capability}' is not a capability of the layer model`,
      );
    }
    if (target.layer !== undefined && target.layer !== layer.id) {
      throw new InputError(
        `Invalid layer: capability '${target.capability}' belongs to layer ${layer.id}, not ${target.layer}`,
      );
    }
    return { layer: layer.id, capability: target.capability };
  }
  if (target.layer === undefined) {
    throw new InputError(
      'Invalid layer: give a layer (0-6) or a capability for the record to cover',
    );
  }
  if (!model.layers.some(l => l.id === target.layer)) {
    throw new InputError(
      `Invalid layer: ${target.layer} is not a layer of the model (0-${
        model.layers.length - 1
      })`,
    );
  }
  return { layer: target.layer };
}

/** A validated request body as the store's assignment; the owner is not yet checked against the catalog. */
export function toAssignment(
  model: LayerModel,
  body: z.output<typeof createOwnershipBodySchema>,
): OwnershipAssignment {
  return {
    scope: normalizeScope(
      body.scope.kind as OwnershipScope['kind'],
      body.scope.ref,
    ),
    ...resolveTarget(model, body),
    owner: normalizeEntityRef(body.owner, 'group', 'owner'),
    responsibility:
      body.responsibility as OwnershipAssignment['responsibility'],
    ...(body.note ? { note: body.note } : {}),
    ...(body.link ? { link: body.link } : {}),
  };
}

export function toFilter(
  model: LayerModel,
  query: z.output<typeof listOwnershipQuerySchema>,
): { filter: OwnershipFilter; page: Page } {
  const scopeKind = query.scopeKind as OwnershipScope['kind'] | undefined;
  if (query.capability !== undefined) {
    resolveTarget(model, { capability: query.capability });
  }
  return {
    filter: {
      scopeKind,
      scopeRefs: query.scopeRef?.map(ref =>
        scopeKind ? normalizeScope(scopeKind, ref, 'scopeRef').ref : ref,
      ),
      layer: query.layer,
      capability: query.capability,
      owners: query.owner?.map(o => normalizeEntityRef(o, 'group', 'owner')),
    },
    page: { limit: query.limit, offset: query.offset },
  };
}
