import { makeStyles } from '@material-ui/core/styles';
import Typography, { type TypographyProps } from '@material-ui/core/Typography';
import type { ElementType } from 'react';
import { alertTextColor } from './alertColors';

const useStyles = makeStyles(theme => ({
  root: { color: alertTextColor(theme) },
}));

/**
 * Text of an error or a conflict, in a red that is readable on the page in
 * both themes (unlike Typography's `color="error"`).
 */
export const ErrorText = ({
  className,
  variant = 'body2',
  ...props
}: Omit<TypographyProps, 'color'> & { component?: ElementType }) => {
  const classes = useStyles();
  return (
    <Typography
      {...props}
      variant={variant}
      className={className ? `${classes.root} ${className}` : classes.root}
    />
  );
};
