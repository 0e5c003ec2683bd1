import {
  useApiHolder,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { clusterStateReadPermission } from '@internal/backstage-plugin-runtime-stack-common';
import Link from '@material-ui/core/Link';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runtimeStackApiRef } from '../../api';
import { runtimeStackTranslationRef } from '../../translation';
import { freshnessLabel } from '../shared/freshnessLabel';
import { errorMessage, statusOf } from '../shared/errorMessage';

/**
 * A scaffolder field that picks the cluster a new service will run on from
 * the clusters the runtime-stack backend collects, each with what was
 * detected there and how fresh that is; empty means "decide later" unless
 * the template requires a cluster. With no cluster listed yet, it says where
 * the list comes from. When the list cannot be read, a name can
 * still be typed, unchecked; the field says why (a refused permission, with
 * "decide later" as the way out) and turns red only on the form's errors.
 */
export const RuntimeStackClusterPicker = (
  props: FieldExtensionComponentProps<string>,
) => {
  const { formData, onChange, schema, required, rawErrors, idSchema } = props;
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const api = useApiHolder().get(runtimeStackApiRef);
  const clusters = useAsyncRetry(
    async () => (api ? api.getClusters() : []),
    [api],
  );
  const id = idSchema?.$id ?? 'cluster';
  const label = schema?.title ?? t('clusterPicker.label');
  const value = formData ?? '';
  const hasErrors = (rawErrors?.length ?? 0) > 0;

  if (clusters.error) {
    const message = errorMessage(clusters.error);
    let why: string = t('clusterPicker.listFailed', { message });
    const refusedOutright = statusOf(clusters.error) === 403;
    if (refusedOutright) {
      const refused = { message, permission: clusterStateReadPermission.name };
      why = required
        ? t('clusterPicker.listForbiddenRequired', refused)
        : t('clusterPicker.listForbidden', refused);
    }
    return (
      <TextField
        id={id}
        label={label}
        value={value}
        required={required}
        error={hasErrors}
        margin="normal"
        fullWidth
        helperText={
          <>
            {why}
            {/* A blip in the backend need not leave the name unchecked for the rest of the form. */}
            {!refusedOutright && (
              <>
                {' '}
                <Link
                  component="button"
                  type="button"
                  variant="body2"
                  onClick={clusters.retry}
                >
                  {t('clusterPicker.retry')}
                </Link>
              </>
            )}
          </>
        }
        onChange={event => onChange(event.target.value.trim() || undefined)}
      />
    );
  }

  const known = clusters.value ?? [];
  const loaded = !clusters.loading;
  // A select needs an option for its value: the chosen cluster gets one of
  // its own while the list loads, and when the list lacks it.
  const valueUnlisted = value !== '' && !known.some(c => c.name === value);
  const unknown = loaded && valueUnlisted;
  // "Decide later" is a choice only where the template lets the cluster
  // be left out; where it is required, an empty field stays empty.
  const offersLater = !required;
  let helperText = schema?.description;
  if (loaded && known.length === 0) {
    // Otherwise an empty menu, with nothing to say where clusters come from.
    helperText = offersLater
      ? t('clusterPicker.noneListed')
      : t('clusterPicker.noneListedRequired');
  } else if (unknown) {
    helperText = t('clusterPicker.unknown', {
      cluster: value,
      known: known.map(c => c.name).join(', '),
    });
  }
  return (
    <TextField
      id={id}
      select
      label={label}
      value={value}
      disabled={clusters.loading}
      required={required}
      error={hasErrors || unknown}
      margin="normal"
      fullWidth
      helperText={helperText}
      onChange={event => onChange(event.target.value || undefined)}
      // "Decide later" shows in the empty field, so the label sits above it.
      InputLabelProps={offersLater ? { shrink: true } : undefined}
      SelectProps={{
        // MUI describes its hidden input, not the button a screen reader
        // lands on, by the helper text.
        SelectDisplayProps: helperText
          ? { 'aria-describedby': `${id}-helper-text` }
          : undefined,
        renderValue: selected =>
          selected === '' ? t('clusterPicker.later') : String(selected),
        displayEmpty: offersLater,
      }}
    >
      {offersLater && (
        <MenuItem value="">
          <ListItemText
            primary={t('clusterPicker.later')}
            secondary={t('clusterPicker.laterHint')}
          />
        </MenuItem>
      )}
      {valueUnlisted && (
        // Shown rather than blanked, and without MUI's out-of-range warning.
        <MenuItem value={value}>{value}</MenuItem>
      )}
      {known.map(cluster => (
        <MenuItem key={cluster.name} value={cluster.name}>
          <ListItemText
            primary={cluster.name}
            secondary={t('clusterPicker.option', {
              count: cluster.platformTools.length,
              freshness: freshnessLabel(t, cluster),
            })}
          />
        </MenuItem>
      ))}
    </TextField>
  );
};
