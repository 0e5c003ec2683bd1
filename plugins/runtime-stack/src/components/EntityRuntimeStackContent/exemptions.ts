import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  CoverageExemption,
  Exemption,
  ExemptionInput,
  LayerModel,
  ServiceCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import { errorMessage, statusOf } from '../shared/errorMessage';
import { scopeKindOf } from '../shared/entityScope';
import type { RuntimeStackT } from '../../translation';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The most a reason may say, as the backend allows. */
export const MAX_REASON_LENGTH = 500;

/** How an exemption's expiry reads, and whether it already counts as missing. */
export function describeExpiry(
  t: RuntimeStackT,
  expiresAt: string,
  now: Date = new Date(),
): { expired: boolean; days: number; text: string } {
  const time = new Date(expiresAt).getTime();
  if (Number.isNaN(time)) {
    return {
      expired: false,
      days: 0,
      text: t('exemptions.expiry.unknown', { expiresAt }),
    };
  }
  const left = time - now.getTime();
  if (left <= 0) {
    const ago = Math.floor(-left / DAY_MS);
    return {
      expired: true,
      days: -ago,
      text:
        ago === 0
          ? t('exemptions.expiry.today')
          : t('exemptions.expiry.ago', { count: ago }),
    };
  }
  const days = Math.ceil(left / DAY_MS);
  return {
    expired: false,
    days,
    text: t('exemptions.expiry.in', { count: days }),
  };
}

/** `2026-11-23`, the UTC calendar day of a moment. */
export const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The day an exemption expires, as its grant picked it: the UTC calendar
 * day, since it ends at 00:00 UTC of that day. In local time that moment is
 * the evening before west of Greenwich, so every view names the UTC day.
 * The raw text if it is not a date.
 */
export function expiryDay(expiresAt: string): string {
  const date = new Date(expiresAt);
  return Number.isNaN(date.getTime()) ? expiresAt : utcDay(date);
}

/**
 * The days an expiry may be picked from: tomorrow up to a year from today,
 * in UTC since an exemption ends at 00:00 UTC of its day.
 */
export function expiryBounds(now: Date = new Date()): {
  min: string;
  max: string;
} {
  const tomorrow = new Date(now.getTime() + DAY_MS);
  const inAYear = new Date(now.getTime());
  inAYear.setUTCFullYear(inAYear.getUTCFullYear() + 1);
  return { min: utcDay(tomorrow), max: utcDay(inAYear) };
}

/** The moment an exemption picked for `day` ends: 00:00 UTC of that day. */
export function expiresAtOf(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || utcDay(date) !== day
    ? undefined
    : date.toISOString();
}

const PERSON_REF =
  /^(user|group):(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)?[a-z0-9]+(?:[-_.][a-z0-9]+)*$/i;

export interface ExemptionForm {
  capability: string;
  reason: string;
  /** `YYYY-MM-DD` from the date input. */
  expiresOn: string;
  /** A User or Group ref, or empty for the caller. */
  requestedBy: string;
}

export type ExemptionFormErrors = Partial<Record<keyof ExemptionForm, string>>;

export function exemptionFormErrors(
  t: RuntimeStackT,
  form: ExemptionForm,
  now: Date = new Date(),
): ExemptionFormErrors {
  const errors: ExemptionFormErrors = {};
  if (!form.capability) {
    errors.capability = t('exemptions.formErrors.noCapability');
  }
  const reason = form.reason.trim();
  if (!reason) {
    errors.reason = t('exemptions.formErrors.noReason');
  } else if (reason.length > MAX_REASON_LENGTH) {
    errors.reason = t('exemptions.formErrors.reasonTooLong', {
      max: MAX_REASON_LENGTH,
      length: reason.length,
    });
  }
  const expiresAt = form.expiresOn ? expiresAtOf(form.expiresOn) : undefined;
  if (!form.expiresOn) {
    errors.expiresOn = t('exemptions.formErrors.noExpiry');
  } else if (!expiresAt) {
    errors.expiresOn = t('exemptions.formErrors.expiryFormat');
  } else {
    const { min, max } = expiryBounds(now);
    if (form.expiresOn < min) {
      errors.expiresOn = t('exemptions.formErrors.expiryPast');
    } else if (form.expiresOn > max) {
      errors.expiresOn = t('exemptions.formErrors.expiryTooLate');
    }
  }
  const requestedBy = form.requestedBy.trim();
  if (requestedBy && !PERSON_REF.test(requestedBy)) {
    errors.requestedBy = t('exemptions.formErrors.requestedBy');
  }
  return errors;
}

/** The request body for this component or System; refs are stored in full. */
export function exemptionInputOf(
  form: ExemptionForm,
  entityRef: string,
): ExemptionInput {
  const requestedBy = form.requestedBy.trim();
  return {
    scope: { kind: scopeKindOf(entityRef), ref: entityRef },
    capability: form.capability,
    reason: form.reason.trim(),
    expiresAt: expiresAtOf(form.expiresOn) ?? form.expiresOn,
    ...(requestedBy
      ? {
          requestedBy: stringifyEntityRef(
            parseEntityRef(requestedBy, { defaultNamespace: 'default' }),
          ),
        }
      : {}),
  };
}

/** A failed write in the words a dialog shows: the backend's message, not only the status. */
export function explainExemptionError(
  t: RuntimeStackT,
  error: unknown,
  action: 'grant' | 'revoke',
): string {
  const message = errorMessage(error);
  switch (statusOf(error)) {
    case 403:
      return t(`exemptions.writeErrors.${action}Denied`, { message });
    case 409:
      return t(`exemptions.writeErrors.${action}Conflict`, { message });
    default:
      return t(`exemptions.writeErrors.${action}Failed`, { message });
  }
}

/**
 * The capabilities an exemption may be granted for on a service: the
 * engine's gaps (required, missing or partial). Covered, not required and
 * already exempt capabilities have no gap to accept.
 */
export function exemptionGapsOf(coverage: ServiceCoverage): string[] {
  return coverage.gaps.map(c => c.capability);
}

/** Capabilities of the model from the application (6) down, for pickers and titles. */
export function capabilitiesOf(
  model: LayerModel | undefined,
): Array<{ id: string; title: string; layer: number }> {
  if (!model) return [];
  return [...model.layers]
    .sort((a, b) => b.id - a.id)
    .flatMap(layer =>
      layer.capabilities.map(c => ({
        id: c.id,
        title: c.title,
        layer: layer.id,
      })),
    );
}

/** Soonest expiry first; one exemption listed once even if both scopes return it. */
export function sortExemptions(exemptions: Exemption[]): Exemption[] {
  const byId = new Map(exemptions.map(e => [e.id, e]));
  return [...byId.values()].sort(
    (a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt),
  );
}

/** The exemption in words; its reason only where the reader was told it. */
export function exemptionText(
  t: RuntimeStackT,
  { reason, expiresAt }: CoverageExemption,
): string {
  if (reason === undefined) {
    return expiresAt
      ? t('entityContent.stack.exemptNoReasonUntil', {
          date: expiryDay(expiresAt),
        })
      : t('entityContent.stack.exemptNoReason');
  }
  return expiresAt
    ? t('entityContent.stack.exemptUntil', {
        reason,
        date: expiryDay(expiresAt),
      })
    : t('entityContent.stack.exempt', { reason });
}
