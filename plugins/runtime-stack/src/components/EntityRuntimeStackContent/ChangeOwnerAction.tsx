import { parseEntityRef } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import { ownershipUpdatePermission } from '@internal/backstage-plugin-runtime-stack-common';
import { useState } from 'react';
import { GuardedButton } from '../shared/GuardedButton';
import { errorMessage } from '../shared/errorMessage';
import { ChangeOwnerDialog } from './ChangeOwnerDialog';
import {
  editTargetOf,
  ownerToEdit,
  type OwnedCapability,
  type OwnershipEditTarget,
} from './ownershipEdits';
import { scopeKindOf, useScopeNoun } from '../shared/entityScope';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  runtimeStackTranslationRef,
  type RuntimeStackT,
} from '../../translation';

const ChangeOwnerButton = ({
  capabilityTitle,
  disabledReason,
  onClick,
}: {
  capabilityTitle: string;
  disabledReason?: string;
  onClick: () => void;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <GuardedButton
      disabledReason={disabledReason}
      onClick={onClick}
      aria-label={t('entityContent.changeOwner.buttonLabel', {
        capability: capabilityTitle,
      })}
    >
      {t('entityContent.changeOwner.button')}
    </GuardedButton>
  );
};

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
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const { loading, allowed, error } = usePermission({
    permission: ownershipUpdatePermission,
    resourceRef: recordId,
  });
  if (loading) return children(t('entityContent.changeOwner.checking'));
  if (error) {
    return children(
      t('entityContent.changeOwner.checkFailed', {
        message: errorMessage(error),
      }),
    );
  }
  if (!allowed) return children(refusal);
  return children();
};

/** The stored record whose permission decides, and what a refusal says. */
function permissionGateOf(
  t: RuntimeStackT,
  target: OwnershipEditTarget,
  scopeNoun: string,
): { recordId: string; refusal: string } | undefined {
  if (target.mode === 'update') {
    return {
      recordId: target.recordId,
      refusal: t('entityContent.changeOwner.notYourRecord'),
    };
  }
  const inherited = target.owner;
  if (!inherited?.recordId) return undefined;
  return {
    recordId: inherited.recordId,
    refusal: t('entityContent.changeOwner.notYourInherited', {
      owner: parseEntityRef(inherited.owner).name,
      scope: inherited.inheritedFrom.ref,
      target: scopeNoun,
    }),
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
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const scopeNoun = useScopeNoun()(entityRef);
  const gate = permissionGateOf(t, target, scopeNoun);
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
