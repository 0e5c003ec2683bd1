import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { useId, type ReactNode } from 'react';
import { VISUALLY_HIDDEN } from './visuallyHidden';

const useStyles = makeStyles(theme => ({
  blocked: {
    color: theme.palette.action.disabled,
    borderColor: theme.palette.action.disabledBackground,
    cursor: 'default',
    '&:hover': {
      backgroundColor: 'transparent',
      borderColor: theme.palette.action.disabledBackground,
    },
  },
}));

/**
 * A small button that says why it may not be used: in a tooltip on hover
 * and on keyboard focus, and as its accessible description, so a screen
 * reader reads the reason with the button. It is marked `aria-disabled`
 * rather than disabled: a disabled button leaves the tab order, and the
 * keyboard could never reach the reason. The wrapper stays whether or not
 * it is blocked, so the button is not replaced when a permission check
 * comes back.
 *
 * A `note` is said the same way without blocking: for a check that could
 * not be made, where the action itself still meets the real check.
 */
export const GuardedButton = ({
  disabledReason,
  note,
  children,
  onClick,
  ...props
}: {
  disabledReason?: string;
  note?: string;
  children: ReactNode;
  onClick: () => void;
  'aria-label'?: string;
  'aria-haspopup'?: 'dialog';
  variant?: 'text' | 'outlined' | 'contained';
  color?: 'default' | 'primary' | 'secondary';
}) => {
  const reasonId = useId();
  const classes = useStyles();
  const blocked = Boolean(disabledReason);
  const said = disabledReason || note;
  return (
    // On the wrapper, so the tooltip's own description and id stay off the
    // button, which is described by the reason below.
    <Tooltip title={said ?? ''}>
      <span>
        <Button
          size="small"
          {...props}
          aria-disabled={blocked || undefined}
          aria-describedby={said ? reasonId : undefined}
          className={blocked ? classes.blocked : undefined}
          onClick={blocked ? undefined : onClick}
        >
          {children}
        </Button>
        {said && (
          <span id={reasonId} style={VISUALLY_HIDDEN}>
            {said}
          </span>
        )}
      </span>
    </Tooltip>
  );
};
