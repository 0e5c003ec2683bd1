import type { EntityCoverage } from '@internal/backstage-plugin-runtime-stack-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { CapabilityRow } from './CapabilityRow';
import {
  describeLayerCoverage,
  needsAttention,
  stackLayersOf,
  type StackLayer,
} from './layerStackModel';
import { OwnershipHeader } from './OwnershipHeader';
import { VisuallyHidden } from '@backstage/ui';
import { ScrollingTable } from '../shared/ScrollingTable';
import { ErrorText } from '../shared/ErrorText';
import {
  ownershipReadable,
  ownershipReadError,
} from '../shared/ownershipReadError';
import { LayerAccordion } from '../shared/LayerAccordion';
import { useTakeOverChecks, type TakeOverCheck } from './useTakeOverChecks';
import { useCompactStack } from './useCompactStack';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';

const identity = (toolId: string) => toolId;

/** Capability titles as the coverage names them, ids for any it lacks. */
function capabilityTitlesIn(value: EntityCoverage) {
  const titles = new Map(value.capabilities.map(c => [c.capability, c.title]));
  return (capability: string) => titles.get(capability) ?? capability;
}

const LayerSection = ({
  layer,
  entityRef,
  titleOf,
  takeOverCheckOf,
  ownersReadable,
  onChanged,
  compact,
}: {
  layer: StackLayer;
  entityRef: string;
  titleOf: (toolId: string) => string;
  takeOverCheckOf: (capability: string) => TakeOverCheck | undefined;
  ownersReadable: boolean;
  onChanged: () => void;
  /** Everything of a capability in one cell: see `useCompactStack`. */
  compact: boolean;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <LayerAccordion
      id={`runtime-stack-layer-${layer.layer}`}
      layer={layer.layer}
      title={layer.title}
      summary={describeLayerCoverage(t, layer.coverage)}
      defaultExpanded={needsAttention(layer)}
    >
      {layer.capabilities.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('entityContent.stack.layerEmpty')}
        </Typography>
      ) : (
        <ScrollingTable
          size="small"
          aria-label={t('entityContent.stack.layerLabel', {
            layer: String(layer.layer),
          })}
        >
          <TableHead>
            {compact ? (
              <TableRow>
                <TableCell>
                  {t('entityContent.stack.capabilityColumn')}
                </TableCell>
              </TableRow>
            ) : (
              <TableRow>
                {/* The same share per column in every layer, so the layers line up. */}
                <TableCell style={{ width: '28%' }}>
                  {t('entityContent.stack.capabilityColumn')}
                </TableCell>
                <TableCell style={{ width: '11%' }}>
                  {t('entityContent.stack.statusColumn')}
                </TableCell>
                <TableCell style={{ width: '18%' }}>
                  {t('entityContent.stack.toolsColumn')}
                </TableCell>
                <TableCell style={{ width: '23%' }}>
                  {t('entityContent.stack.ownersColumn')}
                </TableCell>
                <TableCell style={{ width: '20%' }}>
                  <VisuallyHidden>
                    {t('entityContent.stack.actionsColumn')}
                  </VisuallyHidden>
                </TableCell>
              </TableRow>
            )}
          </TableHead>
          <TableBody>
            {layer.capabilities.map(capability => (
              <CapabilityRow
                key={capability.capability}
                capability={capability}
                entityRef={entityRef}
                titleOf={titleOf}
                takeOverCheck={takeOverCheckOf(capability.capability)}
                ownersReadable={ownersReadable}
                onChanged={onChanged}
                compact={compact}
              />
            ))}
          </TableBody>
        </ScrollingTable>
      )}
    </LayerAccordion>
  );
};

/**
 * The service's whole runtime stack, application (6) on top and platform (0)
 * at the bottom: per capability its status, tools, owners and evidence, with
 * the owners editable in place. Layers with gaps or conflicts start open.
 */
export const LayerStack = ({
  value,
  titleOf = identity,
  onChanged,
}: {
  value: EntityCoverage;
  titleOf?: (toolId: string) => string;
  /** Called after an owner was saved, or when the user asks to reload after a conflict. */
  onChanged: () => void;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const compact = useCompactStack();
  // Asked here, once for every layer, rather than by each row.
  const takeOverCheckOf = useTakeOverChecks(
    value.entityRef,
    value.capabilities,
  );
  const ownersError = ownershipReadError(value.sourceErrors);
  const ownersReadable = ownershipReadable(value);
  return (
    <>
      <OwnershipHeader
        note={t('entityContent.stack.ownersNote')}
        entityRef={value.entityRef}
        readable={ownersReadable}
        capabilityTitleOf={capabilityTitlesIn(value)}
      />
      {ownersError && (
        // Said once here, where every row's owners then read "not known".
        <ErrorText gutterBottom>
          {t('entityContent.owners.loadFailed', { message: ownersError })}
        </ErrorText>
      )}
      {stackLayersOf(value).map(layer => (
        <LayerSection
          key={layer.layer}
          layer={layer}
          entityRef={value.entityRef}
          titleOf={titleOf}
          takeOverCheckOf={takeOverCheckOf}
          ownersReadable={ownersReadable}
          onChanged={onChanged}
          compact={compact}
        />
      ))}
    </>
  );
};
