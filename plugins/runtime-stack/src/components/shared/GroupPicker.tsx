import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  defaultEntityPresentation,
} from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete, {
  createFilterOptions,
} from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import { errorMessage } from './errorMessage';

interface GroupOption {
  ref: string;
  /** The name the catalog shows: the profile's display name, title or short ref. */
  title: string;
}

const GROUP = { defaultKind: 'group' };

// Found by what people call a team as well as by its ref.
const filterOptions = createFilterOptions<GroupOption>({
  stringify: option => `${option.title} ${option.ref}`,
});

/**
 * A Group ref, picked from the catalog's Groups by name or typed: a Group the
 * list lacks (it failed to load, or the catalog has not read it yet) can
 * still be entered, and the backend checks it on save.
 */
export const GroupPicker = ({
  id,
  label,
  value,
  onChange,
  error,
  helperText,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (ref: string) => void;
  error?: boolean;
  helperText?: string;
}) => {
  const catalogApi = useApi(catalogApiRef);
  const groups = useAsync(async (): Promise<GroupOption[]> => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group' },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return items
      .map(entity => ({
        ref: stringifyEntityRef(entity),
        title: defaultEntityPresentation(entity, GROUP).primaryTitle,
      }))
      .sort((a, b) => a.title.localeCompare(b.title, 'en-US'));
  }, [catalogApi]);

  return (
    <Autocomplete<GroupOption, false, false, true>
      id={id}
      freeSolo
      fullWidth
      options={groups.value ?? []}
      loading={groups.loading}
      filterOptions={filterOptions}
      // The field holds the ref, which is what is saved.
      getOptionLabel={option =>
        typeof option === 'string' ? option : option.ref
      }
      renderOption={option => (
        <div>
          <Typography variant="body2">{option.title}</Typography>
          <Typography variant="caption" color="textSecondary">
            {option.ref}
          </Typography>
        </div>
      )}
      // The text is the field's state. Autocomplete resets it to its value's
      // label (none here) when it mounts, which would clear a prefilled
      // owner: resets are left out, and a pick arrives through onChange.
      value={null}
      inputValue={value}
      onInputChange={(_, text, reason) => {
        if (reason !== 'reset') onChange(text);
      }}
      onChange={(_, picked) =>
        onChange(typeof picked === 'string' ? picked : picked?.ref ?? '')
      }
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          required
          margin="dense"
          error={error}
          helperText={
            groups.error
              ? `${
                  helperText ?? ''
                } (the catalog's groups could not be listed: ${errorMessage(
                  groups.error,
                )})`.trim()
              : helperText
          }
        />
      )}
    />
  );
};
