import { ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import { runtimeStackTranslationRef } from '../../translation';
import { errorMessage, statusOf } from './errorMessage';
import { RetryButton } from './RetryButton';

/** The backend's refusal (403), as opposed to a failure. */
export const refusalOf = (error: unknown): string | undefined =>
  statusOf(error) === 403 ? errorMessage(error) : undefined;

/** The permission policy's refusal, as a calm sentence with its reason. */
export const RefusalText = ({
  what,
  reason,
}: {
  /** The view inside a sentence: "You may not see {what}". */
  what: string;
  reason: string;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <Typography variant="body2" color="textSecondary">
      {t('entityContent.section.refused', { what, reason })}
    </Typography>
  );
};

/**
 * Why a view could not load. A refusal is the permission policy saying no,
 * nothing to debug: it reads as a sentence with the policy's reason, not
 * as a red error panel. A failure may pass, so `onRetry` offers to load
 * again.
 */
export const LoadError = ({
  error,
  what,
  title,
  onRetry,
}: {
  error: Error;
  /** The view inside a sentence: "You may not see {what}". */
  what: string;
  /** The error panel's title, for a failure. */
  title: string;
  onRetry?: () => void;
}) => {
  const refusal = refusalOf(error);
  if (refusal !== undefined) {
    return <RefusalText what={what} reason={refusal} />;
  }
  return (
    <>
      <ResponseErrorPanel error={error} title={title} />
      {onRetry && <RetryButton onClick={onRetry} />}
    </>
  );
};
