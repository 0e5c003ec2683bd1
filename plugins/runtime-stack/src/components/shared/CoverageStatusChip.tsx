import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  CapabilityCoverage,
  CapabilityRequirement,
} from '@internal/backstage-plugin-runtime-stack-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import { alertFill, alertTextColor } from './alertColors';
import { useCoverageStatusText } from './coverageStatusText';
import { VISUALLY_HIDDEN } from './visuallyHidden';
import { runtimeStackTranslationRef } from '../../translation';

type Status = CapabilityCoverage['status'];

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

/**
 * A status chip's text: shown as `label`, read as "Metrics status: label".
 */
export const StatusChipLabel = ({
  label,
  capabilityTitle,
}: {
  label: string;
  capabilityTitle: string;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <>
      <span aria-hidden="true">{label}</span>
      <span style={VISUALLY_HIDDEN}>
        {t('coverageStatus.chipLabel', {
          capability: capabilityTitle,
          status: label,
        })}
      </span>
    </>
  );
};

/**
 * A capability's status, in the same colours wherever a status is shown.
 * Colour only repeats what the text says. It opens nothing, so it takes no
 * keyboard stop: a screen reader reads it as "Metrics status: missing",
 * and the mouse gets what the status means on hover (the capability's
 * requirement, shown beside it, says the same for a recommended gap).
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
  const { label, meaning } = useCoverageStatusText()(status, requirement);
  const recommendedGap = status === 'missing' && requirement === 'recommended';
  return (
    <Tooltip title={meaning}>
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
        label={
          <StatusChipLabel label={label} capabilityTitle={capabilityTitle} />
        }
      />
    </Tooltip>
  );
};
