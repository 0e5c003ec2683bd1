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
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { errorMessage } from './errorMessage';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';

interface RefOption {
  ref: string;
  /** The name the catalog shows: the profile's display name, title or short ref. */
  title: string;
}

// Found by what people call a team or a person as well as by the ref.
const filterOptions = createFilterOptions<RefOption>({
  stringify: option => `${option.title} ${option.ref}`,
});

/** Options asked of the catalog at a time; typing narrows them. */
const OFFERED = 50;
const SETTLE_MS = 250;
const SEARCHED_FIELDS = [
  'metadata.name',
  'metadata.title',
  'spec.profile.displayName',
];

/**
 * What to ask the catalog for the text typed: a ref is searched by its
 * name, as `group:default/pay` finds `payments-team`.
 */
export function searchTermOf(text: string): string {
  const trimmed = text.trim();
  return trimmed.slice(
    Math.max(trimmed.indexOf(':'), trimmed.lastIndexOf('/')) + 1,
  );
}

/**
 * An entity ref of the given kinds (a Group, or a User or Group), picked from
 * the catalog by name or typed: one the list lacks (it failed to load, or the
 * catalog has not read it yet) can still be entered, and the backend checks
 * it on save.
 */
export const EntityRefPicker = ({
  id,
  label,
  kinds,
  value,
  onChange,
  required = false,
  error,
  helperText,
}: {
  id: string;
  label: string;
  /** Lower-case kinds to offer, for example `['group']`. */
  kinds: string[];
  value: string;
  onChange: (ref: string) => void;
  required?: boolean;
  error?: boolean;
  helperText?: string;
}) => {
  const catalogApi = useApi(catalogApiRef);
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const kindKey = kinds.join(',');
  // Asked as the typing settles, not on every keystroke.
  const [term, setTerm] = useState(() => searchTermOf(value));
  useDebounce(() => setTerm(searchTermOf(value)), SETTLE_MS, [value]);
  const entities = useAsync(async (): Promise<RefOption[]> => {
    // With one kind a short ref leaves it out, as the catalog's pages do.
    const presentation =
      kinds.length === 1 ? { defaultKind: kinds[0] } : undefined;
    // The catalog searches: an organisation's every user and group is too
    // many to load whenever a dialog opens.
    const { items } = await catalogApi.queryEntities({
      filter: { kind: kinds },
      ...(term ? { fullTextFilter: { term, fields: SEARCHED_FIELDS } } : {}),
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit: OFFERED,
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
        title: defaultEntityPresentation(entity, presentation).primaryTitle,
      }))
      .sort((a, b) => a.title.localeCompare(b.title, 'en-US'));
    // The kinds as text: a new array of the same kinds asks nothing new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, kindKey, term]);

  return (
    <Autocomplete<RefOption, false, false, true>
      id={id}
      freeSolo
      fullWidth
      options={entities.value ?? []}
      loading={entities.loading}
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
      // ref: resets are left out, and a pick arrives through onChange.
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
          required={required}
          margin="dense"
          error={error}
          helperText={
            entities.error
              ? `${helperText ?? ''} ${t('refPicker.listFailed', {
                  message: errorMessage(entities.error),
                })}`.trim()
              : helperText
          }
        />
      )}
    />
  );
};
