import type {
  CapabilityCoverage,
  CapabilityRequirement,
} from '@internal/backstage-plugin-runtime-stack-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import { alertFill, alertTextColor } from '../shared/alertColors';

type Status = CapabilityCoverage['status'];

const STATUS_TEXT: Record<Status, { label: string; meaning: string }> = {
  covered: {
    label: 'covered',
    meaning: 'Evidence shows the capability in use',
  },
  partial: {
    label: 'partial',
    meaning:
      'Only partial evidence, for example a claim the cluster does not confirm',
  },
  missing: { label: 'missing', meaning: 'No evidence of the capability' },
  exempt: { label: 'exempt', meaning: 'An accepted gap, not counted' },
  'not-required': {
    label: 'not required',
    meaning: 'The requirement profile does not ask for it',
  },
};

const filled = (theme: Theme, background: string) => ({
  backgroundColor: background,
  color: theme.palette.getContrastText(background),
});

const useStyles = makeStyles(theme => ({
  covered: filled(theme, theme.palette.success.main),
  partial: filled(theme, theme.palette.warning.main),
  missing: alertFill(theme),
  // Outlined in the alarm colour: a gap, but not one the ratio counts.
  missingRecommended: {
    color: alertTextColor(theme),
    borderColor: alertTextColor(theme),
  },
  exempt: {},
  'not-required': {},
}));

const RECOMMENDED_MISSING =
  'No evidence of the capability. The profile recommends it, so it does not count against the coverage';

/**
 * A capability's status. Colour only repeats what the text says, so the
 * label and the tooltip carry the meaning for everyone.
 */
export const CoverageStatusChip = ({
  status,
  requirement,
  capabilityTitle,
}: {
  status: Status;
  /** What the profile asks; a recommended gap looks lighter than a required one. */
  requirement?: CapabilityRequirement;
  capabilityTitle: string;
}) => {
  const classes = useStyles();
  const { label, meaning } = STATUS_TEXT[status];
  const recommendedGap = status === 'missing' && requirement === 'recommended';
  return (
    <Tooltip title={recommendedGap ? RECOMMENDED_MISSING : meaning}>
      <Chip
        size="small"
        className={
          recommendedGap ? classes.missingRecommended : classes[status]
        }
        variant={
          recommendedGap || status === 'exempt' || status === 'not-required'
            ? 'outlined'
            : 'default'
        }
        label={label}
        aria-label={`${capabilityTitle} status: ${label}`}
        tabIndex={0}
      />
    </Tooltip>
  );
};
