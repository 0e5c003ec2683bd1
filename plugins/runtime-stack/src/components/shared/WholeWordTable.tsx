import Table, { type TableProps } from '@material-ui/core/Table';
import { makeStyles } from '@material-ui/core/styles';

// The Backstage theme sets `word-break: break-word` on every table cell,
// which lets Chromium shrink a column below its longest word and split
// "production" as "productio / n".
const useStyles = makeStyles({
  table: {
    '& th, & td': { wordBreak: 'normal', overflowWrap: 'break-word' },
  },
});

/** A table of words and titles: words stay whole, only a token too long for any column wraps. */
export const WholeWordTable = ({ className, ...props }: TableProps) => {
  const classes = useStyles();
  return (
    <Table
      {...props}
      className={[classes.table, className].filter(Boolean).join(' ')}
    />
  );
};
