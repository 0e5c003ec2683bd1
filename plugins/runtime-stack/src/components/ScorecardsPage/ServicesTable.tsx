import { EmptyState, Progress } from '@backstage/core-components';
import { VisuallyHidden } from '@backstage/ui';
import {
  useAnalytics,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import type {
  ServiceScore,
  ServiceScorePage,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useCallback, useEffect, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { runtimeStackApiRef } from '../../api';
import { formatAgeSince } from '../shared/formatAgeSince';
import { RefLink } from '../shared/RefLink';
import {
  useSystemOptions,
  useTeamOptions,
  type FilterOptions,
} from './filterOptions';
import {
  hasFilters,
  NO_FILTERS,
  toServiceScoreQuery,
  type ServiceFilters,
  type ServiceSort,
} from './serviceQuery';
import {
  ROWS_PER_PAGE_OPTIONS,
  STATUSES,
  useServicesTableSearchParams,
} from './useServicesTableSearchParams';
import { useClampedPage } from './useSearchParamsUpdate';
import { makeStyles } from '@material-ui/core/styles';
import { ScrollingTable } from '../shared/ScrollingTable';
import { ErrorText } from '../shared/ErrorText';
import { LoadError } from '../shared/LoadError';
import { errorMessage } from '../shared/errorMessage';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';
import { useCoverageStatusText } from '../shared/coverageStatusText';
import { runtimeStackTranslationRef } from '../../translation';
import { useLayerNames } from './layerNames';
import { usePaginationLabels } from './usePaginationLabels';
import { useRequirementProfiles } from './useRequirementProfiles';
import type { scorecardsPageMessages } from './scorecardsPageMessages';
import { coverageCounts, coveragePercentText } from '../shared/percentText';
import { CoverageBar } from '../shared/CoverageBar';

/** How long typing pauses before a text filter is sent. */
export const SEARCH_DEBOUNCE_MS = 300;

export const CSV_FILE_NAME = 'runtime-stack-services.csv';

const TEXT_FIELDS = ['search'] as const;
type TextKey = (typeof TEXT_FIELDS)[number];

const LIFECYCLES = ['production', 'experimental', 'deprecated'];

type Column = {
  /** Also names the column's header among the messages. */
  id: keyof (typeof scorecardsPageMessages)['services']['columns'];
  sort?: ServiceSort;
  /** The order of the first click: worst or most first where that helps. */
  firstOrder?: 'asc' | 'desc';
  align?: 'right';
};

const COLUMNS: Column[] = [
  { id: 'service', sort: 'entityRef' },
  { id: 'owner', sort: 'owner' },
  { id: 'system', sort: 'system' },
  { id: 'lifecycle' },
  { id: 'profile' },
  { id: 'coverage', sort: 'ratio', align: 'right' },
  { id: 'gaps', sort: 'gapCount', firstOrder: 'desc', align: 'right' },
  { id: 'exempt', align: 'right' },
  { id: 'evaluated', sort: 'evaluatedAt' },
];

/** Values for a select: the known ones, those seen in rows, and the chosen one. */
const optionsOf = (known: string[], seen: Array<string | undefined>) =>
  [...new Set([...known, ...seen.filter((v): v is string => !!v)])].sort();

/** Offers the CSV as a file download through a temporary link. */
export function downloadCsv(csv: string, fileName: string = CSV_FILE_NAME) {
  const url = URL.createObjectURL(
    new Blob([csv], { type: 'text/csv;charset=utf-8' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked on the next tick: some browsers read the URL after click().
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

const ServiceRow = ({
  row,
  profileTitleOf,
}: {
  row: ServiceScore;
  profileTitleOf: (id: string) => string;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const age = formatAgeSince(t, row.evaluatedAt);
  let counts: string = t('scorecardsPage.services.nothingRequired');
  if (row.required > 0) {
    counts =
      row.partial > 0
        ? t('scorecardsPage.services.coverageCountsPartly', coverageCounts(row))
        : t('scorecardsPage.services.coverageCounts', coverageCounts(row));
  }
  return (
    <TableRow>
      <TableCell>
        <RefLink entityRef={row.entityRef} defaultKind="component" />
      </TableCell>
      <TableCell>
        {row.owner ? (
          <RefLink entityRef={row.owner} defaultKind="group" />
        ) : (
          '—'
        )}
      </TableCell>
      <TableCell>
        {row.system ? (
          <RefLink entityRef={row.system} defaultKind="system" />
        ) : (
          '—'
        )}
      </TableCell>
      <TableCell>{row.lifecycle ?? '—'}</TableCell>
      <TableCell>{profileTitleOf(row.profile)}</TableCell>
      <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
        <span title={counts}>
          {coveragePercentText(t, row)}
          {/* The counts behind the percentage, for those who cannot hover it. */}
          <VisuallyHidden> {counts}</VisuallyHidden>
        </span>
        <CoverageBar
          coverage={row}
          label={t('scorecardsPage.services.coverageLabel', {
            service: row.entityRef,
          })}
          valueText={`${coveragePercentText(t, row)}, ${counts}`}
          style={{ width: 64, marginLeft: 'auto', marginTop: 2 }}
        />
      </TableCell>
      <TableCell align="right">{row.gapCount}</TableCell>
      <TableCell align="right">{row.exemptCount}</TableCell>
      <TableCell>
        {age ? t('scorecardsPage.services.evaluatedAgo', { age }) : '—'}
      </TableCell>
    </TableRow>
  );
};

// Nine columns fit a laptop's content width with the theme's 20 px left
// padding cut to 8.
const useStyles = makeStyles({
  nineColumns: { '& th, & td': { paddingLeft: 8, paddingRight: 8 } },
});

/** A native select of entities, which says when its list failed to load. */
const EntityFilterSelect = ({
  id,
  label,
  loadError,
  helperText,
  value,
  state,
  onChange,
}: {
  id: string;
  label: string;
  /** What the field says when its list failed to load, given why. */
  loadError: (message: string) => string;
  helperText?: string;
  value: string;
  state: FilterOptions;
  onChange: (value: string) => void;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <TextField
      id={id}
      label={label}
      select
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      value={value}
      onChange={e => onChange(e.target.value)}
      helperText={
        state.error ? loadError(errorMessage(state.error)) : helperText
      }
      error={Boolean(state.error)}
      size="small"
      fullWidth
    >
      <option value="">
        {state.loading
          ? t('scorecardsPage.services.filters.anyLoading')
          : t('scorecardsPage.services.filters.any')}
      </option>
      {state.options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
};

/**
 * Every evaluated service with its coverage, filtered, sorted and paged by
 * the backend, and exported as CSV with the same filters. The filters, sort
 * and page are kept in the page's address.
 */
export const ServicesTable = () => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const statusText = useCoverageStatusText();
  const paginationLabels = usePaginationLabels();
  const classes = useStyles();
  const api = useApi(runtimeStackApiRef);
  const analytics = useAnalytics();
  const layerNames = useLayerNames();
  // What was sent is in the address; the fields show it, and text being
  // typed until typing pauses.
  const [{ filters, sort, page, rowsPerPage }, setTable] =
    useServicesTableSearchParams(layerNames.modelLayers);
  const [fields, setFields] = useState<ServiceFilters>(filters);
  // The address can drop a filter the fields still show (a layer the model
  // turned out not to have).
  useEffect(
    () => setFields(current => ({ ...filters, ...pick(current, TEXT_FIELDS) })),
    [filters],
  );
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<Error>();

  const apply = (next: ServiceFilters) => setTable({ filters: next, page: 0 });
  /** The filters with the text as typed, sent or not. */
  const typedFilters = (): ServiceFilters => ({
    ...filters,
    ...pick(fields, TEXT_FIELDS),
  });
  const typingPending = () =>
    TEXT_FIELDS.some(key => fields[key] !== filters[key]);

  useDebounce(
    () => {
      if (typingPending()) apply(typedFilters());
    },
    SEARCH_DEBOUNCE_MS,
    [fields.search],
  );

  const setText = (key: TextKey, value: string) =>
    setFields(current => ({ ...current, [key]: value }));

  /** Selects apply at once, keeping text that is still being typed. */
  const setSelect = (changes: Partial<ServiceFilters>) => {
    setFields(current => ({ ...current, ...changes }));
    apply({ ...filters, ...changes });
  };

  const query = useMemo(
    () =>
      toServiceScoreQuery(filters, sort, {
        limit: rowsPerPage,
        offset: page * rowsPerPage,
      }),
    [filters, sort, page, rowsPerPage],
  );
  const scores = useAsyncRetry(() => api.getServiceScores(query), [api, query]);
  const requirementProfiles = useRequirementProfiles();
  const teamOptions = useTeamOptions(fields.team);
  const systemOptions = useSystemOptions(fields.system);

  const rows = scores.value?.items ?? [];
  const lifecycles = optionsOf(LIFECYCLES, [
    ...rows.map(r => r.lifecycle),
    filters.lifecycle,
  ]);
  const profiles = optionsOf(requirementProfiles.ids, [
    ...rows.map(r => r.profile),
    filters.profile,
  ]);

  // A page past the end (services went away, or a link's page) falls back
  // to the last one.
  const setPage = useCallback(
    (next: number) => setTable({ page: next }),
    [setTable],
  );
  const lastPage = useClampedPage(
    scores.value?.totalCount,
    rowsPerPage,
    page,
    setPage,
  );

  const onSort = (column: Column) => {
    const key = column.sort;
    if (!key) return;
    setTable({
      sort:
        sort && sort.sort === key
          ? { sort: key, order: sort.order === 'asc' ? 'desc' : 'asc' }
          : { sort: key, order: column.firstOrder ?? 'asc' },
      page: 0,
    });
  };

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      // What the search field says, though typing has not paused yet; the
      // table follows, so it shows what was exported.
      const current = typedFilters();
      if (typingPending()) apply(current);
      const exported = toServiceScoreQuery(current, sort);
      downloadCsv(await api.getServiceScoresCsv(exported));
      // The filters and sort of the export, as what was exported.
      analytics.captureEvent('export', CSV_FILE_NAME, {
        attributes: Object.fromEntries(
          Object.entries(exported).filter(([, value]) => value !== undefined),
        ) as Record<string, string | number>,
      });
    } catch (e) {
      setExportError(e as Error);
    } finally {
      setExporting(false);
    }
  };

  const clearFilters = () => {
    setFields(NO_FILTERS);
    apply(NO_FILTERS);
  };

  const filterFields = (
    <Grid container spacing={2} alignItems="flex-end">
      <Grid item xs={12} sm={6} md={3}>
        <TextField
          id="runtime-stack-services-search"
          label={t('scorecardsPage.services.filters.search')}
          placeholder={t('scorecardsPage.services.filters.searchPlaceholder')}
          value={fields.search}
          onChange={e => setText('search', e.target.value)}
          size="small"
          fullWidth
        />
      </Grid>
      <Grid item xs={12} sm={6} md={3}>
        <EntityFilterSelect
          id="runtime-stack-services-team"
          label={t('scorecardsPage.services.filters.team')}
          loadError={message =>
            t('scorecardsPage.services.filters.teamsLoadError', { message })
          }
          helperText={t('scorecardsPage.services.filters.teamHint')}
          value={fields.team}
          state={teamOptions}
          onChange={team => setSelect({ team })}
        />
      </Grid>
      <Grid item xs={12} sm={6} md={2}>
        <EntityFilterSelect
          id="runtime-stack-services-system"
          label={t('scorecardsPage.services.filters.system')}
          loadError={message =>
            t('scorecardsPage.services.filters.systemsLoadError', { message })
          }
          value={fields.system}
          state={systemOptions}
          onChange={system => setSelect({ system })}
        />
      </Grid>
      <Grid item xs={6} sm={3} md={2}>
        <TextField
          id="runtime-stack-services-lifecycle"
          label={t('scorecardsPage.services.filters.lifecycle')}
          select
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          value={fields.lifecycle}
          onChange={e => setSelect({ lifecycle: e.target.value })}
          size="small"
          fullWidth
        >
          <option value="">{t('scorecardsPage.services.filters.any')}</option>
          {lifecycles.map(l => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={6} sm={3} md={2}>
        <TextField
          id="runtime-stack-services-profile"
          label={t('scorecardsPage.services.filters.profile')}
          select
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          value={fields.profile}
          onChange={e => setSelect({ profile: e.target.value })}
          size="small"
          fullWidth
        >
          <option value="">{t('scorecardsPage.services.filters.any')}</option>
          {profiles.map(p => (
            <option key={p} value={p}>
              {requirementProfiles.titleOf(p)}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={6} sm={3} md={3}>
        <TextField
          id="runtime-stack-services-layer"
          label={t('scorecardsPage.services.filters.layer')}
          select
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          value={fields.layer}
          // A layer alone says nothing: start with its gaps.
          onChange={e =>
            setSelect({
              layer: e.target.value,
              status: e.target.value === '' ? '' : fields.status || 'missing',
            })
          }
          size="small"
          fullWidth
        >
          <option value="">
            {t('scorecardsPage.services.filters.anyLayer')}
          </option>
          {layerNames.layers.map(layer => (
            <option key={layer} value={String(layer)}>
              {layerNames.nameOf(layer)}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={6} sm={3} md={3}>
        <TextField
          id="runtime-stack-services-status"
          label={t('scorecardsPage.services.filters.status')}
          select
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          value={fields.status}
          disabled={fields.layer === ''}
          // Says why a service at 100% with no gap is not listed as missing
          // a capability its profile only recommends.
          helperText={
            fields.layer === ''
              ? t('scorecardsPage.services.filters.statusHint')
              : t('scorecardsPage.services.filters.statusNote')
          }
          // The hint says why the field is disabled, so it keeps full contrast.
          FormHelperTextProps={{ disabled: false }}
          onChange={e => setSelect({ status: e.target.value })}
          size="small"
          fullWidth
        >
          {fields.layer === '' && (
            <option value="">{t('scorecardsPage.services.filters.any')}</option>
          )}
          {STATUSES.map(s => (
            <option key={s} value={s}>
              {statusText(s).label}
            </option>
          ))}
        </TextField>
      </Grid>
      <Grid item xs={12} md="auto" style={{ marginLeft: 'auto' }}>
        <Box display="flex" style={{ gap: 8 }}>
          {hasFilters(fields) && (
            <Button size="small" onClick={clearFilters}>
              {t('scorecardsPage.services.clearFilters')}
            </Button>
          )}
          <Button
            variant="outlined"
            size="small"
            startIcon={<GetAppIcon />}
            onClick={exportCsv}
            disabled={exporting}
          >
            {t('scorecardsPage.services.exportCsv')}
          </Button>
        </Box>
      </Grid>
      {exportError && (
        <Grid item xs={12}>
          <ErrorText role="alert">
            {t('scorecardsPage.services.exportError', {
              message: errorMessage(exportError),
            })}
          </ErrorText>
        </Grid>
      )}
    </Grid>
  );

  let body;
  // An empty answer is no table to keep on screen: until the next one comes,
  // its empty state would say that nothing matches what is still asked.
  if (scores.loading && (!scores.value || scores.value.totalCount === 0)) {
    body = <Progress />;
  } else if (scores.error) {
    body = (
      <LoadError
        error={scores.error}
        what={t('scorecardsPage.services.what')}
        title={t('scorecardsPage.services.loadError')}
        onRetry={scores.retry}
      />
    );
  } else if (!scores.value || scores.value.totalCount === 0) {
    body = hasFilters(filters) ? (
      <EmptyState
        missing="content"
        title={t('scorecardsPage.services.noMatchTitle')}
        description={t('scorecardsPage.services.noMatchDescription')}
        action={
          <Button onClick={clearFilters}>
            {t('scorecardsPage.services.clearFilters')}
          </Button>
        }
      />
    ) : (
      <EmptyState
        missing="data"
        title={t('scorecardsPage.services.emptyTitle')}
        description={t('scorecardsPage.services.emptyDescription')}
      />
    );
  } else {
    body = (
      <>
        {scores.loading && <Progress />}
        <ScrollingTable
          size="small"
          aria-label={t('scorecardsPage.services.tableLabel')}
          className={classes.nineColumns}
        >
          <TableHead>
            <TableRow>
              {COLUMNS.map(column => {
                const active = !!column.sort && sort?.sort === column.sort;
                const label = t(`scorecardsPage.services.columns.${column.id}`);
                return (
                  <TableCell
                    key={column.id}
                    align={column.align}
                    sortDirection={active ? sort!.order : false}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {column.sort ? (
                      <TableSortLabel
                        active={active}
                        direction={active ? sort!.order : column.firstOrder}
                        onClick={() => onSort(column)}
                      >
                        {label}
                      </TableSortLabel>
                    ) : (
                      label
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(row => (
              <ServiceRow
                key={row.entityRef}
                row={row}
                profileTitleOf={requirementProfiles.titleOf}
              />
            ))}
          </TableBody>
        </ScrollingTable>
        {!scores.loading && hidesSome(scores.value) && (
          <Typography variant="body2" color="textSecondary">
            {t('scorecardsPage.services.hiddenOnPage')}
          </Typography>
        )}
        <TablePagination
          component="div"
          count={scores.value.totalCount}
          page={Math.min(page, lastPage)}
          rowsPerPage={rowsPerPage}
          rowsPerPageOptions={ROWS_PER_PAGE_OPTIONS}
          onPageChange={(_, next) => setTable({ page: next })}
          onRowsPerPageChange={e =>
            setTable({ rowsPerPage: Number(e.target.value), page: 0 })
          }
          {...paginationLabels}
        />
      </>
    );
  }

  return (
    <HeadedInfoCard
      title={t('scorecardsPage.services.title')}
      subheader={t('scorecardsPage.services.subheader')}
    >
      <Box mb={2}>{filterFields}</Box>
      {body}
    </HeadedInfoCard>
  );
};

/**
 * Whether the page holds fewer services than it counts: the catalog hid
 * some from the caller.
 */
function hidesSome(page: ServiceScorePage): boolean {
  const counted = Math.min(page.limit, page.totalCount - page.offset);
  return page.items.length < counted;
}

function pick<T, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map(key => [key, value[key]])) as Pick<T, K>;
}
