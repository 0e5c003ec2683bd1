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
import { scopeKindOf, scopeNounOf } from '../shared/entityScope';
import {
  explainWriteError,
  initialOwnerForm,
  ownerFormErrors,
  ownershipInputOf,
  type OwnerForm,
  type OwnershipEditTarget,
  type OwnedCapability,
  type OwnershipWriteProblem,
} from './ownershipEdits';
import { errorMessage } from '../shared/errorMessage';
import { ErrorText } from '../shared/ErrorText';

/** What saving will do, so nobody is surprised by an override or an edit in place. */
const TargetExplanation = ({
  target,
  entityRef,
}: {
  target: OwnershipEditTarget;
  entityRef: string;
}) => {
  const { owner } = target;
  const noun = scopeNounOf(entityRef);
  let text: ReactNode;
  if (target.mode === 'update') {
    text = `Changes the owner record set on ${noun} (version ${target.version}).`;
  } else if (owner) {
    text = (
      <>
        Now <RefLink entityRef={owner.owner} defaultKind="group" /> (
        {owner.responsibility}),{' '}
        {describeOwnerOrigin(owner, scopeKindOf(entityRef))}. Saving sets an
        owner on {noun} that takes precedence.
      </>
    );
  } else {
    text = `No owner is known. Saving sets one on ${noun}.`;
  }
  return (
    <Typography variant="body2" color="textSecondary" paragraph>
      {text}
    </Typography>
  );
};

function reloadStatus(waiting: boolean, error?: Error): string {
  if (waiting) return 'Reloading the current owner…';
  if (error) {
    return `Could not reload (${errorMessage(
      error,
    )}); saving may meet the same conflict.`;
  }
  return 'Reloaded. Saving now applies your change over the current owner.';
}

const ProblemMessage = ({
  problem,
  onReload,
}: {
  problem: OwnershipWriteProblem;
  onReload: () => void;
}) => {
  if (problem.kind !== 'conflict') {
    return (
      <ErrorText role="alert">
        {problem.kind === 'denied'
          ? `You may not set this owner: ${problem.message}`
          : `Could not save: ${problem.message}`}
      </ErrorText>
    );
  }
  return (
    <Box role="alert" display="flex" alignItems="center" style={{ gap: 8 }}>
      <ErrorText>
        {problem.changedBy ? (
          <>
            Changed by{' '}
            <RefLink entityRef={problem.changedBy} defaultKind="user" />
            {problem.at ? ` at ${formatWhen(problem.at)}` : ''} since you opened
            it. Reload to see the current owner, then save again.
          </>
        ) : (
          `${problem.message} Reload to see the current owner, then save again.`
        )}
      </ErrorText>
      <Button variant="outlined" size="small" onClick={onReload}>
        Reload
      </Button>
    </Box>
  );
};

/**
 * Sets the owner of one capability for this component (or System). The
 * target is read from props on every save, so after a reload the fresh
 * version is used while the user's input stays.
 */
export const ChangeOwnerDialog = ({
  capability,
  target,
  entityRef,
  onClose,
  onChanged,
}: {
  capability: OwnedCapability;
  target: OwnershipEditTarget;
  entityRef: string;
  onClose: () => void;
  onChanged: () => void;
}) => {
  const api = useApi(runtimeStackApiRef);
  const analytics = useAnalytics();
  const [form, setForm] = useState<OwnerForm>(() => initialOwnerForm(target));
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<OwnershipWriteProblem>();
  const [reloaded, setReloaded] = useState(false);
  const { refreshing, refreshError } = useCoverageRefresh();
  // Until the reload lands, saving would send the version that conflicted.
  const waitingForReload = reloaded && refreshing;

  const errors = submitted ? ownerFormErrors(form) : {};
  const set = (field: keyof OwnerForm) => (value: string) =>
    setForm(previous => ({ ...previous, [field]: value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(ownerFormErrors(form)).length > 0) return;
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
    onChanged();
  };

  const titleId = `change-owner-${capability.capability}`;
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth>
      <form onSubmit={save} noValidate>
        <DialogTitle id={titleId}>
          Change owner of {capability.title}
        </DialogTitle>
        <DialogContent>
          <TargetExplanation target={target} entityRef={entityRef} />
          <EntityRefPicker
            id={`${titleId}-owner`}
            label="Owner group"
            kinds={['group']}
            required
            value={form.owner}
            onChange={set('owner')}
            error={Boolean(errors.owner)}
            helperText={
              errors.owner ??
              'Pick a group by name, or type group:namespace/name'
            }
          />
          <TextField
            select
            id={`${titleId}-responsibility`}
            label="Responsibility"
            value={form.responsibility}
            onChange={e =>
              set('responsibility')(e.target.value as OwnershipResponsibility)
            }
            fullWidth
            margin="dense"
          >
            {OWNERSHIP_RESPONSIBILITIES.map(r => (
              <MenuItem key={r} value={r}>
                {r}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id={`${titleId}-note`}
            label="Note"
            value={form.note}
            onChange={e => set('note')(e.target.value)}
            fullWidth
            multiline
            margin="dense"
          />
          <TextField
            id={`${titleId}-link`}
            label="Link"
            value={form.link}
            onChange={e => set('link')(e.target.value)}
            error={Boolean(errors.link)}
            helperText={errors.link ?? 'A runbook or team page, optional'}
            fullWidth
            margin="dense"
          />
          {reloaded && !problem && (
            <Typography variant="body2" color="textSecondary" role="status">
              {reloadStatus(waitingForReload, refreshError)}
            </Typography>
          )}
          {problem && <ProblemMessage problem={problem} onReload={reload} />}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            disabled={saving || waitingForReload}
          >
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
