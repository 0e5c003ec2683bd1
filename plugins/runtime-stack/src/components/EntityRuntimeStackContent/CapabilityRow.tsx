import type { CapabilityCoverage } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Collapse from '@material-ui/core/Collapse';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import { useState, type ReactNode } from 'react';
import { CapabilityOwners } from './CapabilityOwners';
import { ChangeOwnerAction } from './ChangeOwnerAction';
import type { TakeOverCheck } from './useTakeOverChecks';
import { CoverageStatusChip } from '../shared/CoverageStatusChip';
import { EvidenceList } from './EvidenceList';
import { ErrorText } from '../shared/ErrorText';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';
import { coverageHintText } from '../shared/coverageHintText';
import { exemptionText } from './exemptions';
import { VISUALLY_HIDDEN } from '../shared/visuallyHidden';

type TitleOf = (toolId: string) => string;

/** The capability's title and what the profile asks of it. */
const CapabilityName = ({ capability }: { capability: CapabilityCoverage }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <>
      <Typography variant="body2">{capability.title}</Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {t(`entityContent.stack.requirement.${capability.requirement}`)}
      </Typography>
    </>
  );
};

/** A conflict, an exemption and what to do next, when there are. */
const CapabilityNotes = ({
  capability,
  titleOf,
}: {
  capability: CapabilityCoverage;
  titleOf: TitleOf;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const toolsOr = (tools: string[]) =>
    tools.map(titleOf).join(', ') || t('entityContent.stack.conflictNothing');
  const { conflict, exemption } = capability;
  const hint = coverageHintText(t, capability);
  return (
    <>
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
          {exemptionText(t, exemption)}
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

const ToolNames = ({ tools, titleOf }: { tools: string[]; titleOf: TitleOf }) =>
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

const useConflictStyles = makeStyles(theme => ({
  conflict: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.getContrastText(theme.palette.warning.main),
  },
  icon: { color: 'inherit' },
}));

/**
 * Beside the status chip of a capability whose declaration a cluster
 * contradicts: the status stays the engine's, but the row does not look
 * fine at a glance. The note below says what was declared and observed.
 */
const ConflictChip = ({ capabilityTitle }: { capabilityTitle: string }) => {
  const classes = useConflictStyles();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <Tooltip title={t('entityContent.stack.conflictChipMeaning')}>
      <Chip
        size="small"
        className={classes.conflict}
        icon={<WarningIcon className={classes.icon} aria-hidden="true" />}
        label={
          <>
            <span aria-hidden="true">
              {t('entityContent.stack.conflictChip')}
            </span>
            <span style={VISUALLY_HIDDEN}>
              {t('entityContent.stack.conflictChipLabel', {
                capability: capabilityTitle,
              })}
            </span>
          </>
        }
      />
    </Tooltip>
  );
};

/** Columns of the wide layout; the compact one has a single column. */
export const CAPABILITY_COLUMNS = 5;

const useStyles = makeStyles(theme => ({
  // Side by side in the actions column of the wide layout.
  actions: {
    display: 'flex',
    justifyContent: 'flex-end',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
  // Under the capability in the compact layout, wrapping on a phone.
  compactActions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(1),
  },
  // Status, tools and owners in a row that wraps as the cell narrows.
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(1, 3),
    margin: theme.spacing(1, 0),
  },
}));

/** One fact of the compact layout, under the name its column has in the wide one. */
const Fact = ({ label, children }: { label?: string; children: ReactNode }) => (
  <Box minWidth={0}>
    {label && (
      <Typography variant="caption" color="textSecondary" component="div">
        {label}
      </Typography>
    )}
    {children}
  </Box>
);

const top = { verticalAlign: 'top' } as const;

/**
 * One capability: what it is, its status, tools, owners, and what can be
 * done. `compact` puts it all in one cell, for a page too narrow for
 * columns (see `useCompactStack`).
 */
export const CapabilityRow = ({
  capability,
  entityRef,
  titleOf,
  takeOverCheck,
  ownersReadable = true,
  onChanged,
  compact = false,
}: {
  capability: CapabilityCoverage;
  entityRef: string;
  titleOf: TitleOf;
  takeOverCheck?: TakeOverCheck;
  /** False when the caller may not read owners at all (see `ownershipReadable`). */
  ownersReadable?: boolean;
  onChanged: () => void;
  compact?: boolean;
}) => {
  const classes = useStyles();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const [showEvidence, setShowEvidence] = useState(false);
  const evidenceId = `evidence-${capability.capability}`;
  const status = (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 4 }}>
      <CoverageStatusChip
        status={capability.status}
        requirement={capability.requirement}
        capabilityTitle={capability.title}
      />
      {capability.conflict && (
        <ConflictChip capabilityTitle={capability.title} />
      )}
    </Box>
  );
  const tools = <ToolNames tools={capability.tools} titleOf={titleOf} />;
  const owners = <CapabilityOwners owners={capability.owners} />;
  const actions = (
    <>
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
        ownersReadable={ownersReadable}
        onChanged={onChanged}
      />
    </>
  );
  return (
    <>
      <TableRow aria-label={capability.title}>
        {compact ? (
          <TableCell style={top}>
            <CapabilityName capability={capability} />
            <Box className={classes.facts}>
              <Fact>{status}</Fact>
              <Fact label={t('entityContent.stack.toolsColumn')}>{tools}</Fact>
              <Fact label={t('entityContent.stack.ownersColumn')}>
                {owners}
              </Fact>
            </Box>
            <CapabilityNotes capability={capability} titleOf={titleOf} />
            <Box className={classes.compactActions}>{actions}</Box>
          </TableCell>
        ) : (
          <>
            <TableCell style={{ ...top, minWidth: 140 }}>
              <CapabilityName capability={capability} />
              <CapabilityNotes capability={capability} titleOf={titleOf} />
            </TableCell>
            <TableCell style={top}>{status}</TableCell>
            <TableCell style={top}>{tools}</TableCell>
            {/* Owners carry a group name and where it comes from: keep them readable. */}
            <TableCell style={{ ...top, minWidth: 160 }}>{owners}</TableCell>
            <TableCell style={top}>
              <Box className={classes.actions}>{actions}</Box>
            </TableCell>
          </>
        )}
      </TableRow>
      <TableRow>
        <TableCell
          colSpan={compact ? 1 : CAPABILITY_COLUMNS}
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
