import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { VISUALLY_HIDDEN } from './visuallyHidden';

/**
 * Column headers for a table whose columns speak for themselves on screen (a
 * title, a bar, its percentage), so a screen reader still names each cell by
 * its column. The header row stays in the table, where it keeps its role,
 * and takes no room: only its words are hidden, and its cells lose their
 * padding and rule.
 */
export const HiddenTableHead = ({ columns }: { columns: string[] }) => (
  <TableHead>
    <TableRow>
      {columns.map(column => (
        <TableCell key={column} style={{ padding: 0, border: 0 }}>
          <span style={VISUALLY_HIDDEN}>{column}</span>
        </TableCell>
      ))}
    </TableRow>
  </TableHead>
);
