import {
  useAnalytics,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import type { LayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState, type FormEvent } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import {
  capabilitiesOf,
  exemptionFormErrors,
  exemptionInputOf,
  expiryBounds,
  explainExemptionError,
  MAX_REASON_LENGTH,
  type ExemptionForm,
} from './exemptions';
import { errorMessage, statusOf } from '../shared/errorMessage';
import { ErrorText } from '../shared/ErrorText';
import { scopeKindOf } from '../shared/entityScope';
import { EntityRefPicker } from '../shared/EntityRefPicker';
import { useEntityTitle } from '../shared/useEntityTitles';
import { runtimeStackTranslationRef } from '../../translation';

const TITLE_ID = 'grant-exemption-title';

/**
 * Accepts a gap of this component (or of every component of this System)
 * until a day: the capability then counts as exempt instead of missing. The
 * backend records the caller as who granted it.
 */
export const GrantExemptionDialog = ({
  entityRef,
  model,
  gaps,
  capability,
  onClose,
  onGranted,
  onConflict,
}: {
  entityRef: string;
  /** The layer model, when the page has it already; else it is loaded. */
  model?: LayerModel;
  /**
   * The capabilities that are gaps of the service, the only ones offered:
   * exemptions are for accepted gaps. Every capability of the model when
   * absent (a System's, whose gaps are its components').
   */
  gaps?: readonly string[];
  /** The capability to start with. */
  capability?: string;
  onClose: () => void;
  onGranted: () => void;
  /** The capability is exempt already: the list behind should show it. */
  onConflict?: () => void;
}) => {
  const api = useApi(runtimeStackApiRef);
  const analytics = useAnalytics();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const loaded = useAsync(
    async () => model ?? api.getLayerModel(),
    [api, model],
  );
  const capabilities = useMemo(
    () =>
      capabilitiesOf(loaded.value).filter(c => !gaps || gaps.includes(c.id)),
    [loaded.value, gaps],
  );
  const [form, setForm] = useState<ExemptionForm>({
    capability: capability ?? '',
    reason: '',
    expiresOn: '',
    requestedBy: '',
  });
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const bounds = useMemo(() => expiryBounds(), []);
  const entityTitle = useEntityTitle(entityRef);

  const errors = submitted ? exemptionFormErrors(t, form) : {};
  const set = (field: keyof ExemptionForm) => (value: string) =>
    setForm(previous => ({ ...previous, [field]: value }));

  const grant = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(exemptionFormErrors(t, form)).length > 0) return;
    setSaving(true);
    setProblem(undefined);
    try {
      const input = exemptionInputOf(form, entityRef);
      await api.createExemption(input);
      analytics.captureEvent('grant-exemption', input.capability, {
        attributes: { scope: input.scope.kind, scopeRef: input.scope.ref },
      });
      onClose();
      onGranted();
    } catch (error) {
      setProblem(explainExemptionError(t, error, 'grant'));
      setSaving(false);
      if (statusOf(error) === 409) onConflict?.();
    }
  };

  const known = capabilities.some(c => c.id === form.capability);
  return (
    // A save in flight is not cancelled by closing: closing would only hide
    // its failure.
    <Dialog
      open
      onClose={saving ? undefined : onClose}
      aria-labelledby={TITLE_ID}
      fullWidth
    >
      <form onSubmit={grant} noValidate>
        <DialogTitle id={TITLE_ID}>
          {t('exemptions.grantDialog.title')}
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="textSecondary" paragraph>
            {scopeKindOf(entityRef) === 'system'
              ? t('exemptions.grantDialog.introSystem', { entity: entityTitle })
              : t('exemptions.grantDialog.intro', { entity: entityTitle })}
          </Typography>
          <TextField
            select
            id="grant-exemption-capability"
            label={t('exemptions.grantDialog.capability')}
            value={form.capability}
            onChange={e => set('capability')(e.target.value)}
            error={Boolean(errors.capability || loaded.error)}
            helperText={
              errors.capability ??
              (loaded.error
                ? t('exemptions.grantDialog.capabilitiesError', {
                    message: errorMessage(loaded.error),
                  })
                : undefined)
            }
            required
            fullWidth
            margin="dense"
          >
            {capabilities.map(c => (
              <MenuItem key={c.id} value={c.id}>
                {t('layerTitle', { layer: String(c.layer), title: c.title })}
              </MenuItem>
            ))}
            {form.capability && !known && (
              <MenuItem value={form.capability}>{form.capability}</MenuItem>
            )}
          </TextField>
          <TextField
            id="grant-exemption-reason"
            label={t('exemptions.grantDialog.reason')}
            value={form.reason}
            onChange={e => set('reason')(e.target.value)}
            error={Boolean(errors.reason)}
            helperText={
              errors.reason ??
              t('exemptions.grantDialog.reasonHelp', {
                length: form.reason.trim().length,
                max: MAX_REASON_LENGTH,
              })
            }
            required
            fullWidth
            multiline
            minRows={2}
            margin="dense"
          />
          <TextField
            id="grant-exemption-expires"
            label={t('exemptions.grantDialog.expiresOn')}
            type="date"
            value={form.expiresOn}
            onChange={e => set('expiresOn')(e.target.value)}
            error={Boolean(errors.expiresOn)}
            helperText={
              errors.expiresOn ?? t('exemptions.grantDialog.expiresOnHelp')
            }
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: bounds.min, max: bounds.max }}
            required
            fullWidth
            margin="dense"
          />
          <EntityRefPicker
            id="grant-exemption-requested-by"
            label={t('exemptions.grantDialog.requestedBy')}
            kinds={['user', 'group']}
            value={form.requestedBy}
            onChange={set('requestedBy')}
            error={Boolean(errors.requestedBy)}
            helperText={
              errors.requestedBy ?? t('exemptions.grantDialog.requestedByHelp')
            }
          />
          {problem && <ErrorText role="alert">{problem}</ErrorText>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            {t('exemptions.grantDialog.cancel')}
          </Button>
          <Button type="submit" color="primary" disabled={saving}>
            {t('exemptions.grantDialog.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
