import { Progress } from '@backstage/core-components';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { ReactNode, RefObject } from 'react';
import { LoadError } from '../shared/LoadError';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';
import { ReloadFailedNote } from '../shared/ReloadFailedNote';
import { focusableTitle } from '../shared/focusableTitle';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * One source of the service page: its own loading, error and empty states,
 * so one failing source leaves the others readable.
 */
export function Section<T>(props: {
  title: string;
  /** The title as a sentence names it: "Could not load {what}". */
  what: string;
  subheader?: string;
  /** `retry`, when the load has one, is offered after a failed first load. */
  state: { loading: boolean; error?: Error; value?: T; retry?: () => void };
  /** Loading again while the last value stays on screen. */
  refreshing?: boolean;
  /** Why loading again failed, the last value staying on screen. */
  refreshError?: Error;
  isEmpty: (value: T) => boolean;
  empty: ReactNode;
  children: (value: T) => ReactNode;
  /** The title, for script to move focus to when the content changed under the user. */
  titleRef?: RefObject<HTMLElement>;
}) {
  const {
    title,
    what,
    subheader,
    state,
    refreshing,
    refreshError,
    isEmpty,
    empty,
    children,
    titleRef,
  } = props;
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  let body: ReactNode;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error) {
    body = (
      <LoadError
        error={state.error}
        what={what}
        title={t('entityContent.section.loadError', { what })}
        onRetry={state.retry}
      />
    );
  } else if (state.value === undefined || isEmpty(state.value)) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {empty}
      </Typography>
    );
  } else {
    body = children(state.value);
  }
  return (
    <HeadedInfoCard
      title={title}
      subheader={subheader}
      {...(titleRef && { titleTypographyProps: focusableTitle(titleRef) })}
    >
      {refreshing && state.value !== undefined && (
        <LinearProgress
          aria-label={t('entityContent.section.reloading', { what })}
        />
      )}
      {state.value !== undefined && (
        <ReloadFailedNote what={what} error={refreshError} />
      )}
      {body}
    </HeadedInfoCard>
  );
}
