import { Progress } from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import {
  entityRouteParams,
  useEntity,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { runtimeStackApiRef } from '../../api';
import {
  LiveAnnouncement,
  useCoverageChanged,
  useDescribeCoverageChange,
} from '../shared/useCoverageChanged';
import { legacyEntityContentRouteRef } from '../../legacyRoutes';
import { entityContentRouteRef } from '../../routes';
import {
  RUNTIME_STACK_TAB_PATH,
  useOptionalLegacyRouteRef,
} from '../shared/routeLinks';
import { CoverageSummary } from './CoverageSummary';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';
import { LoadError } from '../shared/LoadError';
import { ReloadFailedNote } from '../shared/ReloadFailedNote';
import { useLastGoodAsync } from '../shared/useLastGoodAsync';
import { useOnNewEvaluation } from '../shared/useOnNewEvaluation';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * Resolves an entity's "Runtime stack" tab. It is given the entity's
 * parameters, which it needs only when the tab's route names them itself
 * rather than inheriting them from the entity page's.
 */
type TabRoute = (params: Record<string, string>) => string;

/** The card itself; the exports below say where its link goes. */
const CoverageCard = ({ tabLink }: { tabLink?: string }) => {
  const { entity } = useEntity();
  const api = useApi(runtimeStackApiRef);
  const name = useMemo(
    () => ({
      kind: entity.kind,
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    }),
    [entity],
  );
  const entityRef = stringifyEntityRef(entity);
  const coverage = useLastGoodAsync(
    entityRef,
    () => api.getEntityCoverage(name),
    [api, name],
  );
  const { value, loading, error, refreshError } = coverage;
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const describeChange = useDescribeCoverageChange('entity');
  const announcement = useCoverageChanged(
    entityRef,
    coverage,
    v => describeChange(v.overall),
    v => v.evaluatedAt,
  );
  // Only to say whether a cluster's collection fails or is stale: a failure
  // to load them leaves the card as it is.
  const clusters = useLastGoodAsync(
    entityRef,
    () => api.getEntityClusters(name),
    [api, name],
  );
  // A new evaluation follows a collection, which changed their freshness.
  useOnNewEvaluation(entityRef, value?.evaluatedAt, clusters.retry);

  const body = () => {
    // A reload on a signal keeps the card as it was until the answer comes,
    // and after it when it fails.
    if (loading) return <Progress />;
    if (error) {
      return (
        <LoadError
          error={error}
          what={t('coverageCard.what')}
          title={t('coverageCard.loadError')}
        />
      );
    }
    return (
      value && (
        <>
          <ReloadFailedNote
            what={t('coverageCard.what')}
            error={refreshError}
          />
          <CoverageSummary value={value} clusters={clusters.value} />
        </>
      )
    );
  };

  return (
    <HeadedInfoCard
      title={t('coverageCard.title')}
      deepLink={
        tabLink
          ? { title: t('coverageCard.viewTab'), link: tabLink }
          : undefined
      }
    >
      <LiveAnnouncement text={announcement} />
      {body()}
    </HeadedInfoCard>
  );
};

/**
 * A Component's coverage of the layer model in brief, for its Overview tab;
 * the details are on its "Runtime stack" tab, wherever the app's config put
 * that tab, and without a link where the app has no such tab.
 */
export const EntityCoverageCard = () => {
  const { entity } = useEntity();
  const tab = useRouteRef(entityContentRouteRef) as TabRoute | undefined;
  return <CoverageCard tabLink={tab?.(entityRouteParams(entity))} />;
};

/**
 * The card in a legacy app, linking to the tab where its
 * `EntityLayout.Route` mounts `EntityRuntimeStackContent`, or to
 * `runtime-stack` below the entity where the routes do not show one.
 */
export const LegacyEntityCoverageCard = () => {
  const { entity } = useEntity();
  const tab = useOptionalLegacyRouteRef(legacyEntityContentRouteRef) as
    | TabRoute
    | undefined;
  const entityLink = useEntityRefLink();
  return (
    <CoverageCard
      tabLink={
        tab
          ? tab(entityRouteParams(entity))
          : `${entityLink(entity)}/${RUNTIME_STACK_TAB_PATH}`
      }
    />
  );
};
