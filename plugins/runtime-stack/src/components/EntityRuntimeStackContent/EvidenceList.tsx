import type { CoverageEvidence } from '@internal/backstage-plugin-runtime-stack-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatAgeSince } from '../shared/formatAgeSince';
import { ScrollingTable } from '../shared/ScrollingTable';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';
import { evidenceSourceName } from '../shared/sourceNames';
import { evidenceDetailText } from '../shared/evidenceDetailText';

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
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const seenAgo = (seenAt?: string) => {
    const age = seenAt ? formatAgeSince(t, seenAt) : undefined;
    return age && t('entityContent.evidence.seenAgo', { age });
  };
  if (evidence.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('entityContent.evidence.none', { capability: capabilityTitle })}
      </Typography>
    );
  }
  return (
    <ScrollingTable
      size="small"
      aria-label={t('entityContent.evidence.tableLabel', {
        capability: capabilityTitle,
      })}
    >
      <TableHead>
        <TableRow>
          <TableCell>{t('entityContent.evidence.sourceColumn')}</TableCell>
          <TableCell>{t('entityContent.evidence.detailColumn')}</TableCell>
          <TableCell>{t('entityContent.evidence.clusterColumn')}</TableCell>
          <TableCell>{t('entityContent.evidence.toolColumn')}</TableCell>
          <TableCell>{t('entityContent.evidence.seenColumn')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {evidence.map((e, index) => (
          // Evidence has no id; the same detail can come from two clusters.
          <TableRow key={index}>
            <TableCell>
              {e.strength === 'partial'
                ? t('entityContent.evidence.partial', {
                    source: evidenceSourceName(t, e.source),
                  })
                : evidenceSourceName(t, e.source)}
            </TableCell>
            <TableCell>{evidenceDetailText(t, e)}</TableCell>
            <TableCell>{e.cluster ?? '—'}</TableCell>
            <TableCell>{e.tool ? titleOf(e.tool) : '—'}</TableCell>
            <TableCell>{seenAgo(e.seenAt) ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollingTable>
  );
};
