import Chip, { type ChipProps } from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import { forwardRef } from 'react';
import { alertFill } from './alertColors';

const useStyles = makeStyles(theme => ({ alert: alertFill(theme) }));

/**
 * A chip in the alarm colour when `alert` holds, else in its `color`. MUI's
 * `color="secondary"` chip is too light for its white text.
 */
export const AlertChip = forwardRef<
  HTMLDivElement,
  ChipProps & { alert?: boolean }
>(({ alert = true, className, color, ...props }, ref) => {
  const classes = useStyles();
  return (
    <Chip
      ref={ref}
      {...props}
      color={alert ? 'default' : color}
      className={
        alert ? [classes.alert, className].filter(Boolean).join(' ') : className
      }
    />
  );
});
