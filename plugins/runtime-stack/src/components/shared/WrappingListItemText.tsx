import ListItemText, {
  type ListItemTextProps,
} from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  // Doubled, to outweigh the theme's rule whatever order the sheets load in.
  wrap: { '&&': { whiteSpace: 'normal', overflowWrap: 'anywhere' } },
});

/**
 * A list item's text that wraps. The Backstage theme keeps the text of dense
 * list items on one line and clips the rest; hints, summaries and gaps are
 * sentences (often with an annotation to copy), so they must be read whole.
 */
export const WrappingListItemText = ({
  className,
  ...props
}: ListItemTextProps) => {
  const classes = useStyles();
  return (
    <ListItemText
      {...props}
      className={className ? `${classes.wrap} ${className}` : classes.wrap}
    />
  );
};
