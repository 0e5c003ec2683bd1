import {
  createTranslationRef,
  type TranslationFunction,
} from '@backstage/frontend-plugin-api';
import { systemContentMessages } from './components/SystemRuntimeStackContent/systemContentMessages';
import { groupContentMessages } from './components/GroupRuntimeStackContent/groupContentMessages';
import { clustersCardMessages } from './components/ClustersCard/clustersCardMessages';
import { searchResultMessages } from './components/RuntimeStackSearchResultListItem/searchResultMessages';
import { coveragePreviewMessages } from './components/CoveragePreviewField/coveragePreviewMessages';
import { clusterPickerMessages } from './components/ClusterPickerField/clusterPickerMessages';
import { entityContentMessages } from './components/EntityRuntimeStackContent/entityContentMessages';
import {
  clustersPanelMessages,
  exemptionsMessages,
  imagesPanelMessages,
  observabilityPanelMessages,
} from './components/EntityRuntimeStackContent/panelMessages';
import { scorecardsPageMessages } from './components/ScorecardsPage/scorecardsPageMessages';
import {
  coverageHintMessages,
  profileReasonMessages,
} from './components/shared/coverageHintMessages';
import { coverageCaveatsMessages } from './components/shared/coverageCaveatsMessages';
import { teamsWidgetMessages } from './components/TeamsCoverageWidget/teamsWidgetMessages';

/**
 * Every word the plugin shows, for an app to translate or rename with a
 * `TranslationBlueprint` (or a legacy app's `__experimentalTranslations`).
 * The words shared by several views are here; each view's own sit beside it
 * in a `*Messages.ts` file. Layer, capability and tool names come from the
 * layer model, which the backend's config renames.
 *
 * @public
 */
