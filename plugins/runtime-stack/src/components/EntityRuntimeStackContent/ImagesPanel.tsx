import type { EntityImages } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';

const short = (digest?: string) => (digest ? `${digest.slice(0, 19)}…` : '—');

/** Running images against what the registry holds, with the drift. */
export const ImagesPanel = ({ value }: { value: EntityImages }) => (
  <Table size="small" aria-label="Images">
    <TableHead>
      <TableRow>
        <TableCell>Image</TableCell>
        <TableCell>Running</TableCell>
        <TableCell>Registry</TableCell>
        <TableCell>Drift</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {value.images.map(image => (
        <TableRow key={image.reference}>
          <TableCell style={{ verticalAlign: 'top' }}>
            <Typography variant="body2">{image.reference}</Typography>
            {image.declared && (
              <Chip size="small" variant="outlined" label="declared" />
            )}
            {image.invalid && (
              <Typography variant="body2" color="error">
                {image.invalid}
              </Typography>
            )}
          </TableCell>
          <TableCell style={{ verticalAlign: 'top' }}>
            {image.running.length === 0
              ? 'not running'
              : `${image.running.length} pod(s), ${[
                  ...new Set(image.running.map(r => short(r.digest))),
                ].join(', ')}`}
          </TableCell>
          <TableCell style={{ verticalAlign: 'top' }}>
            {!image.registryConfigured && (
              <Typography variant="body2" color="textSecondary">
                registry not configured: shown as the cluster reports it
              </Typography>
            )}
            {image.current && (
              <Typography variant="body2">
                {image.tag} → {short(image.current.digest)}
                {image.current.created &&
                  `, built ${image.current.created.slice(0, 10)}`}
              </Typography>
            )}
            {image.newest[0] && (
              <Typography variant="body2" color="textSecondary">
                newest: {image.newest[0].tag}
              </Typography>
            )}
            {image.lastError && (
              <Typography variant="body2" color="error">
                {image.lastError}
              </Typography>
            )}
          </TableCell>
          <TableCell style={{ verticalAlign: 'top' }}>
            <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
              {image.drift.length === 0 ? (
                <Chip size="small" label="none" />
              ) : (
                image.drift.map(d => (
                  <Tooltip
                    key={d.kind}
                    title={
                      <span style={{ whiteSpace: 'pre-line' }}>
                        {[d.message, ...d.evidence].join('\n')}
                      </span>
                    }
                  >
                    <Chip size="small" color="secondary" label={d.kind} />
                  </Tooltip>
                ))
              )}
            </Box>
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);
