import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { OwnershipHistory } from './OwnershipHistory';

/** What owners set on this tab mean, beside the History of their changes. */
export const OwnershipHeader = ({
  note,
  entityRef,
  readable,
  capabilityTitleOf,
}: {
  note: string;
  /** The component or System whose records the history lists. */
  entityRef: string;
  /** Whether the user may read owners, and so their history. */
  readable: boolean;
  capabilityTitleOf: (capability: string) => string;
}) => (
  <Box display="flex" alignItems="center" justifyContent="space-between" mb={1}>
    <Typography variant="body2" color="textSecondary">
      {note}
    </Typography>
    <OwnershipHistory
      entityRef={entityRef}
      readable={readable}
      capabilityTitleOf={capabilityTitleOf}
    />
  </Box>
);
