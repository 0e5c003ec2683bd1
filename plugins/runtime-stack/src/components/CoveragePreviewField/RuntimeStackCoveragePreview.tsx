import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import {
  useApiHolder,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  chooseRequirementProfile,
  computeCoverage,
  hasClusterBoundChoice,
  RUNTIME_STACK_ANNOTATIONS,
  type CapabilityCoverage,
  type CoverageEvidence,
  type EffectiveOwnership,
  type LayerModel,
  type OfferedTool,
  type PlannedServiceEvidence,
  type RequirementProfileSettings,
  type ServiceCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import {
  CoverageStatusChip,
  StatusChipLabel,
} from '../shared/CoverageStatusChip';
import { pickTopGaps } from '../EntityCoverageCard/TopGaps';
import { toolTitlesOf } from '@internal/backstage-plugin-runtime-stack-common';
import {
  previewEvidence,
  previewHint,
  readPreviewChoices,
  type PreviewChoices,
} from './previewEvidence';
import {
  coverageOnceConfirmed,
  pendingConfirmation,
  remainingGaps,
  unconfirmedClaims,
} from './onceRunning';
import { registeredEntityOf, registeredEvidence } from './registeredEvidence';
import { useChosenSystem } from './useChosenSystem';
import { WrappingListItemText } from '../shared/WrappingListItemText';
import { runtimeStackTranslationRef } from '../../translation';
import {
  coverageHintText,
  profileReasonText,
} from '../shared/coverageHintText';
import { coveragePercentText } from '../shared/percentText';
import { CoverageFigure } from '../shared/CoverageFigure';
import { ClusterFit } from './ClusterFit';
import { usePlannedEvidence, usePlannedOwnership } from './usePlannedEvidence';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { freshnessLabel } from '../shared/freshnessLabel';
import { errorMessage } from '../shared/errorMessage';

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
function usePlatformCoverageRules(): {
  loading: boolean;
  error?: Error;
  value?: PlatformCoverageRules;
} {
  const api = useApiHolder().get(runtimeStackApiRef);
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const loaded = useAsync(async () => {
    if (!api) return undefined;
    const [layerModel, profiles] = await Promise.all([
      api.getLayerModel(),
      api.getRequirementProfiles(),
    ]);
    return { layerModel, profiles };
  }, [api]);
  // Checked outside the load, so a change of language needs no new load.
  if (!api) {
    return { loading: false, error: new Error(t('coveragePreview.noApi')) };
  }
  if (loaded.value?.profiles.profiles.length === 0) {
    return {
      loading: false,
      error: new Error(t('coveragePreview.noProfiles')),
    };
  }
  return loaded;
}

type PreviewResult =
  | {
      /** What its catalog-info.yaml claims, before anything runs. */
      registered: ServiceCoverage;
      /**
       * With what the chart and CI bring, and what the chosen cluster gives
       * it, once it runs there.
       */
      coverage: ServiceCoverage;
      unknownProfile?: undefined;
    }
  | { registered?: undefined; coverage?: undefined; unknownProfile: string };

/**
 * The preview's coverage for the choices, with the same engine, layer
 * model and profiles as the entity page: when registered from what the
 * planned catalog-info.yaml declares, read as the entity page reads it;
 * once running with what the chart renders, CI pushes and the chosen
 * cluster gives the service where it has been read. A profile the backend
 * does not know is reported instead of measured against another one.
 */
function usePreviewCoverage(
  choices: PreviewChoices,
  rules: PlatformCoverageRules,
  planned: PlannedServiceEvidence | undefined,
  system: Entity | undefined,
): PreviewResult {
  // The form data changes on every keystroke; the coverage only when a choice does.
  const key = JSON.stringify(choices);
  return useMemo(() => {
    const chosen = JSON.parse(key) as PreviewChoices;
    const { layerModel, profiles } = rules;
    const entity = registeredEntityOf(chosen);
    const annotation = chosen.requirementProfile;
    const systemAnnotation =
      system?.metadata.annotations?.[
        RUNTIME_STACK_ANNOTATIONS.requirementProfile
      ];
    // The one the entity page would choose first; a later rule naming an
    // unknown profile is passed over there too. Trimmed, and a blank one
    // passed over, as chooseRequirementProfile reads them.
    const named = annotation?.trim() || systemAnnotation?.trim() || undefined;
    if (named !== undefined && !profiles.profiles.some(p => p.id === named)) {
      return { unknownProfile: named };
    }
    const measure = (
      evidence: CoverageEvidence[],
      offered: OfferedTool[] = [],
    ) =>
      computeCoverage({
        layerModel,
        choice: chooseRequirementProfile(
          {
            annotation,
            systemAnnotation,
            lifecycle: String(entity.spec?.lifecycle),
            ...(system ? { system: stringifyEntityRef(system) } : {}),
          },
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
        evidence,
        offered,
        now: new Date(),
      });
    const claimed = registeredEvidence(chosen, layerModel, system);
    return {
      registered: measure(claimed),
      coverage: measure(
        [...claimed, ...previewEvidence(chosen), ...(planned?.evidence ?? [])],
        planned?.offered,
      ),
    };
  }, [key, rules, planned, system]);
}

/** Whether the chosen System's declarations are in, when they are not. */
const SystemContribution = ({
  system,
}: {
  system: ReturnType<typeof useChosenSystem>;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const { ref } = system;
  if (!ref || system.value) return null;
  let text: string;
  if (system.loading) {
    text = t('coveragePreview.system.reading', { system: ref });
  } else if (system.error) {
    text = t('coveragePreview.system.failed', {
      system: ref,
      message: errorMessage(system.error),
    });
  } else if (system.missing) {
    text = t('coveragePreview.system.missing', { system: ref });
  } else {
    return null;
  }
  return (
    <Typography variant="body2" color="textSecondary">
      {text}
    </Typography>
  );
};

/** The chosen cluster's part in the preview: being read, read, or failed. */
const ClusterContribution = ({
  planned,
  toolTitle,
}: {
  planned: ReturnType<typeof usePlannedEvidence>;
  toolTitle: (id: string) => string;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const { plan, value, error } = planned;
  if (!plan) return null;
  const where = { cluster: plan.cluster, namespace: plan.namespace };
  if (error) {
    return (
      <WarningPanel
        severity="warning"
        title={t('coveragePreview.cluster.failedTitle', where)}
        message={t('coveragePreview.cluster.failedMessage', {
          message: errorMessage(error),
        })}
      />
    );
  }
  if (!value) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('coveragePreview.cluster.reading', where)}
      </Typography>
    );
  }
  const tools = [
    ...new Set(value.evidence.flatMap(e => (e.tool ? [e.tool] : []))),
  ].map(toolTitle);
  const freshness = freshnessLabel(t, value);
  return (
    <Typography variant="body2" color="textSecondary">
      {tools.length > 0
        ? t('coveragePreview.cluster.gives', {
            ...where,
            tools: tools.join(', '),
            freshness,
          })
        : t('coveragePreview.cluster.givesNothing', { ...where, freshness })}
    </Typography>
  );
};

const usePreviewStyles = makeStyles(theme => ({
  onceRunning: {
    color: theme.palette.text.primary,
    borderColor: theme.palette.success.main,
  },
}));

/**
 * A capability the choices declare and a cluster is yet to confirm: covered
 * once running, in the colour of covered, outlined for not yet.
 */
const OnceRunningChip = ({ capabilityTitle }: { capabilityTitle: string }) => {
  const classes = usePreviewStyles();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const label = t('coveragePreview.onceRunning');
  return (
    <Tooltip title={t('coveragePreview.onceRunningMeaning')}>
      <Chip
        size="small"
        variant="outlined"
        className={classes.onceRunning}
        label={
          <StatusChipLabel label={label} capabilityTitle={capabilityTitle} />
        }
      />
    </Tooltip>
  );
};

const LayerSection = ({
  layer,
  capabilities,
  unconfirmed,
  toolTitle,
  operatorsOf,
}: {
  layer: ServiceCoverage['layers'][number];
  capabilities: CapabilityCoverage[];
  /** Capabilities whose declarations nothing will confirm. */
  unconfirmed: ReadonlySet<string>;
  toolTitle: (id: string) => string;
  /** The groups that will run a capability, by name. */
  operatorsOf: (capability: string) => string[];
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  // As the second headline figure counts: once the service runs.
  const once = coverageOnceConfirmed({ capabilities }, unconfirmed);
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
      aria-label={t('coveragePreview.layerLabel', {
        layer: String(layer.layer),
        title: layer.title,
      })}
      mt={1}
    >
      <Typography variant="subtitle2" component="h4">
        {t('layerTitle', { layer: String(layer.layer), title: layer.title })}
        {once.required > 0 && ` · ${coveragePercentText(t, once)}`}
      </Typography>
      {shown.length > 0 && (
        <List dense disablePadding>
          {shown.map(c => (
            <ListItem key={c.capability} disableGutters>
              <WrappingListItemText
                primary={c.title}
                secondary={[
                  t(`coveragePreview.requirement.${c.requirement}`),
                  c.tools.map(toolTitle).join(', '),
                  operatorsOf(c.capability).length > 0 &&
                    t('coveragePreview.runBy', {
                      owners: operatorsOf(c.capability).join(', '),
                    }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
              {pendingConfirmation(c, unconfirmed) ? (
                <OnceRunningChip capabilityTitle={c.title} />
              ) : (
                <CoverageStatusChip
                  status={c.status}
                  requirement={c.requirement}
                  capabilityTitle={c.title}
                />
              )}
            </ListItem>
          ))}
        </List>
      )}
      {others.length > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          {t('coveragePreview.notAskedFor', {
            capabilities: others.map(c => c.title).join(', '),
          })}
        </Typography>
      )}
    </Box>
  );
};

/** One ratio, large, with what it assumes under it. */
const PreviewFigure = ({
  label,
  value,
  caption,
}: {
  label: string;
  value: string;
  caption: string;
}) => (
  <Box>
    <CoverageFigure label={label} value={value} />
    <Typography variant="caption" color="textSecondary">
      {caption}
    </Typography>
  </Box>
);

/** The names of the groups that will run each capability. */
function operatorsByCapability(
  ownership: EffectiveOwnership | undefined,
): (capability: string) => string[] {
  const byCapability = new Map(
    (ownership?.capabilities ?? []).map(c => [
      c.capability,
      [
        ...new Set(
          c.owners
            .filter(o => o.responsibility === 'operates')
            .map(o =>
              humanizeEntityRef(parseEntityRef(o.owner), {
                defaultKind: 'group',
              }),
            ),
        ),
      ],
    ]),
  );
  return capability => byCapability.get(capability) ?? [];
}

/** The coverage of the choices, by layer, then what is left to cover. */
const PreviewCoverage = ({
  formData,
  rules,
}: {
  formData: unknown;
  rules: PlatformCoverageRules;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const choices = readPreviewChoices(formData);
  const planned = usePlannedEvidence(choices);
  const ownership = usePlannedOwnership(choices);
  const operatorsOf = useMemo(
    () => operatorsByCapability(ownership.value),
    [ownership.value],
  );
  const system = useChosenSystem(choices.system);
  const { registered, coverage, unknownProfile } = usePreviewCoverage(
    choices,
    rules,
    planned.value,
    system.value,
  );
  const clusterBound = { mesh: choices.mesh, runtimeClass: choices.sandbox };
  const toolTitle = useMemo(
    () => toolTitlesOf(rules.layerModel),
    [rules.layerModel],
  );
  if (!coverage) {
    return (
      <WarningPanel
        severity="error"
        title={t('coveragePreview.unknownProfileTitle', {
          profile: unknownProfile,
        })}
        message={t('coveragePreview.unknownProfileMessage', {
          known: rules.profiles.profiles.map(p => `'${p.id}'`).join(', '),
          profile: unknownProfile,
        })}
      />
    );
  }
  const unconfirmed = unconfirmedClaims(choices);
  const once = coverageOnceConfirmed(coverage, unconfirmed);
  const gaps = pickTopGaps(remainingGaps(coverage, unconfirmed), SHOWN_GAPS);
  const { overall } = coverage;
  const counts = { covered: once.covered, required: overall.required };
  // Partial now, covered once a cluster confirms them; a capability partial
  // for good (a partial-strength source) stays out of this count.
  const pending = once.covered - overall.covered;

  return (
    <>
      <Box display="flex" alignItems="baseline" mt={1} style={{ gap: 24 }}>
        <PreviewFigure
          label={t('coveragePreview.registeredLabel')}
          value={coveragePercentText(t, registered.overall)}
          caption={t('coveragePreview.registered')}
        />
        <PreviewFigure
          label={t('coveragePreview.runningLabel')}
          value={coveragePercentText(t, once)}
          caption={
            planned.value
              ? t('coveragePreview.runningOn', {
                  cluster: planned.value.cluster,
                })
              : t('coveragePreview.running')
          }
        />
      </Box>
      {/* Only the sentence is announced as the choices change, not the
          whole preview with it. */}
      <Typography variant="body2" aria-live="polite">
        {overall.required === 0 && t('coverageCard.nothingRequired')}
        {overall.required > 0 &&
          (pending > 0
            ? t('coveragePreview.willBeCoveredPartly', {
                ...counts,
                count: pending,
              })
            : t('coveragePreview.willBeCovered', counts))}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {t('coveragePreview.profile', {
          profile: coverage.profile.title,
          reason: profileReasonText(t, coverage.profile),
        })}
      </Typography>
      <SystemContribution system={system} />
      <ClusterContribution planned={planned} toolTitle={toolTitle} />
      {ownership.error && (
        <Typography variant="body2" color="textSecondary">
          {t('coveragePreview.ownersFailed', {
            message: errorMessage(ownership.error),
          })}
        </Typography>
      )}
      {hasClusterBoundChoice(clusterBound) && (
        <ClusterFit choices={clusterBound} cluster={choices.cluster} />
      )}

      <Typography variant="caption" color="textSecondary" component="p">
        {t('coveragePreview.layersOnceRunning')}
      </Typography>
      {[...coverage.layers]
        .sort((a, b) => b.layer - a.layer)
        .map(layer => (
          <LayerSection
            key={layer.layer}
            layer={layer}
            unconfirmed={unconfirmed}
            capabilities={coverage.capabilities.filter(
              c => c.layer === layer.layer,
            )}
            toolTitle={toolTitle}
            operatorsOf={operatorsOf}
          />
        ))}

      <Box mt={2}>
        <Typography variant="subtitle2" component="h4">
          {gaps.length > 0
            ? t('coverageCard.topGaps')
            : t('coveragePreview.noGaps')}
        </Typography>
        {gaps.length > 0 ? (
          <List
            dense
            disablePadding
            aria-label={t('coverageCard.topGapsLabel')}
          >
            {gaps.map(gap => (
              <ListItem key={gap.capability} disableGutters>
                <WrappingListItemText
                  primary={t('layerTitle', {
                    layer: String(gap.layer),
                    title: gap.title,
                  })}
                  secondary={previewHint(
                    t,
                    gap.capability,
                    coverageHintText(t, gap),
                  )}
                />
              </ListItem>
            ))}
          </List>
        ) : (
          <Typography variant="body2" color="textSecondary">
            {t('coveragePreview.allCovered')}
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
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const rules = usePlatformCoverageRules();
  const title = props.schema?.title ?? t('coveragePreview.title');

  let content;
  if (rules.loading) {
    content = <Progress />;
  } else if (rules.error || !rules.value) {
    content = (
      <ResponseErrorPanel
        error={rules.error ?? new Error(t('coveragePreview.nothingLoaded'))}
        title={t('coveragePreview.loadError')}
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
