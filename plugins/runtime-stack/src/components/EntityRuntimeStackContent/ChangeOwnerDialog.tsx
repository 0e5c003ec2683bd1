import { useAnalytics, useApi } from '@backstage/frontend-plugin-api';
import {
  OWNERSHIP_RESPONSIBILITIES,
  type OwnershipResponsibility,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState, type FormEvent, type ReactNode } from 'react';
import { runtimeStackApiRef } from '../../api';
import { EntityRefPicker } from '../shared/EntityRefPicker';
import { RefLink } from '../shared/RefLink';
import { useCoverageRefresh } from './coverageRefresh';
import { formatWhen } from './formatWhen';
import { describeOwnerOrigin } from './ownerOrigin';
import { usePinnedEditTarget } from './usePinnedEditTarget';
import { responsibilityText } from './responsibilityText';
import { scopeKindOf, useScopeNoun } from '../shared/entityScope';
import {
  explainWriteError,
  initialOwnerForm,
  isGroupRef,
  ownerFormErrors,
  ownershipInputOf,
  toFullGroupRef,
  type OwnerForm,
  type OwnershipEditTarget,
  type OwnedCapability,
  type OwnershipWriteProblem,
} from './ownershipEdits';
import { errorMessage } from '../shared/errorMessage';
import { useSettledAnswer } from '../shared/useSettledAnswer';
import { ErrorText } from '../shared/ErrorText';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  runtimeStackTranslationRef,
  type RuntimeStackT,
} from '../../translation';

