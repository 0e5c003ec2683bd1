import type { ClusterFreshness } from '@internal/backstage-plugin-runtime-stack-common';
import Chip from '@material-ui/core/Chip';
import { freshnessLabel } from './freshnessLabel';

/** A cluster's freshness as a chip, in the alarm colour when stale or failing. */
export const FreshnessChip = ({ cluster }: { cluster: ClusterFreshness }) => (
  <Chip
    size="small"
    color={cluster.stale || cluster.lastError ? 'secondary' : 'primary'}
    label={freshnessLabel(cluster)}
  />
);
