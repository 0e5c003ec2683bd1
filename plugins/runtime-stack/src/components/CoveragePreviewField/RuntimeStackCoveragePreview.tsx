import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  chooseRequirementProfile,
  computeCoverage,
  type CapabilityCoverage,
  type LayerModel,
  type RequirementProfileSettings,
  type ServiceCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import { CoverageStatusChip } from '../EntityRuntimeStackContent/CoverageStatusChip';
import { pickTopGaps } from '../EntityCoverageCard/TopGaps';
import { formatCoveragePercent } from '@internal/backstage-plugin-runtime-stack-common';
import { toolTitlesOf } from '@internal/backstage-plugin-runtime-stack-common';
import {
  coverageOnceConfirmed,
  previewEvidence,
  previewHint,
  readPreviewChoices,
  remainingGaps,
  type PreviewChoices,
} from './previewEvidence';
import { WrappingListItemText } from '../shared/WrappingListItemText';

const SHOWN_GAPS = 5;

/** What the entity page's coverage is measured with, as the backend serves it. */
interface PlatformCoverageRules {
  layerModel: LayerModel;
  profiles: RequirementProfileSettings;
}

/**
 * The backend's layer model (with the platform team's extensions) and
 * requirement profiles (as app-config sets them). Nothing built in stands in
 * for them: a preview measured against other profiles would show a ratio the
 * entity page does not.
 */
function usePlatformCoverageRules() {
  const api = useApiHolder().get(runtimeStackApiRef);
  return useAsync(async (): Promise<PlatformCoverageRules> => {
    if (!api) {
      throw new Error('The runtime-stack API is not installed in this app');
    }
    const [layerModel, profiles] = await Promise.all([
      api.getLayerModel(),
      api.getRequirementProfiles(),
    ]);
    if (profiles.profiles.length === 0) {
      throw new Error(
        'The runtime-stack backend serves no requirement profiles',
      );
    }
    return { layerModel, profiles };
  }, [api]);
}

type PreviewResult =
  | { coverage: ServiceCoverage; unknownProfile?: undefined }
  | { coverage?: undefined; unknownProfile: string };

/**
 * The preview's coverage for the form data, with the same engine, layer
 * model and profiles as the entity page; a profile the backend does not know
 * is reported instead of measured against another one.
 */
function usePreviewCoverage(
  formData: unknown,
  rules: PlatformCoverageRules,
): PreviewResult {
  // The form data changes on every keystroke; the coverage only when a choice does.
  const key = JSON.stringify(readPreviewChoices(formData));
  return useMemo(() => {
    const choices = JSON.parse(key) as PreviewChoices;
    const { layerModel, profiles } = rules;
    const named = choices.requirementProfile;
    if (named !== undefined && !profiles.profiles.some(p => p.id === named)) {
      return { unknownProfile: named };
    }
    return {
      coverage: computeCoverage({
        layerModel,
        choice: chooseRequirementProfile(
          { annotation: named },
          profiles.profiles,
          {
            ...(profiles.byLifecycle
              ? { byLifecycle: profiles.byLifecycle }
              : {}),
            ...(profiles.defaultProfile
              ? { defaultProfile: profiles.defaultProfile }
              : {}),
          },
        ),
        evidence: previewEvidence(choices),
        now: new Date(),
      }),
    };
  }, [key, rules]);
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
      <Typography variant="subtitle2" component="h4">
        Layer {layer.layer} · {layer.title}
        {layer.required > 0 && ` · ${formatCoveragePercent(layer)}`}
      </Typography>
      {shown.length > 0 && (
        <List dense disablePadding>
          {shown.map(c => (
            <ListItem key={c.capability} disableGutters>
              <WrappingListItemText
                primary={c.title}
                secondary={[
                  REQUIREMENT_TEXT[c.requirement],
                  c.tools.map(toolTitle).join(', '),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
              <CoverageStatusChip
                status={c.status}
                requirement={c.requirement}
                capabilityTitle={c.title}
              />
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

/** One ratio, large, with what it assumes under it. */
const CoverageFigure = ({
  label,
  value,
  caption,
}: {
  label: string;
  value: string;
  caption: string;
}) => (
  <Box>
    <Typography variant="h4" component="p" aria-label={label}>
      {value}
    </Typography>
    <Typography variant="caption" color="textSecondary">
      {caption}
    </Typography>
  </Box>
);

/** The coverage of the choices, by layer, then what is left to cover. */
const PreviewCoverage = ({
  formData,
  rules,
}: {
  formData: unknown;
  rules: PlatformCoverageRules;
}) => {
  const { coverage, unknownProfile } = usePreviewCoverage(formData, rules);
  const toolTitle = useMemo(
    () => toolTitlesOf(rules.layerModel),
    [rules.layerModel],
  );
  if (!coverage) {
    return (
      <WarningPanel
        severity="error"
        title={`Unknown requirement profile '${unknownProfile}'`}
        message={`The runtime-stack backend knows ${rules.profiles.profiles
          .map(p => `'${p.id}'`)
          .join(
            ', ',
          )}; coverage cannot be measured against '${unknownProfile}'. Ask the platform team to add it under runtimeStack.coverage.profiles, or pick another profile.`}
      />
    );
  }
  const once = coverageOnceConfirmed(coverage);
  const gaps = pickTopGaps(remainingGaps(coverage), SHOWN_GAPS);
  const { overall } = coverage;

  return (
    <>
      <Box display="flex" alignItems="baseline" mt={1} style={{ gap: 24 }}>
        <CoverageFigure
          label="Coverage when registered"
          value={formatCoveragePercent(overall)}
          caption="when registered"
        />
        <CoverageFigure
          label="Coverage once running"
          value={formatCoveragePercent(once)}
          caption="once a cluster confirms it"
        />
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
        <Typography variant="subtitle2" component="h4">
          {gaps.length > 0 ? 'Top gaps' : 'No gaps'}
        </Typography>
        {gaps.length > 0 ? (
          <List dense disablePadding aria-label="Top coverage gaps">
            {gaps.map(gap => (
              <ListItem key={gap.capability} disableGutters>
                <WrappingListItemText
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
    </>
  );
};

/**
 * A scaffolder field that previews, as the user picks the platform choices,
 * what the new service will cover of the layer model, by layer, and its
 * coverage under the chosen requirement profile. It reads the whole form
 * (`formContext.formData`) and computes with the entity page's coverage
 * engine, layer model and requirement profiles, the latter two from the
 * backend; it has no value of its own and never blocks the form.
 */
export const RuntimeStackCoveragePreview = (
  props: FieldExtensionComponentProps<unknown>,
) => {
  const formData = (props.formContext as { formData?: unknown } | undefined)
    ?.formData;
  const rules = usePlatformCoverageRules();
  const title = props.schema?.title ?? 'Runtime coverage preview';

  let content;
  if (rules.loading) {
    content = <Progress />;
  } else if (rules.error || !rules.value) {
    content = (
      <ResponseErrorPanel
        error={rules.error ?? new Error('Nothing was loaded')}
        title="Could not load the platform's layer model and requirement profiles"
      />
    );
  } else {
    content = <PreviewCoverage formData={formData} rules={rules.value} />;
  }

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
        {content}
      </Box>
    </Paper>
  );
};
