import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * Loads a view again after its load failed: a restarting backend or a
 * dropped connection passes, and reloading the whole page would lose the
 * rest of it.
 */
export const RetryButton = ({ onClick }: { onClick: () => void }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <Box mt={1}>
      <Button size="small" variant="outlined" onClick={onClick}>
        {t('retry')}
      </Button>
    </Box>
  );
};
