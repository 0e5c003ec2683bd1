import type { CapabilityCoverage } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Collapse from '@material-ui/core/Collapse';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { CapabilityOwners } from './CapabilityOwners';
import { ChangeOwnerAction } from './ChangeOwnerAction';
import type { TakeOverCheck } from './useTakeOverChecks';
import { CoverageStatusChip } from './CoverageStatusChip';
import { EvidenceList } from './EvidenceList';
import { ErrorText } from '../shared/ErrorText';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';
import { coverageHintText } from '../shared/coverageHintText';

const CapabilityDescription = ({
  capability,
  titleOf,
}: {
  capability: CapabilityCoverage;
  titleOf: (toolId: string) => string;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const toolsOr = (tools: string[]) =>
    tools.map(titleOf).join(', ') || t('entityContent.stack.conflictNothing');
  const { conflict, exemption } = capability;
  const hint = coverageHintText(t, capability);
  return (
    <>
      <Typography variant="body2">{capability.title}</Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {t(`entityContent.stack.requirement.${capability.requirement}`)}
      </Typography>
      {conflict && (
        // A claim the cluster contradicts is shown, never resolved silently.
        <ErrorText>
          {t('entityContent.stack.conflict', {
            declared: toolsOr(conflict.declared),
            observed: toolsOr(conflict.observed),
          })}
        </ErrorText>
      )}
      {exemption && (
        <Typography variant="body2" color="textSecondary">
          {exemption.expiresAt
            ? t('entityContent.stack.exemptUntil', {
                reason: exemption.reason,
                date: exemption.expiresAt.slice(0, 10),
              })
            : t('entityContent.stack.exempt', { reason: exemption.reason })}
        </Typography>
      )}
      {hint && (
        <Typography variant="body2" color="textSecondary">
          {hint}
        </Typography>
      )}
    </>
  );
};

const ToolNames = ({
  tools,
  titleOf,
}: {
  tools: string[];
  titleOf: (toolId: string) => string;
}) =>
  tools.length === 0 ? (
    <Typography variant="body2" color="textSecondary">
      —
    </Typography>
  ) : (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {tools.map(tool => (
        <Chip key={tool} size="small" label={titleOf(tool)} />
      ))}
    </Box>
  );

export const CAPABILITY_COLUMNS = 5;

const useStyles = makeStyles(theme => ({
  // Side by side in a wide window, stacked in a narrow one, where the row
  // would otherwise be cut off or scroll.
  actions: {
    display: 'flex',
    justifyContent: 'flex-end',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
    [theme.breakpoints.down('sm')]: { flexWrap: 'wrap' },
  },
}));

/** One capability: what it is, its status, tools, owners, and what can be done. */
export const CapabilityRow = ({
  capability,
  entityRef,
  titleOf,
  takeOverCheck,
  onChanged,
}: {
  capability: CapabilityCoverage;
  entityRef: string;
  titleOf: (toolId: string) => string;
  takeOverCheck?: TakeOverCheck;
  onChanged: () => void;
}) => {
  const classes = useStyles();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const [showEvidence, setShowEvidence] = useState(false);
  const evidenceId = `evidence-${capability.capability}`;
  return (
    <>
      <TableRow aria-label={capability.title}>
        <TableCell style={{ verticalAlign: 'top', minWidth: 140 }}>
          <CapabilityDescription capability={capability} titleOf={titleOf} />
        </TableCell>
        <TableCell style={{ verticalAlign: 'top' }}>
          <CoverageStatusChip
            status={capability.status}
            requirement={capability.requirement}
            capabilityTitle={capability.title}
          />
        </TableCell>
        <TableCell style={{ verticalAlign: 'top' }}>
          <ToolNames tools={capability.tools} titleOf={titleOf} />
        </TableCell>
        {/* Owners carry a group name and where it comes from: keep them readable. */}
        <TableCell style={{ verticalAlign: 'top', minWidth: 160 }}>
          <CapabilityOwners owners={capability.owners} />
        </TableCell>
        <TableCell style={{ verticalAlign: 'top' }}>
          <Box className={classes.actions}>
            <Button
              size="small"
              aria-expanded={showEvidence}
              aria-controls={evidenceId}
              aria-label={t('entityContent.stack.evidenceButtonLabel', {
                capability: capability.title,
                count: capability.evidence.length,
              })}
              onClick={() => setShowEvidence(shown => !shown)}
            >
              {t('entityContent.stack.evidenceButton', {
                count: capability.evidence.length,
              })}
            </Button>
            <ChangeOwnerAction
              capability={capability}
              entityRef={entityRef}
              takeOverCheck={takeOverCheck}
              onChanged={onChanged}
            />
          </Box>
        </TableCell>
      </TableRow>
      <TableRow>
        <TableCell
          colSpan={CAPABILITY_COLUMNS}
          style={showEvidence ? undefined : { padding: 0, borderBottom: 0 }}
        >
          {/* The id stays put while the list mounts and unmounts, for aria-controls. */}
          <Box id={evidenceId}>
            <Collapse in={showEvidence} unmountOnExit>
              <Box py={1}>
                <EvidenceList
                  evidence={capability.evidence}
                  capabilityTitle={capability.title}
                  titleOf={titleOf}
                />
              </Box>
            </Collapse>
          </Box>
        </TableCell>
      </TableRow>
    </>
  );
};
