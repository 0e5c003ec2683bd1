import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { ReactNode } from 'react';

/**
 * A warning that stands on the page, with what is wrong and what to do:
 * a note rather than an alert, since it is there when the page opens.
 */
export const StandingWarning = ({
  title,
  action,
  children,
  my,
}: {
  title: string;
  /** What the reader can do about it, below the lines. */
  action: string;
  children: ReactNode;
  /** Vertical margin, in spacing units; below only when absent. */
  my?: number;
}) => (
  <Box {...(my === undefined ? { mb: 1 } : { my })}>
    <Alert severity="warning" role="note">
      <AlertTitle>{title}</AlertTitle>
      {children}
      <div>{action}</div>
    </Alert>
  </Box>
);
