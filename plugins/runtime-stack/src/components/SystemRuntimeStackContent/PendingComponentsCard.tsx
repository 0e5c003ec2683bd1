import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';

/**
 * Components the backend has not evaluated yet. They are left out of the
 * sums above, so they are named here rather than silently missing.
 */
export const PendingComponentsCard = ({ pending }: { pending: string[] }) => (
  <HeadedInfoCard
    title="Not evaluated yet"
    subheader="Coverage is computed after the next cluster collection; they are not counted in the System's coverage."
  >
    <List dense disablePadding aria-label="Components not evaluated yet">
      {pending.map(ref => (
        <ListItem key={ref} disableGutters>
          <EntityRefLink entityRef={ref} defaultKind="component" />
        </ListItem>
      ))}
    </List>
  </HeadedInfoCard>
);
