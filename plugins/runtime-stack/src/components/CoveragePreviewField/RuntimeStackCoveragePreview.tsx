import { useApiHolder } from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  chooseRequirementProfile,
  computeCoverage,
  defaultLayerModel,
  defaultRequirementProfiles,
  type CapabilityCoverage,
  type LayerModel,
  type ServiceCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { useEffect, useMemo, useState } from 'react';
import { runtimeStackApiRef } from '../../api';
import { CoverageStatusChip } from '../EntityRuntimeStackContent/CoverageStatusChip';
import { pickTopGaps } from '../EntityCoverageCard/TopGaps';
import { formatCoveragePercent } from '../shared/formatPercent';
import { toolTitlesOf } from '../shared/toolTitles';
import {
  coverageOnceConfirmed,
  previewEvidence,
  previewHint,
  readPreviewChoices,
  remainingGaps,
} from './previewEvidence';

const SHOWN_GAPS = 5;

/**
 * The backend's layer model (with the platform team's extensions) when the
 * runtime-stack API is there, else the default model, so the preview never
 * waits on or fails with the backend.
 */
function useLayerModel(): { layerModel: LayerModel; fallbackReason?: string } {
  const api = useApiHolder().get(runtimeStackApiRef);
  const [loaded, setLoaded] = useState<{ model?: LayerModel; error?: Error }>(
    {},
  );
  useEffect(() => {
    if (!api) return undefined;
    let current = true;
    api.getLayerModel().then(
      model => current && setLoaded({ model }),
      error => current && setLoaded({ error }),
    );
    return () => {
      current = false;
    };
  }, [api]);
  if (loaded.model) return { layerModel: loaded.model };
  return {
    layerModel: defaultLayerModel,
    fallbackReason: loaded.error
      ? `the platform's layer model could not be loaded (${loaded.error.message})`
      : undefined,
  };
}

/** The preview's coverage for the form data, with the same engine as the entity page. */
function usePreviewCoverage(formData: unknown) {
  const { layerModel, fallbackReason } = useLayerModel();
  const choices = readPreviewChoices(formData);
  // The form data changes on every keystroke; the coverage only when a choice does.
  const key = JSON.stringify(choices);
  const coverage = useMemo(() => {
    const parsed = JSON.parse(key) as typeof choices;
    return computeCoverage({
      layerModel,
      choice: chooseRequirementProfile(
        { annotation: parsed.requirementProfile },
        defaultRequirementProfiles,
      ),
      evidence: previewEvidence(parsed),
      now: new Date(),
    });
  }, [key, layerModel]);
  return { coverage, layerModel, fallbackReason };
}

const REQUIREMENT_TEXT: Record<CapabilityCoverage['requirement'], string> = {
  required: 'required',
  recommended: 'recommended',
  'not-applicable': 'not applicable',
  optional: 'not asked for',
};

const LayerSection = ({
  layer,
  capabilities,
  toolTitle,
}: {
  layer: ServiceCoverage['layers'][number];
  capabilities: CapabilityCoverage[];
  toolTitle: (id: string) => string;
}) => {
  // What the profile asks for or the choices bring; the rest in one line.
  const shown = capabilities.filter(
    c =>
      c.requirement === 'required' ||
      c.requirement === 'recommended' ||
      c.evidence.length > 0,
  );
  const others = capabilities.filter(c => !shown.includes(c));
  return (
    <Box
      component="section"
      aria-label={`Layer ${layer.layer}: ${layer.title}`}
      mt={1}
    >
      <Typography variant="subtitle2">
        Layer {layer.layer} · {layer.title}
        {layer.required > 0 && ` · ${formatCoveragePercent(layer)}`}
      </Typography>
      {shown.length > 0 && (
        <List dense disablePadding>
          {shown.map(c => (
            <ListItem key={c.capability} disableGutters>
              <ListItemText
                primary={c.title}
                secondary={[
                  REQUIREMENT_TEXT[c.requirement],
                  c.tools.map(toolTitle).join(', '),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
              <CoverageStatusChip status={c.status} capabilityTitle={c.title} />
            </ListItem>
          ))}
        </List>
      )}
      {others.length > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          Not asked for: {others.map(c => c.title).join(', ')}
        </Typography>
      )}
    </Box>
  );
};

/**
 * A scaffolder field that previews, as the user picks the platform choices,
 * what the new service will cover of the layer model, by layer, and its
 * coverage under the chosen requirement profile. It reads the whole form
 * (`formContext.formData`) and computes with the entity page's coverage
 * engine; it has no value of its own and never blocks the form.
 */
export const RuntimeStackCoveragePreview = (
  props: FieldExtensionComponentProps<unknown>,
) => {
  const formData = (props.formContext as { formData?: unknown } | undefined)
    ?.formData;
  const { coverage, layerModel, fallbackReason } = usePreviewCoverage(formData);
  const toolTitle = useMemo(() => toolTitlesOf(layerModel), [layerModel]);
  const once = coverageOnceConfirmed(coverage);
  const gaps = pickTopGaps(remainingGaps(coverage), SHOWN_GAPS);
  const { overall } = coverage;
  const title = props.schema?.title ?? 'Runtime coverage preview';

  return (
    <Paper variant="outlined">
      <Box p={2} role="region" aria-label={title}>
        <Typography variant="h6" component="h3">
          {title}
        </Typography>
        {props.schema?.description && (
          <Typography variant="body2" color="textSecondary">
            {props.schema.description}
          </Typography>
        )}

        <Box display="flex" alignItems="baseline" mt={1} style={{ gap: 24 }}>
          <Box>
            <Typography
              variant="h4"
              component="p"
              aria-label="Coverage when registered"
            >
              {formatCoveragePercent(overall)}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              when registered
            </Typography>
          </Box>
          <Box>
            <Typography
              variant="h4"
              component="p"
              aria-label="Coverage once running"
            >
              {formatCoveragePercent(once)}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              once a cluster confirms it
            </Typography>
          </Box>
        </Box>
        <Typography variant="body2">
          {overall.required === 0
            ? 'The profile requires no capabilities'
            : `${once.covered} of ${overall.required} required capabilities will be covered`}
          {overall.partial > 0 &&
            `; ${overall.partial} count as partial until the running service shows them`}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Profile {coverage.profile.title} ({coverage.profile.reason})
          {fallbackReason && ` · default layer model: ${fallbackReason}`}
        </Typography>

        {[...coverage.layers]
          .sort((a, b) => b.layer - a.layer)
          .map(layer => (
            <LayerSection
              key={layer.layer}
              layer={layer}
              capabilities={coverage.capabilities.filter(
                c => c.layer === layer.layer,
              )}
              toolTitle={toolTitle}
            />
          ))}

        <Box mt={2}>
          <Typography variant="subtitle2">
            {gaps.length > 0 ? 'Top gaps' : 'No gaps'}
          </Typography>
          {gaps.length > 0 ? (
            <List dense disablePadding aria-label="Top coverage gaps">
              {gaps.map(gap => (
                <ListItem key={gap.capability} disableGutters>
                  <ListItemText
                    primary={`Layer ${gap.layer} · ${gap.title}`}
                    secondary={previewHint(gap.capability, gap.hint)}
                  />
                </ListItem>
              ))}
            </List>
          ) : (
            <Typography variant="body2" color="textSecondary">
              These choices cover every capability the profile requires.
            </Typography>
          )}
        </Box>
      </Box>
    </Paper>
  );
};
