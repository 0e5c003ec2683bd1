import { usePermission } from '@backstage/plugin-permission-react';
import {
  ownershipUpdatePermission,
  type EffectiveOwner,
} from '@internal/backstage-plugin-runtime-stack-common';
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
import type { TakeOverCheck } from './useTakeOverChecks';
import { isEntityOrigin, originScopeText } from './ownerOrigin';
import { useEntityTitles } from '../shared/useEntityTitles';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  runtimeStackTranslationRef,
  type RuntimeStackT,
} from '../../translation';

/** What the button says, and whether it is blocked, after a check. */
interface ButtonGuard {
  disabledReason?: string;
  note?: string;
}

const ChangeOwnerButton = ({
  capabilityTitle,
  guard = {},
  onClick,
}: {
  capabilityTitle: string;
  guard?: ButtonGuard;
  onClick: () => void;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <GuardedButton
      disabledReason={guard.disabledReason}
      note={guard.note}
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
 * A stored record is checked with the permission framework: the permission
 * is conditional on the record. That is the component's own record, or the
 * inherited one (System, cluster) a new component record would take over.
 * An owner without a record (app-config, an annotation) is asked about with
 * the backend's check instead, once for the whole tab: see `useTakeOverChecks`.
 *
 * A hook rather than a component around the button: a first save gives the
 * row a record, and a wrapper appearing then would replace the button that
 * focus went back to when the dialog closed, dropping focus to the page.
 * Without a gate it answers nothing, and asks nothing of the permission API.
 */
function useRecordPermissionGuard(gate?: {
  recordId: string;
  refusal: string;
}): ButtonGuard | undefined {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const { loading, allowed, error } = usePermission({
    permission: ownershipUpdatePermission,
    resourceRef: gate?.recordId,
  });
  if (!gate) return undefined;
  if (loading) {
    return { disabledReason: t('entityContent.changeOwner.checking') };
  }
  if (error) {
    return {
      disabledReason: t('entityContent.changeOwner.checkFailed', {
        message: errorMessage(error),
      }),
    };
  }
  return allowed ? {} : { disabledReason: gate.refusal };
}

/** Entity titles by ref, and the words of the tab's own entity. */
interface Names {
  titleOf: (entityRef: string) => string;
  scopeNoun: string;
}

/**
 * The button after the backend's take-over check. A check that failed
 * leaves it usable, saying so: saving asks the backend the same. The
 * backend refuses exactly when the user may not act for today's owner,
 * which it names by entity ref: the refusal names it as the catalog does.
 */
function takeOverGuardOf(
  t: RuntimeStackT,
  names: Names,
  owner: string | undefined,
  check?: TakeOverCheck,
): ButtonGuard {
  switch (check?.status) {
    case 'checking':
      return { disabledReason: t('entityContent.changeOwner.checking') };
    case 'refused':
      return {
        disabledReason: owner
          ? t('entityContent.changeOwner.takeOverRefusedBy', {
              owner: names.titleOf(owner),
              target: names.scopeNoun,
            })
          : check.reason || t('entityContent.changeOwner.takeOverRefused'),
      };
    case 'failed':
      return {
        note: t('entityContent.changeOwner.takeOverCheckFailed', {
          message: errorMessage(check.error),
        }),
      };
    default:
      return {};
  }
}

/** The stored record whose permission decides, and what a refusal says. */
function permissionGateOf(
  t: RuntimeStackT,
  target: OwnershipEditTarget,
  names: Names,
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
      owner: names.titleOf(inherited.owner),
      scope: originScopeText(t, inherited.inheritedFrom, names.titleOf),
      target: names.scopeNoun,
    }),
  };
}

/** The entities a refusal may name: the owner, and the entity it is inherited from. */
const namedRefsOf = (owner?: EffectiveOwner): string[] =>
  owner
    ? [
        owner.owner,
        ...(isEntityOrigin(owner.inheritedFrom)
          ? [owner.inheritedFrom.ref]
          : []),
      ]
    : [];

/** "Change owner" for one capability row, with its dialog. */
export const ChangeOwnerAction = ({
  capability,
  entityRef,
  takeOverCheck,
  ownersReadable = true,
  onChanged,
}: {
  capability: OwnedCapability;
  /** The component or System whose tab it is, as `kind:namespace/name`. */
  entityRef: string;
  /** The backend's answer for an owner without a stored record to check. */
  takeOverCheck?: TakeOverCheck;
  /** False when the caller may not read owners at all, rather than they failed to load. */
  ownersReadable?: boolean;
  onChanged: () => void;
}) => {
  const [open, setOpen] = useState(false);
  const target = editTargetOf(ownerToEdit(capability), scopeKindOf(entityRef));
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const names: Names = {
    titleOf: useEntityTitles(namedRefsOf(target.owner)),
    scopeNoun: useScopeNoun()(entityRef),
  };
  const recordGuard = useRecordPermissionGuard(
    permissionGateOf(t, target, names),
  );
  // Not known is not "no owner": saving would override owners nobody saw.
  const guard: ButtonGuard =
    capability.owners === undefined
      ? {
          disabledReason: ownersReadable
            ? t('entityContent.changeOwner.ownersUnread')
            : t('entityContent.changeOwner.ownersRefused'),
        }
      : recordGuard ??
        takeOverGuardOf(t, names, target.owner?.owner, takeOverCheck);
  return (
    <>
      <ChangeOwnerButton
        capabilityTitle={capability.title}
        guard={guard}
        onClick={() => setOpen(true)}
      />
      {open && (
        <ChangeOwnerDialog
          capability={capability}
          latestTarget={target}
          entityRef={entityRef}
          onClose={() => setOpen(false)}
          onChanged={onChanged}
        />
      )}
    </>
  );
};
