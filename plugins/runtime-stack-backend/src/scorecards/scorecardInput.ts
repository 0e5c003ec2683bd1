import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  normalizeEntityRef,
  resolveOwnershipTarget,
  type LayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import { z } from 'zod';
import { queryInteger } from '../http/queryInteger';
import { addDays } from '../time/days';

const MAX_REASON = 500;
const MAX_EXEMPTION_DAYS = 366;
export const MAX_SCORECARD_PAGE = 500;

const optionalRef = z.string().min(1).max(255).optional();

export const teamScorecardQuerySchema = z.strictObject({
  layer: queryInteger({ min: 0 }).optional(),
  limit: queryInteger({ min: 1, max: MAX_SCORECARD_PAGE }).default(50),
  offset: queryInteger({ min: 0 }).default(0),
});

export const trendQuerySchema = z.strictObject({
  subject: z
    .enum(['estate', 'team', 'layer', 'service', 'system'])
    .default('estate'),
  ref: optionalRef,
  layer: queryInteger({ min: 0 }).optional(),
  days: queryInteger({ min: 1, max: 3660 }).default(90),
});

export const servicesQuerySchema = z.strictObject({
  team: optionalRef,
  system: optionalRef,
  lifecycle: z.string().min(1).max(64).optional(),
  profile: z.string().min(1).max(64).optional(),
  layer: queryInteger({ min: 0 }).optional(),
  status: z
    .enum(['covered', 'partial', 'missing', 'exempt', 'not-required'])
    .optional(),
  search: z.string().max(255).optional(),
  sort: z
    .enum(['entityRef', 'ratio', 'gapCount', 'owner', 'system', 'evaluatedAt'])
    .optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: queryInteger({ min: 1, max: MAX_SCORECARD_PAGE }).default(50),
  offset: queryInteger({ min: 0 }).default(0),
  format: z.enum(['json', 'csv']).default('json'),
});

export const searchServicesQuerySchema = z.strictObject({
  after: z.string().min(1).max(255).optional(),
  limit: queryInteger({ min: 1, max: MAX_SCORECARD_PAGE }).default(200),
});

const MAX_EXEMPTION_PAGE = 1000;

/** Exemptions are of Components and Systems: no other ref can match one. */
function isExemptionScopeRef(ref: string): boolean {
  try {
    const { kind } = parseEntityRef(ref, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    return ['component', 'system'].includes(kind.toLocaleLowerCase('en-US'));
  } catch {
    return false;
  }
}

const exemptionScopeRef = z
  .string()
  .max(255)
  .refine(
    isExemptionScopeRef,
    'must be a Component or System entity ref such as pay-api or system:default/payments',
  );

export const exemptionQuerySchema = z.strictObject({
  scopeRef: z
    .union([exemptionScopeRef, z.array(exemptionScopeRef)])
    .transform(v => (Array.isArray(v) ? v : [v]))
    .optional(),
  expiringWithinDays: queryInteger({ min: 1, max: 3660 }).optional(),
  limit: queryInteger({ min: 1, max: MAX_EXEMPTION_PAGE }).default(200),
  offset: queryInteger({ min: 0 }).default(0),
});

export const exemptionBodySchema = z.strictObject({
  scope: z.strictObject({
    kind: z.enum(['component', 'system']),
    ref: z.string().min(1).max(255),
  }),
  capability: z.string().min(1).max(64),
  reason: z
    .string()
    .trim()
    .min(1, 'must say why the gap is accepted')
    .max(MAX_REASON, `must be at most ${MAX_REASON} characters`),
  expiresAt: z.iso.datetime({
    offset: true,
    error: 'must be an ISO date-time',
  }),
  requestedBy: optionalRef,
});

/** Entity refs in full form, a known capability, an expiry within a year. */
export function normalizeExemption(
  body: z.output<typeof exemptionBodySchema>,
  layerModel: LayerModel,
  caller: string,
  now: Date,
) {
  resolveOwnershipTarget(layerModel, { capability: body.capability });
  const expires = new Date(body.expiresAt);
  if (expires <= now) {
    throw new InputError('Invalid expiresAt: must be in the future');
  }
  if (expires > addDays(now, MAX_EXEMPTION_DAYS)) {
    throw new InputError(
      `Invalid expiresAt: an exemption lasts at most ${MAX_EXEMPTION_DAYS} days; ask again when it expires`,
    );
  }
  return {
    scope: {
      kind: body.scope.kind,
      ref: normalizeEntityRef(body.scope.ref, body.scope.kind, 'scope.ref'),
    },
    capability: body.capability,
    reason: body.reason,
    expiresAt: expires.toISOString(),
    requestedBy: body.requestedBy
      ? normalizeRequester(body.requestedBy)
      : caller,
  };
}

function normalizeRequester(ref: string): string {
  const kind = ref.startsWith('group:') ? 'group' : 'user';
  return normalizeEntityRef(ref, kind, 'requestedBy');
}
