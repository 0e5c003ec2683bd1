import type { CapabilityCoverage } from '@internal/backstage-plugin-runtime-stack-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { AlertChip } from '../shared/AlertChip';
import { WrappingListItemText } from '../shared/WrappingListItemText';

const SHOWN = 3;

/**
 * Missing before partial, since nothing is there at all; otherwise the
 * backend's layer order stands, lower layers carrying the ones above.
 */
export function pickTopGaps(
  gaps: CapabilityCoverage[],
  count: number,
): CapabilityCoverage[] {
  const rank = (gap: CapabilityCoverage) => (gap.status === 'missing' ? 0 : 1);
  return [...gaps].sort((a, b) => rank(a) - rank(b)).slice(0, count);
}

/** The few gaps worth acting on first, with what would close them. */
export const TopGaps = ({ gaps }: { gaps: CapabilityCoverage[] }) => {
  const shown = pickTopGaps(gaps, SHOWN);
  return (
    <>
      <Typography variant="subtitle2" component="h4">
        Top gaps
      </Typography>
      <List dense disablePadding aria-label="Top coverage gaps">
        {shown.map(gap => (
          <ListItem key={gap.capability} disableGutters alignItems="flex-start">
            <WrappingListItemText
              primary={`Layer ${gap.layer} · ${gap.title}`}
              secondary={gap.hint}
            />
            <AlertChip
              size="small"
              label={gap.status}
              alert={gap.status === 'missing'}
            />
          </ListItem>
        ))}
      </List>
      {gaps.length > shown.length && (
        <Typography variant="body2" color="textSecondary">
          {gaps.length - shown.length} more on the runtime stack tab
        </Typography>
      )}
    </>
  );
};
