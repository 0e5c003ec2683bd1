import type { EntityCoverage } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { formatAgeSince } from '../shared/formatAgeSince';
import { formatPercent } from '@internal/backstage-plugin-runtime-stack-common';
import { ScrollingTable } from '../shared/ScrollingTable';
import { ErrorText } from '../shared/ErrorText';
import { AlertChip } from '../shared/AlertChip';

/**
 * Overall and per-layer coverage under the service's requirement profile,
 * then the gaps with what would close them.
 */
export const CoveragePanel = ({ value }: { value: EntityCoverage }) => (
  <>
    <Typography variant="h4" component="p" aria-label="Overall coverage">
      {formatPercent(value.overall.ratio)}
    </Typography>
    <Typography variant="body2" color="textSecondary">
      {value.overall.covered} of {value.overall.required} required capabilities
      covered
      {value.overall.partial > 0 && `, ${value.overall.partial} partly`} ·
      profile {value.profile.title} ({value.profile.reason})
      {formatAgeSince(value.evaluatedAt) &&
        ` · evaluated ${formatAgeSince(
          value.evaluatedAt,
        )} ago, after the last collection`}
    </Typography>
    {value.sourceErrors.map(e => (
      <ErrorText key={e.source}>
        {e.source} could not be read: {e.message}
      </ErrorText>
    ))}
    <ScrollingTable size="small" aria-label="Coverage by layer">
      <TableBody>
        {[...value.layers].reverse().map(layer => (
          <TableRow key={layer.layer}>
            <TableCell style={{ width: '35%' }}>
              Layer {layer.layer} · {layer.title}
            </TableCell>
            <TableCell style={{ width: '45%' }}>
              {layer.required > 0 && (
                <LinearProgress
                  variant="determinate"
                  value={layer.ratio * 100}
                  aria-label={`Layer ${layer.layer} coverage`}
                />
              )}
            </TableCell>
            <TableCell>
              {layer.required === 0
                ? 'nothing required'
                : `${formatPercent(layer.ratio)} of ${layer.required}`}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ScrollingTable>
    {value.gaps.length > 0 && (
      <Box mt={2}>
        <Typography variant="subtitle2" component="h4">
          Gaps
        </Typography>
        <ScrollingTable size="small" aria-label="Coverage gaps">
          <TableBody>
            {value.gaps.map(gap => (
              <TableRow key={gap.capability}>
                <TableCell>
                  <Tooltip
                    title={
                      gap.evidence
                        .map(e => `${e.source}: ${e.detail}`)
                        .join('\n') || 'no evidence'
                    }
                  >
                    <AlertChip
                      size="small"
                      alert={gap.status === 'missing'}
                      color={gap.status === 'covered' ? 'primary' : 'default'}
                      label={gap.status}
                      tabIndex={0}
                    />
                  </Tooltip>
                </TableCell>
                <TableCell>
                  Layer {gap.layer} · {gap.title}
                  {gap.conflict &&
                    ` (declared ${gap.conflict.declared.join(
                      ', ',
                    )}, observed ${gap.conflict.observed.join(', ')})`}
                </TableCell>
                <TableCell>
                  <Typography variant="body2" color="textSecondary">
                    {gap.hint}
                  </Typography>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </ScrollingTable>
      </Box>
    )}
  </>
);
