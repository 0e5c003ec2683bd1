import { ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { runtimeStackTranslationRef } from '../../translation';
import { errorMessage, statusOf } from './errorMessage';

/** The backend's refusal (403), as opposed to a failure. */
const refusalOf = (error: Error): string | undefined =>
  statusOf(error) === 403 ? errorMessage(error) : undefined;

/**
 * Why a view could not load. A refusal is the permission policy saying no,
 * nothing to debug: it reads as a sentence with the policy's reason, not
 * as a red error panel.
 */
export const LoadError = ({
  error,
  what,
  title,
}: {
  error: Error;
  /** The view inside a sentence: "You may not see {what}". */
  what: string;
  /** The error panel's title, for a failure. */
  title: string;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const refusal = refusalOf(error);
  if (refusal !== undefined) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('entityContent.section.refused', { what, reason: refusal })}
      </Typography>
    );
  }
  return <ResponseErrorPanel error={error} title={title} />;
};