export const runtimeStackTranslationRef = createTranslationRef({
  id: 'plugin.runtime-stack',
  messages: {
    layerModelPage: {
      title: 'Runtime Stack',
      header: 'Layer model',
      loadError: 'Could not load the layer model',
      backendMissing:
        'Could not load the layer model: the backend answered 404 Not Found. Is the runtime-stack backend plugin installed?',
      emptyTitle: 'No layers defined',
      emptyDescription:
        'The answer held no layers. The runtime-stack backend always serves layers 0 to 6, and its modules only add to them, so something else may be answering at its address, such as a proxy or a mock.',
      filterLabel: 'Filter by capability or tool',
      filterPlaceholder: 'e.g. ingress, Cilium, metrics',
      matchCount_one: '{{count}} capability matches',
      matchCount_other: '{{count}} capabilities match',
      showIds: 'Annotation ids',
      idsHint:
        'Declare what a service uses in its catalog-info.yaml: {{example}}, a capability id and a tool id per entry. A tool not listed here is reported on the entity as unknown.',
      noMatchTitle: 'Nothing matches "{{query}}"',
      noMatchDescription:
        "Try a capability such as 'ingress' or a tool such as 'Prometheus', or clear the filter.",
    },
    layerCard: {
      capabilitiesLabel: 'Capabilities of layer {{layer}}',
      capabilityColumn: 'Capability',
      toolsColumn: 'Known tools',
      optional: 'optional',
      providedByCluster: 'provided by the cluster',
      providedByClusterNote:
        '{{term}}: every workload on a cluster uses the tool the cluster runs for it.',
    },
    scorecardsPage: scorecardsPageMessages,
    entityContent: entityContentMessages,
    clustersPanel: clustersPanelMessages,
    imagesPanel: imagesPanelMessages,
    observabilityPanel: observabilityPanelMessages,
    exemptions: exemptionsMessages,
    systemContent: systemContentMessages,
    groupContent: groupContentMessages,
    clustersCard: clustersCardMessages,
    searchResult: searchResultMessages,
    coveragePreview: coveragePreviewMessages,
    clusterPicker: clusterPickerMessages,
    trendChart: {
      noHistory:
        'No history yet: a snapshot is taken each day the coverage is evaluated',
      noPoints: 'No points to show yet.',
      legend: '{{chart}} legend',
      point: '{{day}}: {{percent}}',
      seriesPoint: '{{series}}, {{day}}: {{percent}}',
    },
    /** A table too wide for the page, as a screen reader names its region. */
    scrollingTable: {
      named: '{{name}}, scrolls sideways',
      unnamed: 'Table, scrolls sideways',
    },
    /** How long something took or is ago: 45 s, 12 min, 3 h, 2 days. */
    age: {
      seconds: '{{value, number}} s',
      minutes: '{{value, number}} min',
      hours: '{{value, number}} h',
      days_one: '{{count}} day',
      days_other: '{{count}} days',
    },
    /** What a cluster's collected data is worth. */
    freshness: {
      failingNoData: 'failing, no data yet',
      notCollected: 'not collected yet',
      failing: 'failing, showing last good data',
      stale: 'stale',
      current: 'current',
    },
    clusterOrigin: {
      catalog: 'from the catalog: {{resource}}',
      locator: 'from {{origin}}',
    },
    refPicker: {
      listFailed: '(the catalog could not list them: {{message}})',
    },
    /** The entity a tab is about, as its sentences name it. */
    scope: { system: 'this System', component: 'this component' },
    /**
     * A coverage percentage, wherever one is shown: 42% in English, 42 % in
     * German. `ratio` is the fraction (0.42), rounded as the plugin shows it.
     */
    percent: '{{ratio, number(style: percent; maximumFractionDigits: 0)}}',
    /** "Layer 3 · Networking & storage", wherever a layer is named. */
    layerTitle: 'Layer {{layer}} · {{title}}',
    /**
     * The columns of the coverage-by-layer tables, which show no header row:
     * a screen reader names each cell by its column.
     */
    layerCoverageColumns: {
      number: 'Number',
      layer: 'Layer',
      bar: 'Coverage',
      percent: 'Percent covered',
      ofRequired: 'Covered of required',
    },
    coverageStatus: {
      covered: 'covered',
      coveredMeaning: 'Evidence shows the capability in use',
      partial: 'partial',
      partialMeaning:
        'Only partial evidence, for example a claim the cluster does not confirm',
      missing: 'missing',
      missingMeaning: 'No evidence of the capability',
      missingRecommendedMeaning:
        'No evidence of the capability. The profile recommends it, so it does not count against the coverage',
      exempt: 'exempt',
      exemptMeaning: 'An accepted gap, not counted',
      notRequired: 'not required',
      notRequiredMeaning: 'The requirement profile does not ask for it',
      chipLabel: '{{capability}} status: {{status}}',
    },
    /** Where a piece of evidence comes from. */
    evidenceSource: {
      declared: 'declared',
      catalog: 'catalog',
      cluster: 'cluster',
      registry: 'registry',
      observability: 'observability',
    },
    /**
     * What a piece of evidence shows, worded from its parts; names (objects,
     * images, addresses, annotations) arrive as values.
     */
    evidenceDetail: {
      declared: 'declared in {{annotation}}',
      declaredOfSystem: 'declared in {{annotation}} of its System',
      catalogLocation: 'the catalog reads this entity from {{address}}',
      everyContainer: '{{object}}: every container has it',
      containersLack_one:
        '{{object}}: container {{containers}} has no {{check}}',
      containersLack_other:
        '{{object}}: containers {{containers}} have no {{check}}',
      /** The probe or limit a workload's containers lack. */
      healthCheck: {
        'liveness-probe': 'liveness probe',
        'readiness-probe': 'readiness probe',
        'resource-limits': 'resource limits',
      },
      imageRuns_one: '{{image}} runs in {{count}} pod',
      imageRuns_other: '{{image}} runs in {{count}} pods',
      builtFrom: '{{image}} was built from {{address}} ({{label}})',
      builtFromAt:
        '{{image}} was built from {{address}} at {{revision}} ({{label}})',
      notReadYet: '{{repository}}: not read yet',
      notConfigured: '{{repository}}: not a configured registry',
      digestNotInRegistry:
        '{{repository}}: the pinned digest {{digest}} is not in the registry',
      providedByCluster: 'every workload on {{cluster}} runs with it',
      providedByClusterIn:
        'every workload on {{cluster}} runs with it ({{object}})',
      detected: 'detected',
      withheld: 'not shown: reading it needs {{permission}}',
    },
    /** What coverage reads its evidence from, when one could not be read. */
    coverageSource: {
      clusters: 'clusters',
      images: 'images',
      observability: 'observability',
      exemptions: 'exemptions',
    },
    /** A view that kept what it loaded before; `what` names it in a sentence. */
    reloadFailed:
      'Could not reload {{what}} ({{message}}); showing what was loaded before.',
    /** The button that loads a view again after its load failed. */
    retry: 'Retry',
    coverageHint: coverageHintMessages,
    profileReason: profileReasonMessages,
    coverageCaveats: coverageCaveatsMessages,
    coverageCard: {
      title: 'Runtime stack coverage',
      /** The card's subject inside a sentence: "Could not reload the coverage". */
      what: 'the coverage',
      viewTab: 'View runtime stack',
      loadError: 'Could not load the coverage',
      overallLabel: 'Overall coverage',
      nothingRequired: 'The profile requires no capabilities',
      covered:
        '{{covered, number}} of {{required, number}} required capabilities covered',
      coveredPartly:
        '{{covered, number}} of {{required, number}} required capabilities covered, {{partial, number}} partly',
      profile: 'Profile {{profile}}',
      profileEvaluated: 'Profile {{profile}} · evaluated {{age}} ago',
      allCovered: 'Every required capability is covered.',
      layersLabel: 'Coverage by layer',
      layerBarLabel: 'Layer {{layer}} coverage',
      layerNothingRequired: 'Nothing required',
      layerCounts: '{{covered, number}} of {{required, number}} covered',
      layerCountsPartly:
        '{{covered, number}} of {{required, number}} covered, {{partial, number}} partly',
      topGaps: 'Top gaps',
      topGapsLabel: 'Top coverage gaps',
      moreGaps_one: '{{count}} more on the runtime stack tab',
      moreGaps_other: '{{count}} more on the runtime stack tab',
    },
    /** What a screen reader hears of a coverage that changed while shown. */
    coverageChange: {
      entity: 'Coverage updated: {{change}}',
      system: 'System coverage updated: {{change}}',
      team: 'Team coverage updated: {{change}}',
      nothingRequired: 'nothing required',
      covered: '{{percent}} covered',
    },
    teamsWidget: teamsWidgetMessages,
  },
});

/** The `t` of these messages, for helpers that build text outside a component. */
export type RuntimeStackT = TranslationFunction<
  typeof runtimeStackTranslationRef.T
>;
