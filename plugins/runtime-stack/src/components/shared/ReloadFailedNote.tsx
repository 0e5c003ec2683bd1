import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';
import { errorMessage } from './errorMessage';
import { ErrorText } from './ErrorText';

/**
 * Says that a view could not reload and still shows what it loaded before,
 * in the backend's words; nothing while the last reload went through.
 */
export const ReloadFailedNote = ({
  what,
  error,
}: {
  /** The view inside a sentence: "Could not reload {what}". */
  what: string;
  error?: Error;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  if (!error) return null;
  return (
    <ErrorText role="alert">
      {t('reloadFailed', { what, message: errorMessage(error) })}
    </ErrorText>
  );
};
