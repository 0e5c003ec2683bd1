import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { VisuallyHidden } from '@backstage/ui';
import type {
  EffectiveOwnership,
  LayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runtimeStackApiRef, type EntityName } from '../../api';
import { CapabilityOwners } from '../EntityRuntimeStackContent/CapabilityOwners';
import { ChangeOwnerAction } from '../EntityRuntimeStackContent/ChangeOwnerAction';
import { CoverageRefreshContext } from '../EntityRuntimeStackContent/coverageRefresh';
import type { OwnedCapability } from '../EntityRuntimeStackContent/ownershipEdits';
import { Section } from '../EntityRuntimeStackContent/Section';
import { ScrollingTable } from '../shared/ScrollingTable';
import { LayerAccordion } from '../shared/LayerAccordion';
import { capabilityTitlesOf } from '@internal/backstage-plugin-runtime-stack-common';
import { OwnershipHeader } from '../EntityRuntimeStackContent/OwnershipHeader';
import { runtimeStackTranslationRef } from '../../translation';
import { useLastGoodAsync } from '../shared/useLastGoodAsync';
import {
  useTakeOverChecks,
  type TakeOverCheck,
} from '../EntityRuntimeStackContent/useTakeOverChecks';

interface OwnedLayer {
  layer: number;
  title: string;
  capabilities: OwnedCapability[];
  /** Capabilities whose owner is set on this System. */
  ownHere: number;
}

/** The layer model's layers, application first, each capability with its owners. */
export function ownedLayersOf(
  model: LayerModel,
  ownership: EffectiveOwnership,
): OwnedLayer[] {
  const owners = new Map(
    ownership.capabilities.map(c => [c.capability, c.owners]),
  );
  return [...model.layers]
    .sort((a, b) => b.id - a.id)
    .map(layer => {
      const capabilities = layer.capabilities.map(c => ({
        capability: c.id,
        layer: layer.id,
        title: c.title,
        owners: owners.get(c.id) ?? [],
      }));
      return {
        layer: layer.id,
        title: layer.title,
        capabilities,
        ownHere: capabilities.filter(c =>
          c.owners.some(o => o.inheritedFrom.kind === 'system'),
        ).length,
      };
    });
}

const OwnedLayerSection = ({
  layer,
  systemRef,
  takeOverCheckOf,
  onChanged,
}: {
  layer: OwnedLayer;
  systemRef: string;
  takeOverCheckOf: (capability: string) => TakeOverCheck | undefined;
  onChanged: () => void;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <LayerAccordion
      id={`system-owners-layer-${layer.layer}`}
      layer={layer.layer}
      title={layer.title}
      summary={
        layer.ownHere === 0
          ? t('systemContent.owners.noneSet')
          : t('systemContent.owners.set', { count: layer.ownHere })
      }
    >
      <ScrollingTable
        size="small"
        aria-label={t('systemContent.owners.tableLabel', {
          layer: String(layer.layer),
        })}
      >
        <TableHead>
          <TableRow>
            <TableCell style={{ width: '35%' }}>
              {t('systemContent.capabilityColumn')}
            </TableCell>
            <TableCell style={{ width: '45%' }}>
              {t('systemContent.owners.ownersColumn')}
            </TableCell>
            <TableCell style={{ width: '20%' }}>
              <VisuallyHidden>
                {t('systemContent.owners.actionsColumn')}
              </VisuallyHidden>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {layer.capabilities.map(capability => (
            <TableRow key={capability.capability} aria-label={capability.title}>
              <TableCell style={{ verticalAlign: 'top' }}>
                {capability.title}
              </TableCell>
              <TableCell style={{ verticalAlign: 'top' }}>
                <CapabilityOwners
                  owners={capability.owners}
                  ownScope="system"
                />
              </TableCell>
              <TableCell align="right" style={{ verticalAlign: 'top' }}>
                <ChangeOwnerAction
                  capability={capability}
                  entityRef={systemRef}
                  takeOverCheck={takeOverCheckOf(capability.capability)}
                  onChanged={onChanged}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollingTable>
    </LayerAccordion>
  );
};

/**
 * Who owns each capability for all components of a System, and changing it
 * there: a record on the System is inherited by every component that sets
 * none of its own.
 */
export const SystemOwnersCard = ({ system }: { system: EntityName }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const api = useApi(runtimeStackApiRef);
  const systemRef = stringifyEntityRef(system);
  const model = useAsyncRetry(() => api.getLayerModel(), [api]);
  // A reload that fails keeps the owners on screen, and an open dialog with them.
  const ownership = useLastGoodAsync(
    systemRef,
    () => api.getEntityOwnership(system),
    [api, system],
  );
  const layers = useMemo(
    () =>
      model.value && ownership.value
        ? ownedLayersOf(model.value, ownership.value)
        : undefined,
    [model.value, ownership.value],
  );
  const state = {
    loading: model.loading || ownership.loading,
    error: model.error ?? ownership.error,
    value: layers,
    // Asks again for what failed, which may be both.
    retry: () => {
      if (model.error) model.retry();
      if (ownership.error) ownership.retry();
    },
  };
  const capabilities = useMemo(
    () => (layers ?? []).flatMap(layer => layer.capabilities),
    [layers],
  );
  const takeOverCheckOf = useTakeOverChecks(systemRef, capabilities);
  const { refreshing, refreshError } = ownership;
  // A dialog that met a conflict waits for this reload before saving again.
  const refresh = useMemo(
    () => ({ refreshing, refreshError }),
    [refreshing, refreshError],
  );
  return (
    <Section
      title={t('systemContent.owners.title')}
      what={t('systemContent.owners.what')}
      subheader={t('systemContent.owners.subheader')}
      state={state}
      refreshing={refreshing}
      refreshError={refreshError}
      isEmpty={shown => shown.length === 0}
      empty={t('systemContent.owners.empty')}
    >
      {shown => (
        <CoverageRefreshContext.Provider value={refresh}>
          <OwnershipHeader
            note={t('systemContent.owners.note')}
            entityRef={systemRef}
            // The owners are shown, so the user may read them.
            readable
            capabilityTitleOf={capabilityTitlesOf(model.value)}
          />
          {shown.map(layer => (
            <OwnedLayerSection
              key={layer.layer}
              layer={layer}
              systemRef={systemRef}
              takeOverCheckOf={takeOverCheckOf}
              onChanged={ownership.retry}
            />
          ))}
        </CoverageRefreshContext.Provider>
      )}
    </Section>
  );
};
