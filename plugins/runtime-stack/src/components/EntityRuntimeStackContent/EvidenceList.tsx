import type { CoverageEvidence } from '@internal/backstage-plugin-runtime-stack-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatAgeSince } from '../shared/formatAgeSince';
import { ScrollingTable } from '../shared/ScrollingTable';

/** What the status of one capability rests on. */
export const EvidenceList = ({
  evidence,
  capabilityTitle,
  titleOf,
}: {
  evidence: CoverageEvidence[];
  capabilityTitle: string;
  titleOf: (toolId: string) => string;
}) => {
  if (evidence.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No evidence was found for {capabilityTitle}.
      </Typography>
    );
  }
  return (
    <ScrollingTable size="small" aria-label={`Evidence for ${capabilityTitle}`}>
      <TableHead>
        <TableRow>
          <TableCell>Source</TableCell>
          <TableCell>Detail</TableCell>
          <TableCell>Cluster</TableCell>
          <TableCell>Tool</TableCell>
          <TableCell>Seen</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {evidence.map((e, index) => (
          // Evidence has no id; the same detail can come from two clusters.
          <TableRow key={index}>
            <TableCell>
              {e.source}
              {e.strength === 'partial' && ' (partial)'}
            </TableCell>
            <TableCell>{e.detail}</TableCell>
            <TableCell>{e.cluster ?? '—'}</TableCell>
            <TableCell>{e.tool ? titleOf(e.tool) : '—'}</TableCell>
            <TableCell>
              {e.seenAt && formatAgeSince(e.seenAt)
                ? `${formatAgeSince(e.seenAt)} ago`
                : '—'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollingTable>
  );
};
