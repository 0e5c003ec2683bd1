import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * Components the backend has not evaluated yet. They are left out of the
 * sums above, so they are named here rather than silently missing.
 */
export const PendingComponentsCard = ({ pending }: { pending: string[] }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <HeadedInfoCard
      title={t('systemContent.pending.title')}
      subheader={t('systemContent.pending.subheader')}
    >
      <List
        dense
        disablePadding
        aria-label={t('systemContent.pending.listLabel')}
      >
        {pending.map(ref => (
          <ListItem key={ref} disableGutters>
            <EntityRefLink entityRef={ref} defaultKind="component" />
          </ListItem>
        ))}
      </List>
    </HeadedInfoCard>
  );
};
