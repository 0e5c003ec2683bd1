import {
  describeDetectionEvidence,
  type ToolFinding,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import type { LayerModelTitles } from '@internal/backstage-plugin-runtime-stack-common';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';

const evidenceOf = (finding: ToolFinding) =>
  finding.evidence.slice(0, 3).map(describeDetectionEvidence).join('\n');

/** Detected tools as chips; hovering or focusing one shows its layer, capability and evidence. */
export const ToolChips = ({
  tools,
  titles,
}: {
  tools: ToolFinding[];
  titles: LayerModelTitles;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {tools.map(finding => (
        <Tooltip
          key={`${finding.capability}/${finding.tool}`}
          title={
            <span style={{ whiteSpace: 'pre-line' }}>
              {`${t('layerTitle', {
                layer: String(finding.layer),
                title: titles.capabilityTitleOf(finding.capability),
              })}\n${evidenceOf(finding)}`}
            </span>
          }
        >
          {/* Focusable, so the keyboard reaches the evidence too. */}
          <Chip
            size="small"
            label={titles.toolTitleOf(finding.tool)}
            tabIndex={0}
          />
        </Tooltip>
      ))}
    </Box>
  );
};
