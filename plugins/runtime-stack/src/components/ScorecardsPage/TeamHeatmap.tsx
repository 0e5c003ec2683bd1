import { EmptyState, Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { TeamScorecard } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TablePagination from '@material-ui/core/TablePagination';
import Typography from '@material-ui/core/Typography';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { useRef, type ReactNode } from 'react';
import { runtimeStackApiRef } from '../../api';
import { runtimeStackTranslationRef } from '../../translation';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';
import { LoadError } from '../shared/LoadError';
import { useLastGoodAsync } from '../shared/useLastGoodAsync';
import { focusableTitle } from '../shared/focusableTitle';
import { HeatLegend } from './HeatLegend';
import { HeatmapTable } from './HeatmapTable';
import { useLayerNames } from './layerNames';
import { TeamViewSection } from './TeamViewSection';
import { useFocusWhenShown } from './useFocusWhenShown';
import { useHeatmapSearchParams } from './useHeatmapSearchParams';
import { useClampedPage } from './useSearchParamsUpdate';
import { usePaginationLabels } from './usePaginationLabels';

/** Teams per page of the heatmap. */
export const TEAMS_PER_PAGE = 50;

/** A scorecard with the layer it drills into, if any: its columns are that layer's. */
interface LoadedScorecard {
  layer?: number;
  scorecard: TeamScorecard;
}

/** What names the view of a layer (or of all layers) for focus to wait for. */
const viewKey = (layer: number | undefined) =>
  layer === undefined ? 'layers' : `layer:${layer}`;

/**
 * Teams × layers, each cell coloured by how much of what the team's services
 * require is covered; a layer's header drills down to its capabilities.
 * Choosing a team opens its view below the table. The layer, the team and
 * the page are in the page's address.
 */
export const TeamHeatmap = () => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const paginationLabels = usePaginationLabels();
  const api = useApi(runtimeStackApiRef);
  const layerNames = useLayerNames();
  const {
    layer: requestedLayer,
    team: selectedTeam,
    page,
    setLayer,
    setTeam,
    setPage,
  } = useHeatmapSearchParams();

  // The table on screen stays while the next one loads, so the control
  // that asked for it keeps focus until the new table is there. Each
  // answer keeps the layer it is of: until the next one arrives, the title
  // and the columns are those of the table shown.
  const state = useLastGoodAsync<LoadedScorecard>(
    'team-scorecard',
    async () => ({
      layer: requestedLayer,
      scorecard: await api.getTeamScorecard({
        layer: requestedLayer,
        limit: TEAMS_PER_PAGE,
        offset: page * TEAMS_PER_PAGE,
      }),
    }),
    [api, requestedLayer, page],
  );
  const error = state.error ?? state.refreshError;
  const shown = error ? undefined : state.value;
  // What the card is about: the table shown, or what was asked for while
  // nothing can be shown.
  const layer = shown ? shown.layer : requestedLayer;
  const drilled = layer !== undefined;
  const settled = !state.loading && !state.refreshing;

  const heading = useFocusWhenShown<HTMLHeadingElement>(
    settled ? viewKey(layer) : undefined,
  );
  const teamView = useFocusWhenShown<HTMLHeadingElement>(selectedTeam, {
    scroll: true,
  });

  const showLayer = (next: number | undefined) => {
    heading.focusWhenShown(viewKey(next));
    setLayer(next);
  };
  // Where focus goes back to when the team view closes: the team's button.
  const teamInvoker = useRef<HTMLElement | null>(null);
  const showTeam = (team: string) => {
    teamInvoker.current =
      document.activeElement instanceof HTMLElement
        ? document.activeElement
        : null;
    teamView.focusWhenShown(team);
    setTeam(team);
  };
  const closeTeam = () => {
    const invoker = teamInvoker.current;
    setTeam(undefined);
    // Opened from a link, or the table changed since: the card's heading.
    if (invoker?.isConnected && invoker !== document.body) invoker.focus();
    else heading.ref.current?.focus();
  };

  // A page past the end (teams went away, or a link's page) falls back to
  // the last one.
  const scorecard = shown?.scorecard;
  const lastPage = useClampedPage(
    scorecard?.totalCount,
    TEAMS_PER_PAGE,
    page,
    setPage,
  );

  const layerName = layer === undefined ? '' : layerNames.nameOf(layer);
  let body: ReactNode;
  if (state.loading) {
    body = <Progress />;
  } else if (error) {
    // The page asked for stays in the address: Retry asks for it again,
    // where the pager that led here is gone with the table.
    body = (
      <LoadError
        error={error}
        what={t('scorecardsPage.heatmap.what')}
        title={t('scorecardsPage.heatmap.loadError')}
        onRetry={state.retry}
      />
    );
  } else if (!scorecard || scorecard.totalCount === 0) {
    body = (
      <EmptyState
        missing="data"
        title={t('scorecardsPage.heatmap.emptyTitle')}
        description={t('scorecardsPage.heatmap.emptyDescription')}
      />
    );
  } else if (scorecard.columns.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {drilled
          ? t('scorecardsPage.heatmap.noCapabilities', { layer: layerName })
          : t('scorecardsPage.heatmap.noLayers')}
      </Typography>
    );
  } else {
    body = (
      <>
        {state.refreshing && <Progress />}
        <HeatmapTable
          scorecard={scorecard}
          drilled={drilled}
          label={
            drilled
              ? t('scorecardsPage.heatmap.drilledTableLabel', {
                  layer: layerName,
                })
              : t('scorecardsPage.heatmap.tableLabel')
          }
          selectedTeam={selectedTeam}
          busy={state.refreshing}
          onDrillDown={showLayer}
          onSelectTeam={showTeam}
        />
        <Box
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
        >
          <HeatLegend />
          <TablePagination
            component="div"
            count={scorecard.totalCount}
            page={Math.min(page, lastPage)}
            rowsPerPage={TEAMS_PER_PAGE}
            rowsPerPageOptions={[]}
            onPageChange={(_, next) => setPage(next)}
            {...paginationLabels}
          />
        </Box>
      </>
    );
  }

  return (
    <>
      <HeadedInfoCard
        title={
          drilled
            ? t('scorecardsPage.heatmap.drilledTitle', { layer: layerName })
            : t('scorecardsPage.heatmap.title')
        }
        titleTypographyProps={focusableTitle(heading.ref)}
        subheader={
          drilled
            ? t('scorecardsPage.heatmap.drilledSubheader')
            : t('scorecardsPage.heatmap.subheader')
        }
        action={
          drilled ? (
            <Button
              size="small"
              startIcon={<ArrowBackIcon />}
              onClick={() => showLayer(undefined)}
            >
              {t('scorecardsPage.heatmap.back')}
            </Button>
          ) : undefined
        }
      >
        {body}
      </HeadedInfoCard>
      {selectedTeam && (
        <Box mt={2}>
          <TeamViewSection
            team={selectedTeam}
            titleRef={teamView.ref}
            onClose={closeTeam}
          />
        </Box>
      )}
    </>
  );
};
