import { parseEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import { ownershipUpdatePermission } from '@internal/backstage-plugin-runtime-stack-common';
import { useState } from 'react';
import { GuardedButton } from '../shared/GuardedButton';
import { ChangeOwnerDialog } from './ChangeOwnerDialog';
import {
  editTargetOf,
  ownerToEdit,
  type OwnedCapability,
  type OwnershipEditTarget,
} from './ownershipEdits';
import { scopeKindOf, scopeNounOf } from '../shared/entityScope';

const ChangeOwnerButton = ({
  capabilityTitle,
  disabledReason,
  onClick,
}: {
  capabilityTitle: string;
  disabledReason?: string;
  onClick: () => void;
}) => (
  <GuardedButton
    disabledReason={disabledReason}
    onClick={onClick}
    aria-label={`Change owner of ${capabilityTitle}`}
  >
    Change owner
  </GuardedButton>
);

const NOT_YOUR_RECORD =
  "This owner record belongs to a group you are not a member of, so you can't change it. Ask that group to change it.";

/**
 * Only a stored record can be checked up front: the permission is
 * conditional on the record. That is the component's own record, or the
 * inherited one (System, cluster) a new component record would take over;
 * an owner from app-config or an annotation is checked by the backend on save.
 */
const RecordPermissionGate = ({
  recordId,
  refusal,
  children,
}: {
  recordId: string;
  refusal: string;
  children: (disabledReason?: string) => JSX.Element;
}) => {
  const { loading, allowed, error } = usePermission({
    permission: ownershipUpdatePermission,
    resourceRef: recordId,
  });
  if (loading) return children('Checking whether you may change this owner…');
  if (error)
    return children(`Could not check your permission: ${error.message}`);
  if (!allowed) return children(refusal);
  return children();
};

/** The stored record whose permission decides, and what a refusal says. */
function permissionGateOf(
  target: OwnershipEditTarget,
  entityRef: string,
): { recordId: string; refusal: string } | undefined {
  if (target.mode === 'update') {
    return { recordId: target.recordId, refusal: NOT_YOUR_RECORD };
  }
  const inherited = target.owner;
  if (!inherited?.recordId) return undefined;
  return {
    recordId: inherited.recordId,
    refusal: `${parseEntityRef(inherited.owner).name} owns this for ${
      inherited.inheritedFrom.ref
    }, and only its members may hand it over to ${scopeNounOf(entityRef)}.`,
  };
}

/** "Change owner" for one capability row, with its dialog. */
export const ChangeOwnerAction = ({
  capability,
  entityRef,
  onChanged,
}: {
  capability: OwnedCapability;
  /** The component or System whose tab it is, as `kind:namespace/name`. */
  entityRef: string;
  onChanged: () => void;
}) => {
  const [open, setOpen] = useState(false);
  const target = editTargetOf(ownerToEdit(capability), scopeKindOf(entityRef));
  const gate = permissionGateOf(target, entityRef);
  const button = (disabledReason?: string) => (
    <ChangeOwnerButton
      capabilityTitle={capability.title}
      disabledReason={disabledReason}
      onClick={() => setOpen(true)}
    />
  );
  return (
    <>
      {gate ? (
        <RecordPermissionGate recordId={gate.recordId} refusal={gate.refusal}>
          {button}
        </RecordPermissionGate>
      ) : (
        button()
      )}
      {open && (
        <ChangeOwnerDialog
          capability={capability}
          target={target}
          entityRef={entityRef}
          onClose={() => setOpen(false)}
          onChanged={onChanged}
        />
      )}
    </>
  );
};
