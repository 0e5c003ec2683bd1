import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  LayerOwnership,
  OwnershipChange,
} from '@internal/backstage-plugin-runtime-stack-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { runtimeStackApiRef } from '../../api';
import { formatWhen } from './formatWhen';
import { responsibilityText } from './responsibilityText';
import { RefLink } from '../shared/RefLink';
import { GuardedButton } from '../shared/GuardedButton';
import { LoadError } from '../shared/LoadError';
import { ScrollingTable } from '../shared/ScrollingTable';
import { useScopeNoun } from '../shared/entityScope';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  runtimeStackTranslationRef,
  type RuntimeStackT,
} from '../../translation';

const HISTORY_LIMIT = 50;

type TitleOf = (capability: string) => string;

const Owner = ({ record }: { record?: LayerOwnership }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return record ? (
    <>
      <RefLink entityRef={record.owner} defaultKind="group" /> (
      {responsibilityText(t, record.responsibility)})
    </>
  ) : (
    <>—</>
  );
};

/**
 * Where an update moved its record, if it did: the history of either scope
 * shows the change, which the owners alone would not explain.
 */
const movedText = (t: RuntimeStackT, change: OwnershipChange) => {
  const { before, after } = change;
  if (!before || !after) return undefined;
  const place = (record: LayerOwnership) =>
    `${record.scope.kind} ${record.scope.ref}`;
  if (place(before).toLowerCase() === place(after).toLowerCase()) {
    return undefined;
  }
  return t('entityContent.history.moved', {
    from: place(before),
    to: place(after),
  });
};

const MovedNote = ({ text }: { text?: string }) =>
  text ? (
    <Typography variant="caption" display="block">
      {text}
    </Typography>
  ) : null;

const subjectText = (
  t: RuntimeStackT,
  change: OwnershipChange,
  capabilityTitleOf: TitleOf,
) => {
  const record = change.after ?? change.before;
  if (!record) return change.ownershipId;
  const layer = String(record.layer);
  return record.capability
    ? t('layerTitle', { layer, title: capabilityTitleOf(record.capability) })
    : t('entityContent.history.wholeLayer', { layer });
};

/** Older changes, fetched page by page after the first. */
function useOlderChanges(entityRef: string, firstCursor?: string) {
  const api = useApi(runtimeStackApiRef);
  const [older, setOlder] = useState<OwnershipChange[]>([]);
  const [cursor, setCursor] = useState(firstCursor);
  const [state, loadOlder] = useAsyncFn(async () => {
    const page = await api.getOwnershipHistory(entityRef, {
      limit: HISTORY_LIMIT,
      cursor,
    });
    setOlder(shown => [...shown, ...page.items]);
    setCursor(page.nextCursor);
  }, [api, entityRef, cursor]);
  return { older, more: Boolean(cursor), state, loadOlder };
}

const HistoryRows = ({
  latest,
  totalCount,
  entityRef,
  firstCursor,
  capabilityTitleOf,
}: {
  latest: OwnershipChange[];
  totalCount: number;
  entityRef: string;
  firstCursor?: string;
  capabilityTitleOf: TitleOf;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const { older, more, state, loadOlder } = useOlderChanges(
    entityRef,
    firstCursor,
  );
  const items = [...latest, ...older];
  return (
    <>
      {totalCount > items.length && (
        <Typography variant="body2" color="textSecondary">
          {t('entityContent.history.latest', {
            shown: items.length,
            total: totalCount,
          })}
        </Typography>
      )}
      <ScrollingTable
        size="small"
        aria-label={t('entityContent.history.tableLabel')}
      >
        <TableHead>
          <TableRow>
            <TableCell>{t('entityContent.history.whenColumn')}</TableCell>
            <TableCell>{t('entityContent.history.whoColumn')}</TableCell>
            <TableCell>{t('entityContent.history.actionColumn')}</TableCell>
            <TableCell>{t('entityContent.history.whatColumn')}</TableCell>
            <TableCell>{t('entityContent.history.ownerColumn')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(change => (
            <TableRow key={change.id}>
              <TableCell>{formatWhen(change.at)}</TableCell>
              <TableCell>
                <RefLink entityRef={change.actor} defaultKind="user" />
              </TableCell>
              <TableCell>
                {t(`entityContent.history.${change.action}`)}
                <MovedNote text={movedText(t, change)} />
              </TableCell>
              <TableCell>{subjectText(t, change, capabilityTitleOf)}</TableCell>
              <TableCell>
                <Owner record={change.before} /> →{' '}
                <Owner record={change.after} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollingTable>
      {/* Show older changes below asks again. */}
      {state.error && (
        <LoadError
          error={state.error}
          what={t('entityContent.history.what')}
          title={t('entityContent.history.olderLoadError')}
        />
      )}
      {more && (
        <Button size="small" onClick={loadOlder} disabled={state.loading}>
          {state.loading
            ? t('entityContent.history.loading')
            : t('entityContent.history.showOlder')}
        </Button>
      )}
    </>
  );
};

const HistoryTable = ({
  entityRef,
  capabilityTitleOf,
}: {
  entityRef: string;
  capabilityTitleOf: TitleOf;
}) => {
  const api = useApi(runtimeStackApiRef);
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const scope = useScopeNoun()(entityRef);
  // Fetched on every opening: it is short, and it changes with every save.
  const history = useAsyncRetry(
    () => api.getOwnershipHistory(entityRef, { limit: HISTORY_LIMIT }),
    [api, entityRef],
  );
  if (history.loading) return <Progress />;
  if (history.error) {
    return (
      <LoadError
        error={history.error}
        what={t('entityContent.history.what')}
        title={t('entityContent.history.loadError')}
        onRetry={history.retry}
      />
    );
  }
  const {
    items = [],
    totalCount = items.length,
    nextCursor,
  } = history.value ?? {};
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('entityContent.history.none', { scope })}
      </Typography>
    );
  }
  return (
    <HistoryRows
      latest={items}
      totalCount={totalCount}
      entityRef={entityRef}
      firstCursor={nextCursor}
      capabilityTitleOf={capabilityTitleOf}
    />
  );
};

/**
 * Who changed the owners set on this component (or System), and from what
 * to what.
 * Inherited owners have their history at their own scope.
 */
export const OwnershipHistory = ({
  entityRef,
  readable,
  capabilityTitleOf = capability => capability,
}: {
  entityRef: string;
  /**
   * Whether the user may read owners: the history would be refused to one
   * who may not, so the button says so instead of opening a refusal.
   */
  readable: boolean;
  /** Names a capability; its id when not given. */
  capabilityTitleOf?: TitleOf;
}) => {
  const [open, setOpen] = useState(false);
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const scope = useScopeNoun()(entityRef);
  return (
    <>
      <GuardedButton
        variant="outlined"
        disabledReason={
          readable ? undefined : t('entityContent.history.notAllowed')
        }
        aria-label={t('entityContent.history.buttonLabel', { scope })}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {t('entityContent.history.button')}
      </GuardedButton>
      {open && (
        <Dialog
          open
          onClose={() => setOpen(false)}
          aria-labelledby="ownership-history-title"
          maxWidth="md"
          fullWidth
        >
          <DialogTitle id="ownership-history-title">
            {t('entityContent.history.title', { scope })}
          </DialogTitle>
          <DialogContent>
            <HistoryTable
              entityRef={entityRef}
              capabilityTitleOf={capabilityTitleOf}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>
              {t('entityContent.history.close')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
};
