import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  EntityClusters,
  EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  runtimeStackTranslationRef,
  type RuntimeStackT,
} from '../../translation';
import { clustersBehind, type ClusterBehind } from './clustersBehind';
import { formatAge } from './formatAge';
import { StandingWarning } from './StandingWarning';
import { coverageSourceName } from './sourceNames';
import { evidenceSourceErrors } from './ownershipReadError';

function clusterLine(t: RuntimeStackT, behind: ClusterBehind): string {
  const { cluster, message = '', ageSeconds } = behind;
  const age = ageSeconds === undefined ? undefined : formatAge(t, ageSeconds);
  switch (behind.problem) {
    case 'failing':
      return age
        ? t('coverageCaveats.failing', { cluster, message, age })
        : t('coverageCaveats.failingNoAge', { cluster, message });
    case 'stale':
      return age
        ? t('coverageCaveats.stale', { cluster, age })
        : t('coverageCaveats.staleNoAge', { cluster });
    default:
      return message
        ? t('coverageCaveats.unavailable', { cluster, message })
        : t('coverageCaveats.unavailableNoMessage', { cluster });
  }
}

/**
 * Says when a coverage stands on sources that failed or are out of date:
 * sources of evidence the evaluation could not read (not the owners, which
 * count for nothing in it), and the service's clusters whose
 * collection fails, is stale or never ran, with what to do about it.
 * Nothing while every source is current. `clusters` is optional: a view
 * that could not load them still shows the failed sources.
 */
export const CoverageCaveats = ({
  sourceErrors,
  clusters,
  where,
}: {
  sourceErrors: EntityCoverage['sourceErrors'];
  clusters?: EntityClusters;
  /** Where the user reads more: below on the tab, or on the tab from the card. */
  where: 'tab' | 'card';
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const lines = [
    ...evidenceSourceErrors(sourceErrors).map(e =>
      t('coverageCaveats.sourceError', {
        source: coverageSourceName(t, e.source),
        message: e.message,
      }),
    ),
    ...(clusters ? clustersBehind(clusters) : []).map(c => clusterLine(t, c)),
  ];
  if (lines.length === 0) return null;
  return (
    <StandingWarning
      my={1}
      title={t('coverageCaveats.title')}
      action={
        where === 'tab'
          ? t('coverageCaveats.actionOnTab')
          : t('coverageCaveats.actionOnCard')
      }
    >
      {lines.map(line => (
        <div key={line}>{line}</div>
      ))}
    </StandingWarning>
  );
};
