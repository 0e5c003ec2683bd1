import type { LayerOwnershipInput } from '@internal/backstage-plugin-runtime-stack-common';
import { scopeKindOf } from '../shared/entityScope';
import {
  editTargetOf,
  initialOwnerForm,
  ownerToEdit,
  ownershipInputOf,
  type OwnedCapability,
} from './ownershipEdits';

/**
 * The record to ask `POST /ownership/check` about before a row's "Change
 * owner" opens, when no stored record can be asked about instead: the one
 * saving the dialog unchanged would create, keeping today's owner. The
 * backend refuses it exactly when the user may not act for that owner,
 * which is when it refuses taking the capability over from it.
 *
 * Nothing to ask when the row changes a stored record, or takes over an
 * inherited stored one (the permission framework decides on those records),
 * or when nobody owns the capability yet.
 */
export function takeOverRecordOf(
  capability: OwnedCapability,
  entityRef: string,
): LayerOwnershipInput | undefined {
  const target = editTargetOf(ownerToEdit(capability), scopeKindOf(entityRef));
  if (target.mode === 'update' || !target.owner || target.owner.recordId) {
    return undefined;
  }
  return ownershipInputOf({
    form: initialOwnerForm(target),
    target,
    entityRef,
    capability,
  });
}
