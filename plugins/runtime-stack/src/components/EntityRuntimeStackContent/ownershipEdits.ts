import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  CapabilityCoverage,
  EffectiveOwner,
  LayerOwnershipInput,
  OwnershipResponsibility,
} from '@internal/backstage-plugin-runtime-stack-common';
import { errorMessage, statusOf } from '../shared/errorMessage';
import { scopeKindOf, type EntityScopeKind } from '../shared/entityScope';
import type { RuntimeStackT } from '../../translation';

/**
 * What saving the "Change owner" dialog does: change the component's own
 * record in place, or create one that overrides what is inherited.
 */
export type OwnershipEditTarget =
  | { mode: 'update'; owner: EffectiveOwner; recordId: string; version: number }
  | { mode: 'create'; owner?: EffectiveOwner };

/** What the owner dialogs need of a capability: which one, its title, its owners. */
export type OwnedCapability = Pick<
  CapabilityCoverage,
  'capability' | 'layer' | 'title' | 'owners'
>;

/**
 * The owner a capability row edits: the operating owner when there is one,
 * since that is who people mean by "the owner", else the first listed.
 */
export function ownerToEdit(
  capability: OwnedCapability,
): EffectiveOwner | undefined {
  const owners = capability.owners ?? [];
  return owners.find(o => o.responsibility === 'operates') ?? owners[0];
}

/**
 * Updates only a record that this component (or System, on its tab) stores
 * for this very capability. A layer-wide record of it is left alone (changing
 * it from one capability's row would move the whole layer), and inherited
 * owners are overridden by a new record of its own rather than changed at
 * their scope.
 */
export function editTargetOf(
  owner: EffectiveOwner | undefined,
  ownScope: EntityScopeKind = 'component',
): OwnershipEditTarget {
  if (
    owner &&
    owner.inheritedFrom.kind === ownScope &&
    owner.inheritedFrom.source === 'store' &&
    owner.via === 'capability' &&
    owner.recordId &&
    owner.version !== undefined
  ) {
    return {
      mode: 'update',
      owner,
      recordId: owner.recordId,
      version: owner.version,
    };
  }
  return { mode: 'create', owner };
}

const GROUP_REF =
  /^group:(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)?[a-z0-9]+(?:[-_.][a-z0-9]+)*$/i;

/** `group:namespace/name` or `group:name`, as typed in the dialog. */
export function isGroupRef(value: string): boolean {
  return GROUP_REF.test(value.trim());
}

/** Stored refs are full ones, so the backend can compare them with the user's groups. */
export function toFullGroupRef(value: string): string {
  return stringifyEntityRef(
    parseEntityRef(value.trim(), { defaultNamespace: 'default' }),
  );
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export interface OwnerForm {
  owner: string;
  responsibility: OwnershipResponsibility;
  note: string;
  link: string;
}

/** Starts from the edited record; a new record starts blank but for owner and responsibility. */
export function initialOwnerForm(target: OwnershipEditTarget): OwnerForm {
  const owner = target.owner;
  return {
    owner: owner?.owner ?? '',
    responsibility: owner?.responsibility ?? 'operates',
    note: target.mode === 'update' ? owner?.note ?? '' : '',
    link: target.mode === 'update' ? owner?.link ?? '' : '',
  };
}

export function ownerFormErrors(
  t: RuntimeStackT,
  form: OwnerForm,
): Partial<Record<keyof OwnerForm, string>> {
  const errors: Partial<Record<keyof OwnerForm, string>> = {};
  if (!isGroupRef(form.owner)) {
    errors.owner = t('entityContent.changeOwner.ownerInvalid');
  }
  if (form.link.trim() && !isHttpUrl(form.link.trim())) {
    errors.link = t('entityContent.changeOwner.linkInvalid');
  }
  return errors;
}

/** The request body: the entity's own scope, this capability, what the form says. */
export function ownershipInputOf(options: {
  form: OwnerForm;
  target: OwnershipEditTarget;
  entityRef: string;
  capability: Pick<CapabilityCoverage, 'capability' | 'layer'>;
}): LayerOwnershipInput {
  const { form, target, entityRef, capability } = options;
  const note = form.note.trim();
  const link = form.link.trim();
  return {
    scope: {
      kind: scopeKindOf(entityRef),
      // An update keeps the record's own scope ref, however the backend spelled it.
      ref:
        target.mode === 'update' ? target.owner.inheritedFrom.ref : entityRef,
    },
    layer: capability.layer,
    capability: capability.capability,
    owner: toFullGroupRef(form.owner),
    responsibility: form.responsibility,
    ...(note ? { note } : {}),
    ...(link ? { link } : {}),
  };
}

/** A failed save, in the words the dialog shows. */
export type OwnershipWriteProblem =
  | { kind: 'conflict'; message: string; changedBy?: string; at?: string }
  | { kind: 'denied'; message: string }
  | { kind: 'other'; message: string };

const CONFLICT = /changed by (\S+) at (.+?): it is at version/;

export function explainWriteError(error: unknown): OwnershipWriteProblem {
  // The backend's own message says who and what; the ResponseError's is only the status.
  const message = errorMessage(error);
  const status = statusOf(error);
  if (status === 409) {
    const match = CONFLICT.exec(message);
    return { kind: 'conflict', message, changedBy: match?.[1], at: match?.[2] };
  }
  if (status === 403) return { kind: 'denied', message };
  return { kind: 'other', message };
}
