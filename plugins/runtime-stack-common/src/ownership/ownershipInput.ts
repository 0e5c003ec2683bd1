import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import type { LayerModel } from '../layers/types';
import { nulCharacterPath } from './nulCharacterPath';
import {
  OWNERSHIP_RESPONSIBILITIES,
  OWNERSHIP_SCOPE_KINDS,
  type LayerOwnership,
  type OwnershipScope,
} from './types';

/**
 * The checks an ownership record's fields get wherever it is written (the
 * backend's REST API, its config defaults, the template's
 * `runtime-stack:ownership:record` step), so each refuses the same input
 * with the same message.
 */

/**
 * The longest note a record may carry.
 *
 * @public
 */
export const MAX_OWNERSHIP_NOTE_LENGTH = 2000;

// The longest entity ref the backend stores (its columns are varchar(255)).
const MAX_ENTITY_REF_LENGTH = 255;

// Cluster and environment names follow Kubernetes' DNS label rules.
const CLUSTER_NAME = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;

/**
 * A record's fields as a caller sends them, before normalisation.
 *
 * @public
 */
export const ownershipAssignmentSchema = z.strictObject({
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
    .max(
      MAX_OWNERSHIP_NOTE_LENGTH,
      `must be at most ${MAX_OWNERSHIP_NOTE_LENGTH} characters`,
    )
    .optional(),
  link: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2048)
    .optional(),
});

/**
 * A record's fields, checked and normalised: full entity refs, the target
 * resolved to its layer.
 *
 * @public
 */
export type OwnershipAssignment = Pick<
  LayerOwnership,
  | 'scope'
  | 'layer'
  | 'capability'
  | 'owner'
  | 'responsibility'
  | 'note'
  | 'link'
>;

/** `field` under `at`, e.g. `entries[0].owner`. */
const under = (at: string | undefined, field: string) =>
  at ? `${at}.${field}` : field;

/** A path in the caller's input as messages name it, e.g. `records.0.note`. */
const pathText = (path: ReadonlyArray<PropertyKey>) =>
  path.map(String).join('.').replaceAll('\u0000', '\\0');

const issueText = (path: ReadonlyArray<PropertyKey>, message: string) =>
  path.length > 0 ? `${pathText(path)}: ${message}` : message;

/**
 * Parses with a zod schema, turning every issue into one InputError that
 * names the field, e.g. `Invalid body: scope.kind: Invalid option ...`.
 * A string anywhere in the input holding a NUL character is refused too:
 * no schema needs to say so for each field.
 *
 * @public
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const nulAt = nulCharacterPath(value);
  if (nulAt) {
    throw new InputError(
      `Invalid ${what}: ${issueText(
        nulAt,
        'must not contain the NUL character (U+0000)',
      )}`,
    );
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues
      .map(issue => issueText(issue.path, issue.message))
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return result.data;
}

/**
 * The full entity ref of the expected kind, or an InputError naming the field.
 *
 * @public
 */
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
  const normalized = stringifyEntityRef(parsed);
  // Checked in full form, as it is stored: a short ref within a schema's
  // limit can outgrow it once its kind and namespace are added.
  if (normalized.length > MAX_ENTITY_REF_LENGTH) {
    throw new InputError(
      `Invalid ${field}: as a full entity ref it is ${normalized.length} characters long, more than ${MAX_ENTITY_REF_LENGTH}`,
    );
  }
  return normalized;
}

/**
 * A normalised scope: entity refs in full form, cluster and environment
 * names checked.
 *
 * @public
 */
export function normalizeOwnershipScope(
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

/**
 * Resolves a record's target against the layer model: a whole layer, or a
 * capability and its layer.
 *
 * @param at - where the target sits in the caller's input, for messages
 * @public
 */
export function resolveOwnershipTarget(
  model: LayerModel,
  target: { layer?: number; capability?: string },
  at?: string,
): { layer: number; capability?: string } {
  if (target.capability !== undefined) {
    const layer = model.layers.find(l =>
      l.capabilities.some(c => c.id === target.capability),
    );
    if (!layer) {
      throw new InputError(
        `Invalid ${under(at, 'capability')}: '${
          target.capability
        }' is not a capability of the layer model`,
      );
    }
    if (target.layer !== undefined && target.layer !== layer.id) {
      throw new InputError(
        `Invalid ${under(at, 'layer')}: capability '${
          target.capability
        }' belongs to layer ${layer.id}, not ${target.layer}`,
      );
    }
    return { layer: layer.id, capability: target.capability };
  }
  const range = `0-${model.layers.length - 1}`;
  if (target.layer === undefined) {
    throw new InputError(
      `Invalid ${under(
        at,
        'layer',
      )}: give a layer (${range}) or a capability for the record to cover`,
    );
  }
  if (!model.layers.some(l => l.id === target.layer)) {
    throw new InputError(
      `Invalid ${under(at, 'layer')}: ${
        target.layer
      } is not a layer of the model (${range})`,
    );
  }
  return { layer: target.layer };
}

/**
 * A record's fields, already shaped by {@link ownershipAssignmentSchema},
 * checked against the layer model and normalised; the owner is not checked
 * against the catalog here.
 *
 * @param at - where the record sits in the caller's input (e.g.
 *   `entries[0]`), for messages; without it they name bare fields
 * @public
 */
export function toOwnershipAssignment(
  model: LayerModel,
  body: z.output<typeof ownershipAssignmentSchema>,
  at?: string,
): OwnershipAssignment {
  return {
    scope: normalizeOwnershipScope(
      body.scope.kind as OwnershipScope['kind'],
      body.scope.ref,
      under(at, 'scope.ref'),
    ),
    ...resolveOwnershipTarget(model, body, at),
    owner: normalizeEntityRef(body.owner, 'group', under(at, 'owner')),
    responsibility:
      body.responsibility as OwnershipAssignment['responsibility'],
    ...(body.note ? { note: body.note } : {}),
    ...(body.link ? { link: body.link } : {}),
  };
}

/**
 * Shapes, checks and normalises a record's fields as a caller sent them.
 *
 * @param at - where the record sits in the caller's input, for messages
 * @public
 */
export function parseOwnershipAssignment(
  model: LayerModel,
  value: unknown,
  at?: string,
): OwnershipAssignment {
  return toOwnershipAssignment(
    model,
    parseInput(ownershipAssignmentSchema, value, at ?? 'body'),
    at,
  );
}
