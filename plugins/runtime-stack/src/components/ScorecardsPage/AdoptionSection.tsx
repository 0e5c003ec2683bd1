import { EmptyState, Progress } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type { CapabilityAdoption } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { runtimeStackApiRef } from '../../api';
import { toolTitlesOf } from '@internal/backstage-plugin-runtime-stack-common';
import { heatColor } from './heatColor';
import { useLayerNameOf } from './layerNames';
import { HeadedInfoCard } from '../shared/HeadedInfoCard';
import { LoadError } from '../shared/LoadError';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * Most used first, seen before only declared; ties by name so the order
 * does not shuffle.
 */
export function toolsByUse(
  tools: CapabilityAdoption['tools'],
): CapabilityAdoption['tools'] {
  return [...tools].sort(
    (a, b) =>
      b.services - a.services ||
      (b.declaredOnly ?? 0) - (a.declaredOnly ?? 0) ||
      a.tool.localeCompare(b.tool),
  );
}

/** A tool's chip text: where it is seen, and where only declared. */
function useToolLabel() {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (title: string, tool: CapabilityAdoption['tools'][number]) => {
    const declaredOnly = tool.declaredOnly ?? 0;
    if (tool.services === 0) {
      return t('scorecardsPage.adoption.toolDeclaredOnly', {
        tool: title,
        count: declaredOnly,
      });
    }
    const seen = t('scorecardsPage.adoption.tool', {
      tool: title,
      count: tool.services,
    });
    return declaredOnly === 0
      ? seen
      : t('scorecardsPage.adoption.toolAlsoDeclared', {
          seen,
          count: declaredOnly,
        });
  };
}

/** Capabilities grouped by layer, the application (highest) on top. */
export function groupByLayer(
  capabilities: CapabilityAdoption[],
): Array<{ layer: number; capabilities: CapabilityAdoption[] }> {
  const byLayer = new Map<number, CapabilityAdoption[]>();
  for (const capability of capabilities) {
    const list = byLayer.get(capability.layer) ?? [];
    list.push(capability);
    byLayer.set(capability.layer, list);
  }
  return [...byLayer.entries()]
    .sort(([a], [b]) => b - a)
    .map(([layer, list]) => ({ layer, capabilities: list }));
}

const SEGMENTS = [
  { key: 'covered', color: heatColor(1) },
  { key: 'partial', color: heatColor(0.5) },
  { key: 'missing', color: heatColor(0) },
] as const;

/** Covered, partial and missing as one bar over the services requiring it. */
const StackedBar = ({ capability }: { capability: CapabilityAdoption }) => {
  if (capability.required === 0) return null;
  return (
    <Box
      display="flex"
      height={8}
      width="100%"
      my={0.5}
      borderRadius={4}
      overflow="hidden"
      aria-hidden
    >
      {SEGMENTS.map(segment => {
        const count = capability[segment.key];
        return count > 0 ? (
          <Box
            key={segment.key}
            data-segment={segment.key}
            style={{
              width: `${(count / capability.required) * 100}%`,
              background: segment.color,
            }}
          />
        ) : null;
      })}
    </Box>
  );
};

/** "12 covered · 3 partial · 5 missing of 20 required · 2 exempt". */
function useAdoptionSummary(): (capability: CapabilityAdoption) => string {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return capability => {
    const { exempt } = capability;
    if (capability.required === 0) {
      return exempt > 0
        ? t('scorecardsPage.adoption.notRequiredExempt', { count: exempt })
        : t('scorecardsPage.adoption.notRequired');
    }
    const counts = {
      covered: capability.covered,
      partial: capability.partial,
      missing: capability.missing,
      required: capability.required,
    };
    return exempt > 0
      ? t('scorecardsPage.adoption.countsExempt', { ...counts, exempt })
      : t('scorecardsPage.adoption.counts', counts);
  };
}

const CapabilityAdoptionRow = ({
  capability,
  toolTitle,
}: {
  capability: CapabilityAdoption;
  toolTitle: (id: string) => string;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const adoptionSummary = useAdoptionSummary();
  const toolLabel = useToolLabel();
  const tools = toolsByUse(capability.tools);
  return (
    <Box
      py={1}
      component="li"
      aria-label={capability.title}
      style={{ listStyle: 'none' }}
    >
      <Typography variant="subtitle2" component="h4">
        {capability.title}
      </Typography>
      <StackedBar capability={capability} />
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="adoption-counts"
      >
        {adoptionSummary(capability)}
      </Typography>
      {tools.length === 0 ? (
        <Typography variant="caption" color="textSecondary">
          {t('scorecardsPage.adoption.noTools')}
        </Typography>
      ) : (
        <Box
          display="flex"
          flexWrap="wrap"
          mt={0.5}
          style={{ gap: 4 }}
          role="list"
          aria-label={t('scorecardsPage.adoption.toolsLabel', {
            capability: capability.title,
          })}
        >
          {tools.map(tool => (
            <Chip
              key={tool.tool}
              size="small"
              variant="outlined"
              role="listitem"
              label={toolLabel(toolTitle(tool.tool), tool)}
              // Named by declarations alone: drawn apart, and said so.
              style={
                tool.services === 0 ? { borderStyle: 'dashed' } : undefined
              }
            />
          ))}
        </Box>
      )}
    </Box>
  );
};

/**
 * Which tools cover each capability across the estate and how many of the
 * services requiring it are covered, layer by layer.
 */
export const AdoptionSection = () => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const api = useApi(runtimeStackApiRef);
  const adoption = useAsyncRetry(() => api.getAdoption(), [api]);
  // Only titles come from the model: without it ids are shown instead.
  const model = useAsync(() => api.getLayerModel(), [api]);
  const layerTitle = useLayerNameOf(model.value);

  if (adoption.loading) return <Progress />;
  if (adoption.error) {
    return (
      <LoadError
        error={adoption.error}
        what={t('scorecardsPage.adoption.what')}
        title={t('scorecardsPage.adoption.loadError')}
        onRetry={adoption.retry}
      />
    );
  }
  const value = adoption.value;
  if (!value || value.services === 0) {
    return (
      <EmptyState
        missing="data"
        title={t('scorecardsPage.adoption.emptyTitle')}
        description={t('scorecardsPage.adoption.emptyDescription')}
      />
    );
  }
  if (value.capabilities.length === 0) {
    return (
      <EmptyState
        missing="content"
        title={t('scorecardsPage.adoption.noCapabilitiesTitle')}
        description={t('scorecardsPage.adoption.noCapabilitiesDescription', {
          count: value.services,
        })}
      />
    );
  }
  const toolTitle = toolTitlesOf(model.value);
  return (
    <>
      <Typography variant="body1" gutterBottom>
        {t('scorecardsPage.adoption.evaluated', { count: value.services })}
      </Typography>
      <Grid container spacing={2}>
        {groupByLayer(value.capabilities).map(group => (
          <Grid item xs={12} md={6} key={group.layer}>
            <HeadedInfoCard title={layerTitle(group.layer)}>
              <Box
                component="ul"
                m={0}
                p={0}
                aria-label={t('scorecardsPage.adoption.capabilitiesLabel', {
                  layer: String(group.layer),
                })}
              >
                {group.capabilities.map(capability => (
                  <CapabilityAdoptionRow
                    key={capability.capability}
                    capability={capability}
                    toolTitle={toolTitle}
                  />
                ))}
              </Box>
            </HeadedInfoCard>
          </Grid>
        ))}
      </Grid>
    </>
  );
};
