import { EmptyState, Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { useMemo } from 'react';
import {
  useDescribeCoverageChange,
  LiveAnnouncement,
  useCoverageChanged,
} from '../shared/useCoverageChanged';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { runtimeStackApiRef } from '../../api';
import { ExemptionsPanel } from '../EntityRuntimeStackContent/ExemptionsPanel';
import { CoverageTrendCard } from '../EntityRuntimeStackContent/CoverageTrendCard';
import { SystemOwnersCard } from './SystemOwnersCard';
import { AggregatedCoverageCard } from './AggregatedCoverageCard';
import { ComponentCoverageTable } from './ComponentCoverageTable';
import { PendingComponentsCard } from './PendingComponentsCard';
import { SharedGapsCard } from './SharedGapsCard';
import { ReloadFailedNote } from '../shared/ReloadFailedNote';
import { LoadError } from '../shared/LoadError';
import { useLastGoodAsync } from '../shared/useLastGoodAsync';
import { latestEvaluationOf } from '../shared/latestEvaluationOf';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * The "Runtime stack" tab of a System: its components' coverage added up,
 * each component worst first, the gaps they share, who owns each capability
 * for all of them, their coverage over time, and the exemptions that hold for
 * all of them.
 */
export const SystemRuntimeStackContent = () => {
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
  const systemRef = stringifyEntityRef(name);
  const coverage = useLastGoodAsync(
    systemRef,
    () => api.getSystemCoverage(name),
    [api, name],
  );
  const { value, error } = coverage;
  const describeChange = useDescribeCoverageChange('system');
  const announcement = useCoverageChanged(systemRef, coverage, v =>
    describeChange(v.overall),
  );

  // A reload after an exemption or a signal keeps the page, open dialogs
  // included, even when it fails: only the first load shows progress or an
  // error.
  if (coverage.loading) return <Progress />;
  if (error) {
    return (
      <LoadError
        error={error}
        what={t('systemContent.what')}
        title={t('systemContent.loadError')}
        onRetry={coverage.retry}
      />
    );
  }
  if (!value) return null;
  if (value.components.length === 0 && value.pending.length === 0) {
    // spec.system defaults to the Component's own namespace, not this one.
    const specSystem =
      name.namespace === 'default'
        ? name.name
        : `${name.namespace}/${name.name}`;
    return (
      <EmptyState
        missing="data"
        title={t('systemContent.emptyTitle')}
        description={t('systemContent.emptyDescription', { specSystem })}
      />
    );
  }
  return (
    <Grid container spacing={2}>
      <LiveAnnouncement text={announcement} />
      {coverage.refreshError && (
        <Grid item xs={12}>
          <ReloadFailedNote
            what={t('systemContent.what')}
            error={coverage.refreshError}
          />
        </Grid>
      )}
      {value.components.length > 0 && (
        <>
          <Grid item xs={12} md={6}>
            <AggregatedCoverageCard value={value} />
          </Grid>
          <Grid item xs={12} md={6}>
            <SharedGapsCard gaps={value.topGaps} />
          </Grid>
          <Grid item xs={12}>
            <ComponentCoverageTable
              components={value.components}
              layers={value.layers}
            />
          </Grid>
        </>
      )}
      {value.pending.length > 0 && (
        <Grid item xs={12}>
          <PendingComponentsCard pending={value.pending} />
        </Grid>
      )}
      <Grid item xs={12}>
        <SystemOwnersCard system={name} />
      </Grid>
      <Grid item xs={12} md={5}>
        <CoverageTrendCard
          subject={{ kind: 'system', ref: systemRef }}
          subheader={t('systemContent.trend.subheader')}
          ariaLabel={t('systemContent.trend.chartLabel')}
          evaluatedAt={latestEvaluationOf(value.components)}
        />
      </Grid>
      <Grid item xs={12} md={7}>
        <ExemptionsPanel
          entityRef={systemRef}
          gaps={value.topGaps.map(gap => gap.capability)}
          onChanged={coverage.retry}
          evaluatedAt={latestEvaluationOf(value.components)}
        />
      </Grid>
    </Grid>
  );
};
