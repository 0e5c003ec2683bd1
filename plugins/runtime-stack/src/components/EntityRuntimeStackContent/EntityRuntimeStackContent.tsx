import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import {
  useDescribeCoverageChange,
  LiveAnnouncement,
  useCoverageChanged,
} from '../shared/useCoverageChanged';
import {
  layerModelTitlesOf,
  type EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import { AnnotationProblems } from './AnnotationProblems';
import { ClustersPanel } from './ClustersPanel';
import { CoverageRefreshContext } from './coverageRefresh';
import { clustersEmptyText } from './clustersEmptyText';
import { CoveragePanel } from './CoveragePanel';
import { ExemptionsPanel } from './ExemptionsPanel';
import { exemptionGapsOf } from './exemptions';
import { ImagesPanel } from './ImagesPanel';
import { LayerStack } from './LayerStack';
import { ObservabilityPanel } from './ObservabilityPanel';
import { Section } from './Section';
import { CoverageTrendCard } from './CoverageTrendCard';
import { useLastGoodAsync } from '../shared/useLastGoodAsync';
import { fullRefOfKind } from '../shared/fullRefOfKind';
import { useReloadAfterCollection } from './useReloadAfterCollection';
import {
  PANEL_REFRESH_MS,
  useRefreshWhileShown,
} from '../shared/useRefreshWhileShown';
import { runtimeStackTranslationRef } from '../../translation';

/** The entity's System as `system:namespace/name`, if `spec.system` names one. */
const systemRefOf = (entity: Entity): string | undefined =>
  typeof entity.spec?.system === 'string'
    ? fullRefOfKind(
        entity.spec.system,
        'system',
        entity.metadata.namespace ?? 'default',
      )
    : undefined;

const evaluatedAtOf = (value: EntityCoverage) => value.evaluatedAt;

/**
 * The capabilities the coverage counts as covered: `'loading'` until it has
 * loaded or failed, none when it failed.
 */
const coveredCapabilitiesOf = (coverage: {
  loading: boolean;
  value?: EntityCoverage;
}): ReadonlySet<string> | 'loading' =>
  coverage.loading
    ? 'loading'
    : new Set(
        (coverage.value?.capabilities ?? [])
          .filter(c => c.status === 'covered')
          .map(c => c.capability),
      );

/**
 * The service's runtime: what each cluster runs of it, the images against
 * the registry, and where its telemetry lives. Each part loads on its own.
 */
export const EntityRuntimeStackContent = () => {
  const { entity } = useEntity();
  const api = useApi(runtimeStackApiRef);
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const name = useMemo(
    () => ({
      kind: entity.kind,
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    }),
    [entity],
  );
  const entityRef = useMemo(() => stringifyEntityRef(entity), [entity]);
  const systemRef = useMemo(() => systemRefOf(entity), [entity]);
  const model = useAsync(() => api.getLayerModel(), [api]);
  const titles = useMemo(() => layerModelTitlesOf(model.value), [model.value]);
  const { toolTitleOf: titleOf, capabilityTitleOf } = titles;
  const clusters = useLastGoodAsync(
    entityRef,
    () => api.getEntityClusters(name),
    [api, name],
  );
  const images = useLastGoodAsync(entityRef, () => api.getEntityImages(name), [
    api,
    name,
  ]);
  const coverage = useLastGoodAsync(
    entityRef,
    () => api.getEntityCoverage(name),
    [api, name],
  );
  const describeChange = useDescribeCoverageChange('entity');
  const announcement = useCoverageChanged(
    entityRef,
    coverage,
    v => describeChange(v.overall),
    evaluatedAtOf,
  );
  // A reload after an owner change keeps the stack on screen, so open layers
  // and an open dialog survive it, and so does a reload that fails.
  const { refreshing, refreshError } = coverage;
  const refresh = useMemo(
    () => ({ refreshing, refreshError }),
    [refreshing, refreshError],
  );
  const observability = useLastGoodAsync(
    entityRef,
    () => api.getEntityObservability(name),
    [api, name],
  );
  // Coverage is evaluated again after each collection, which the backend
  // signals: what the clusters, the registry and the telemetry show has
  // changed with it (a service opened before its cluster's first collection
  // gets its workloads then). An exemption granted here is evaluated too,
  // but changes none of them.
  const afterOwnWrite = useReloadAfterCollection(entityRef, coverage, () => {
    clusters.retry();
    images.retry();
    observability.retry();
  });
  // Between those evaluations the clusters are watched, so what runs (pods,
  // restarts, replicas) changes without one: read again while in sight.
  useRefreshWhileShown(
    clusters.retry,
    PANEL_REFRESH_MS,
    clusters.value !== undefined,
  );
  useRefreshWhileShown(
    images.retry,
    PANEL_REFRESH_MS,
    images.value !== undefined,
  );
  useRefreshWhileShown(
    observability.retry,
    PANEL_REFRESH_MS,
    observability.value !== undefined,
  );
  const coveredCapabilities = useMemo(
    () =>
      coveredCapabilitiesOf({
        loading: coverage.loading,
        value: coverage.value,
      }),
    [coverage.loading, coverage.value],
  );

  // Exemptions are for this service's gaps: once the coverage says which
  // they are, only those are offered. Every capability when it failed.
  const gaps = useMemo(() => {
    if (coverage.value) return exemptionGapsOf(coverage.value);
    return coverage.loading ? ('loading' as const) : undefined;
  }, [coverage.loading, coverage.value]);

  return (
    <Grid container spacing={2}>
      <LiveAnnouncement text={announcement} />
      <Grid item xs={12}>
        <AnnotationProblems entity={entity} model={model.value} />
        <Section
          title={t('entityContent.coverage.title')}
          what={t('entityContent.coverage.what')}
          subheader={t('entityContent.coverage.subheader')}
          state={coverage}
          refreshing={refreshing}
          refreshError={refreshError}
          isEmpty={v => v.capabilities.length === 0}
          empty={t('entityContent.noCapabilities')}
        >
          {value => <CoveragePanel value={value} clusters={clusters.value} />}
        </Section>
      </Grid>
      <Grid item xs={12}>
        <Section
          title={t('entityContent.stack.title')}
          what={t('entityContent.stack.what')}
          subheader={t('entityContent.stack.subheader')}
          state={coverage}
          refreshing={refreshing}
          refreshError={refreshError}
          isEmpty={v => v.capabilities.length === 0}
          empty={t('entityContent.noCapabilities')}
        >
          {value => (
            <CoverageRefreshContext.Provider value={refresh}>
              <LayerStack
                value={value}
                titleOf={titleOf}
                onChanged={coverage.retry}
              />
            </CoverageRefreshContext.Provider>
          )}
        </Section>
      </Grid>
      <Grid item xs={12} md={5}>
        <CoverageTrendCard
          subject={{ kind: 'service', ref: entityRef }}
          subheader={t('entityContent.trend.subheader')}
          ariaLabel={t('entityContent.trend.chartLabel')}
          evaluatedAt={coverage.value?.evaluatedAt}
        />
      </Grid>
      <Grid item xs={12} md={7}>
        <ExemptionsPanel
          entityRef={entityRef}
          systemRef={systemRef}
          model={model.value}
          gaps={gaps}
          onChanged={afterOwnWrite}
          evaluatedAt={coverage.value?.evaluatedAt}
        />
      </Grid>
      <Grid item xs={12}>
        <Section
          title={t('entityContent.clusters.title')}
          what={t('entityContent.clusters.what')}
          subheader={t('entityContent.clusters.subheader')}
          state={clusters}
          refreshError={clusters.refreshError}
          isEmpty={v => v.clusters.length === 0 && v.unavailable.length === 0}
          empty={clustersEmptyText(t, clusters.value)}
        >
          {value => <ClustersPanel value={value} titles={titles} />}
        </Section>
      </Grid>
      <Grid item xs={12}>
        <Section
          title={t('entityContent.images.title')}
          what={t('entityContent.images.what')}
          subheader={t('entityContent.images.subheader')}
          state={images}
          refreshError={images.refreshError}
          isEmpty={v => v.images.length === 0}
          empty={t('entityContent.images.empty')}
        >
          {value => <ImagesPanel value={value} />}
        </Section>
      </Grid>
      <Grid item xs={12}>
        <Section
          title={t('entityContent.observability.title')}
          what={t('entityContent.observability.what')}
          subheader={t('entityContent.observability.subheader')}
          state={observability}
          refreshError={observability.refreshError}
          isEmpty={() => false}
          empty=""
        >
          {value => (
            <ObservabilityPanel
              value={value}
              capabilityTitleOf={capabilityTitleOf}
              covered={coveredCapabilities}
            />
          )}
        </Section>
      </Grid>
    </Grid>
  );
};
