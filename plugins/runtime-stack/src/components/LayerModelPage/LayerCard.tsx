import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type { RuntimeLayer } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ScrollingTable } from '../shared/ScrollingTable';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';
import { VISUALLY_HIDDEN } from '../shared/visuallyHidden';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * One layer of the stack: its capabilities and the tools known for each;
 * with `showIds`, by the ids annotations name them with.
 */
export const LayerCard = ({
  layer,
  showIds = false,
}: {
  layer: RuntimeLayer;
  showIds?: boolean;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <HeadedInfoCard
      title={t('layerTitle', { layer: String(layer.id), title: layer.title })}
      subheader={layer.description}
    >
      <ScrollingTable
        size="small"
        aria-label={t('layerCard.capabilitiesLabel', {
          layer: String(layer.id),
        })}
      >
        <TableHead>
          <TableRow>
            <TableCell>{t('layerCard.capabilityColumn')}</TableCell>
            <TableCell>{t('layerCard.toolsColumn')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {layer.capabilities.map(capability => (
            <TableRow key={capability.id}>
              <TableCell style={{ width: '40%', verticalAlign: 'top' }}>
                <Typography variant="subtitle2" component="h4">
                  {capability.title}
                </Typography>
                {showIds && (
                  <Typography
                    variant="caption"
                    component="code"
                    style={{ display: 'block', fontFamily: 'monospace' }}
                  >
                    {capability.id}
                  </Typography>
                )}
                <Typography variant="body2" color="textSecondary">
                  {capability.description}
                </Typography>
                <Box mt={0.5}>
                  {capability.group && (
                    <Chip
                      size="small"
                      variant="outlined"
                      label={capability.group}
                    />
                  )}
                  {capability.optional && (
                    <Chip
                      size="small"
                      variant="outlined"
                      label={t('layerCard.optional')}
                    />
                  )}
                  {capability.providedByCluster && (
                    <Chip
                      size="small"
                      variant="outlined"
                      label={t('layerCard.providedByCluster')}
                    />
                  )}
                </Box>
              </TableCell>
              <TableCell style={{ verticalAlign: 'top' }}>
                {capability.tools.map(tool => {
                  // The id first, as shown; the title for screen readers
                  // (a <code> may not be named with aria-label).
                  const name = showIds ? (
                    <>
                      <code>{tool.id}</code>{' '}
                      <span style={VISUALLY_HIDDEN}>({tool.title})</span>
                    </>
                  ) : (
                    tool.title
                  );
                  return tool.url ? (
                    <Chip
                      key={tool.id}
                      size="small"
                      label={
                        // In the chip's text colour, underlined: link blue on
                        // a grey chip is unreadable in the dark theme.
                        <Link to={tool.url} color="inherit" underline="always">
                          {name}
                        </Link>
                      }
                    />
                  ) : (
                    <Chip key={tool.id} size="small" label={name} />
                  );
                })}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollingTable>
      {/* Below the table rather than a tooltip on each chip: a tooltip of
          a chip that takes no focus reaches neither keyboard nor screen
          reader users. */}
      {layer.capabilities.some(c => c.providedByCluster) && (
        <Box mt={1}>
          <Typography variant="body2" color="textSecondary">
            {t('layerCard.providedByClusterNote', {
              term: <em>{t('layerCard.providedByCluster')}</em>,
            })}
          </Typography>
        </Box>
      )}
    </HeadedInfoCard>
  );
};
