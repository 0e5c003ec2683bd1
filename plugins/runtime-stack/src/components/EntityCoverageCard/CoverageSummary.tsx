import { WarningPanel } from '@backstage/core-components';
import type { EntityCoverage } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatAgeSince } from '../shared/formatAgeSince';
import { formatCoveragePercent } from '@internal/backstage-plugin-runtime-stack-common';
import { LayerCoverageList } from './LayerCoverageList';
import { TopGaps } from './TopGaps';

const SourceErrors = ({
  errors,
}: {
  errors: EntityCoverage['sourceErrors'];
}) => (
  <WarningPanel
    title={`Evidence not read from ${errors.map(e => e.source).join(', ')}`}
    message="Coverage is computed from the other sources, so it may read lower than it is."
  >
    {errors.map(e => (
      <Typography key={e.source} variant="body2">
        {e.source}: {e.message}
      </Typography>
    ))}
  </WarningPanel>
);

/** The card's body: the overall ratio, then per layer, then what to fix. */
export const CoverageSummary = ({ value }: { value: EntityCoverage }) => {
  const { overall } = value;
  const age = formatAgeSince(value.evaluatedAt);
  return (
    <>
      {value.sourceErrors.length > 0 && (
        <Box mb={2}>
          <SourceErrors errors={value.sourceErrors} />
        </Box>
      )}
      <Typography variant="h3" component="p" aria-label="Overall coverage">
        {formatCoveragePercent(overall)}
      </Typography>
      <Typography variant="body2">
        {overall.required === 0
          ? 'The profile requires no capabilities'
          : `${overall.covered} of ${overall.required} required capabilities covered`}
        {overall.partial > 0 && `, ${overall.partial} partly`}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Profile {value.profile.title}
        {age && ` · evaluated ${age} ago`}
      </Typography>
      <Box mt={1} mb={2}>
        <LayerCoverageList layers={value.layers} />
      </Box>
      {value.gaps.length > 0 ? (
        <TopGaps gaps={value.gaps} />
      ) : (
        overall.required > 0 && (
          <Typography variant="body2" color="textSecondary">
            Every required capability is covered.
          </Typography>
        )
      )}
    </>
  );
};
