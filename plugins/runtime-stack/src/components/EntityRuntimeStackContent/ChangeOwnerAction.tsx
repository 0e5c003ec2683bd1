import { usePermission } from '@backstage/plugin-permission-react';
import {
  ownershipUpdatePermission,
  type CapabilityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { useState } from 'react';
import { ChangeOwnerDialog } from './ChangeOwnerDialog';
import { editTargetOf, ownerToEdit } from './ownershipEdits';

const ChangeOwnerButton = ({
  capabilityTitle,
  disabledReason,
  onClick,
}: {
  capabilityTitle: string;
  disabledReason?: string;
  onClick: () => void;
}) => {
  const button = (
    <Button
      size="small"
      onClick={onClick}
      disabled={Boolean(disabledReason)}
      aria-label={`Change owner of ${capabilityTitle}`}
    >
      Change owner
    </Button>
  );
  if (!disabledReason) return button;
  // A disabled button gets no pointer events, so the tooltip hangs on a wrapper.
  return (
    <Tooltip title={disabledReason}>
      <span>{button}</span>
    </Tooltip>
  );
};

/**
 * Only an existing record can be checked up front: the permission is
 * conditional on the record. A new record is checked by the backend on save.
 */
const RecordPermissionGate = ({
  recordId,
  children,
}: {
  recordId: string;
  children: (disabledReason?: string) => JSX.Element;
}) => {
  const { loading, allowed, error } = usePermission({
    permission: ownershipUpdatePermission,
    resourceRef: recordId,
  });
  if (loading) return children('Checking whether you may change this owner…');
  if (error)
    return children(`Could not check your permission: ${error.message}`);
  if (!allowed) {
    return children(
      "This owner record belongs to a group you are not a member of, so you can't change it. Ask that group to change it.",
    );
  }
  return children();
};

/** "Change owner" for one capability row, with its dialog. */
export const ChangeOwnerAction = ({
  capability,
  entityRef,
  onChanged,
}: {
  capability: CapabilityCoverage;
  entityRef: string;
  onChanged: () => void;
}) => {
  const [open, setOpen] = useState(false);
  const target = editTargetOf(ownerToEdit(capability));
  const button = (disabledReason?: string) => (
    <ChangeOwnerButton
      capabilityTitle={capability.title}
      disabledReason={disabledReason}
      onClick={() => setOpen(true)}
    />
  );
  return (
    <>
      {target.mode === 'update' ? (
        <RecordPermissionGate recordId={target.recordId}>
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
