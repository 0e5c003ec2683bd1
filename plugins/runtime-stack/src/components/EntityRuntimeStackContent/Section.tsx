import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { errorMessage, statusOf } from '../shared/errorMessage';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';

/** The backend's refusal (403), as opposed to a failure. */
const refusalOf = (error: Error): string | undefined =>
  statusOf(error) === 403 ? errorMessage(error) : undefined;

/**
 * One source of the service page: its own loading, error and empty states,
 * so one failing source leaves the others readable.
 */
export function Section<T>(props: {
  title: string;
  subheader?: string;
  state: { loading: boolean; error?: Error; value?: T };
  /** Loading again while the last value stays on screen. */
  refreshing?: boolean;
  isEmpty: (value: T) => boolean;
  empty: ReactNode;
  children: (value: T) => ReactNode;
}) {
  const { title, subheader, state, refreshing, isEmpty, empty, children } =
    props;
  let body: ReactNode;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error && refusalOf(state.error) !== undefined) {
    // Not an error to debug: the permission policy says no.
    body = (
      <Typography variant="body2" color="textSecondary">
        {`You may not see ${title.toLocaleLowerCase('en-US')} (${refusalOf(
          state.error,
        )}). Ask your Backstage administrators for the permission if you need it.`}
      </Typography>
    );
  } else if (state.error) {
    body = (
      <ResponseErrorPanel
        error={state.error}
        title={`Could not load ${title.toLocaleLowerCase('en-US')}`}
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
    <HeadedInfoCard title={title} subheader={subheader}>
      {refreshing && state.value !== undefined && (
        <LinearProgress
          aria-label={`Reloading ${title.toLocaleLowerCase('en-US')}`}
        />
      )}
      {body}
    </HeadedInfoCard>
  );
}