/** What saving will do, so nobody is surprised by an override or an edit in place. */
const TargetExplanation = ({
  target,
  entityRef,
}: {
  target: OwnershipEditTarget;
  entityRef: string;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const { owner } = target;
  const scope = useScopeNoun()(entityRef);
  let text: ReactNode;
  if (target.mode === 'update') {
    text = t('entityContent.changeOwner.updates', {
      scope,
      version: String(target.version),
    });
  } else if (owner) {
    text = t('entityContent.changeOwner.overrides', {
      owner: <RefLink entityRef={owner.owner} defaultKind="group" />,
      responsibility: responsibilityText(t, owner.responsibility),
      origin: describeOwnerOrigin(t, owner, scopeKindOf(entityRef)),
      scope,
    });
  } else {
    text = t('entityContent.changeOwner.noOwner', { scope });
  }
  return (
    <Typography variant="body2" color="textSecondary" paragraph>
      {text}
    </Typography>
  );
};

function reloadStatus(
  t: RuntimeStackT,
  waiting: boolean,
  error?: Error,
): string {
  if (waiting) return t('entityContent.changeOwner.reloading');
  if (error) {
    return t('entityContent.changeOwner.reloadFailed', {
      message: errorMessage(error),
    });
  }
  return t('entityContent.changeOwner.reloaded');
}

const ProblemMessage = ({
  problem,
  onReload,
}: {
  problem: OwnershipWriteProblem;
  onReload: () => void;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  if (problem.kind !== 'conflict') {
    return (
      <ErrorText role="alert">
        {problem.kind === 'denied'
          ? t('entityContent.changeOwner.denied', { message: problem.message })
          : t('entityContent.changeOwner.saveFailed', {
              message: problem.message,
            })}
      </ErrorText>
    );
  }
  const actor = problem.changedBy && (
    <RefLink entityRef={problem.changedBy} defaultKind="user" />
  );
  return (
    <Box role="alert" display="flex" alignItems="center" style={{ gap: 8 }}>
      <ErrorText>
        {actor && problem.at
          ? t('entityContent.changeOwner.changedByAt', {
              actor,
              when: formatWhen(problem.at),
            })
          : null}
        {actor && !problem.at
          ? t('entityContent.changeOwner.changedBy', { actor })
          : null}
        {!actor &&
          t('entityContent.changeOwner.conflict', {
            message: problem.message,
          })}
      </ErrorText>
      <Button variant="outlined" size="small" onClick={onReload}>
        {t('entityContent.changeOwner.reload')}
      </Button>
    </Box>
  );
};

/**
 * Why the backend would refuse the owner picked for a new record, asked as
 * soon as the pick settles, so nobody fills in a note only for Save to say
 * no. Only a new record is asked about: the check is the one creating runs,
 * and an edit in place was already cleared by its button. Nor is the owner
 * the dialog opened with: an error before the user has done anything reads
 * as the dialog's fault. An answer not had (still asking, or the check
 * failed) blocks nothing: saving asks again.
 */
function useNewOwnerRefusal(
  form: OwnerForm,
  target: OwnershipEditTarget,
  entityRef: string,
  capability: OwnedCapability,
): string | undefined {
  const picked =
    isGroupRef(form.owner) &&
    (!target.owner ||
      toFullGroupRef(form.owner) !== toFullGroupRef(target.owner.owner));
  const input =
    target.mode === 'create' && picked
      ? ownershipInputOf({
          // Only who and how decide; a note or link would only ask again.
          form: { ...form, note: '', link: '' },
          target,
          entityRef,
          capability,
        })
      : undefined;
  const answer = useSettledAnswer(input, async (api, record) => {
    const [result] = await api.checkOwnership([record]);
    return result;
  });
  const result = answer.value;
  return result && !result.allowed && result.refusal !== 'not-found'
    ? result.reason
    : undefined;
}

/**
 * Sets the owner of one capability for this component (or System). It saves
 * over the record it showed when it opened, whatever reloads meanwhile (see
 * `usePinnedEditTarget`); after a conflict, Reload moves it to the current
 * version while the user's input stays.
 */
export const ChangeOwnerDialog = ({
  capability,
  latestTarget,
  entityRef,
  onClose,
  onChanged,
}: {
  capability: OwnedCapability;
  /** The target as the coverage on screen has it now. */
  latestTarget: OwnershipEditTarget;
  entityRef: string;
  onClose: () => void;
  onChanged: () => void;
}) => {
  const api = useApi(runtimeStackApiRef);
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const analytics = useAnalytics();
  const { refreshing, refreshError } = useCoverageRefresh();
  const { target, adoptNextLoad, awaitingLoad } = usePinnedEditTarget(
    latestTarget,
    capability,
    refreshing,
  );
  const [form, setForm] = useState<OwnerForm>(() => initialOwnerForm(target));
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<OwnershipWriteProblem>();
  const [reloaded, setReloaded] = useState(false);
  // Until the reload lands, saving would send the version that conflicted;
  // once it has failed, saving may still be worth a try.
  const waitingForReload = awaitingLoad && (refreshing || !refreshError);

  const errors = submitted ? ownerFormErrors(t, form) : {};
  const ownerRefusal = useNewOwnerRefusal(form, target, entityRef, capability);
  const set = (field: keyof OwnerForm) => (value: string) =>
    setForm(previous => ({ ...previous, [field]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(ownerFormErrors(t, form)).length > 0) return;
    setSaving(true);
    setProblem(undefined);
    try {
      const input = ownershipInputOf({ form, target, entityRef, capability });
      if (target.mode === 'update') {
        await api.updateOwnership(target.recordId, {
          ...input,
          version: target.version,
        });
      } else {
        await api.createOwnership(input);
      }
      analytics.captureEvent(
        target.mode === 'update' ? 'update-ownership' : 'create-ownership',
        capability.capability,
        {
          attributes: {
            entityRef,
            scope: input.scope.kind,
            owner: input.owner,
            responsibility: input.responsibility,
          },
        },
      );
      onClose();
      onChanged();
    } catch (error) {
      setProblem(explainWriteError(error));
      setSaving(false);
    }
  };

  const reload = () => {
    setProblem(undefined);
    setReloaded(true);
    adoptNextLoad();
    onChanged();
  };

  const titleId = `change-owner-${capability.capability}`;
  return (
    // A save in flight is not cancelled by closing: closing would only hide it.
    <Dialog
      open
      onClose={saving ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
    >
      <form onSubmit={save} noValidate>
        <DialogTitle id={titleId}>
          {t('entityContent.changeOwner.title', {
            capability: capability.title,
          })}
        </DialogTitle>
        <DialogContent>
          <TargetExplanation target={target} entityRef={entityRef} />
          <EntityRefPicker
            id={`${titleId}-owner`}
            label={t('entityContent.changeOwner.ownerLabel')}
            kinds={['group']}
            required
            value={form.owner}
            onChange={set('owner')}
            error={Boolean(errors.owner ?? ownerRefusal)}
            helperText={
              errors.owner ??
              ownerRefusal ??
              t('entityContent.changeOwner.ownerHelp')
            }
          />
          <TextField
            select
            id={`${titleId}-responsibility`}
            label={t('entityContent.changeOwner.responsibilityLabel')}
            value={form.responsibility}
            onChange={e =>
              set('responsibility')(e.target.value as OwnershipResponsibility)
            }
            fullWidth
            margin="dense"
          >
            {OWNERSHIP_RESPONSIBILITIES.map(r => (
              <MenuItem key={r} value={r}>
                {responsibilityText(t, r)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id={`${titleId}-note`}
            label={t('entityContent.changeOwner.noteLabel')}
            value={form.note}
            onChange={e => set('note')(e.target.value)}
            fullWidth
            multiline
            margin="dense"
          />
          <TextField
            id={`${titleId}-link`}
            label={t('entityContent.changeOwner.linkLabel')}
            value={form.link}
            onChange={e => set('link')(e.target.value)}
            error={Boolean(errors.link)}
            helperText={errors.link ?? t('entityContent.changeOwner.linkHelp')}
            fullWidth
            margin="dense"
          />
          {reloaded && !problem && (
            <Typography variant="body2" color="textSecondary" role="status">
              {reloadStatus(t, waitingForReload, refreshError)}
            </Typography>
          )}
          {problem && <ProblemMessage problem={problem} onReload={reload} />}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            {t('entityContent.changeOwner.cancel')}
          </Button>
          <Button
            type="submit"
            color="primary"
            disabled={saving || waitingForReload || Boolean(ownerRefusal)}
          >
            {t('entityContent.changeOwner.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
