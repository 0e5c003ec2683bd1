import type { ClusterFreshness } from '@internal/backstage-plugin-runtime-stack-common';
import { freshnessLabel } from './freshnessLabel';
import { AlertChip } from './AlertChip';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';

/** A cluster's freshness as a chip, in the alarm colour when stale or failing. */
export const FreshnessChip = ({ cluster }: { cluster: ClusterFreshness }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <AlertChip
      size="small"
      alert={Boolean(cluster.stale || cluster.lastError)}
      color="primary"
      label={freshnessLabel(t, cluster)}
    />
  );
};
