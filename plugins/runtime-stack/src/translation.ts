import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * The plugin's words, for an app to translate or rename with a
 * `TranslationBlueprint` (or a legacy app's `__experimentalTranslations`):
 * the titles of its pages and entity tabs, the status of a capability, the
 * coverage card, the layer model page and the home page widget. Layer,
 * capability and tool names come from the layer model, which the backend's
 * config renames.
 *
 * @public
 */
export const runtimeStackTranslationRef = createTranslationRef({
  id: 'plugin.runtime-stack',
  messages: {
    layerModelPage: {
      title: 'Runtime Stack',
      header: 'Runtime stack',
      loadError: 'Could not load the layer model',
      emptyTitle: 'No layers defined',
      emptyDescription:
        'The runtime-stack backend returned an empty layer model. Check that the runtime-stack backend plugin is installed and that no module removed its layers.',
      filterLabel: 'Filter by capability or tool',
      filterPlaceholder: 'e.g. ingress, Cilium, metrics',
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
    },
    scorecardsPage: { title: 'Scorecards' },
    entityContent: { title: 'Runtime stack' },
    /** "Layer 3 · Networking & storage", wherever a layer is named. */
    layerTitle: 'Layer {{layer}} · {{title}}',
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
    coverageCard: {
      title: 'Runtime stack coverage',
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
      sourceErrorsTitle: 'Evidence not read from {{sources}}',
      sourceErrorsMessage:
        'Coverage is computed from the other sources, so it may read lower than it is.',
      layersLabel: 'Coverage by layer',
      layerBarLabel: 'Layer {{layer}} coverage',
      layerNothingRequired: 'Nothing required',
      layerCounts:
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
    teamsWidget: {
      loadError: 'Could not load your teams: {{message}}',
      noTeams:
        'You are in no team of the catalog: teams are the Group entities whose members include you.',
      allTeamsLink: 'See every team on the scorecards.',
      teamsLabel: 'Your teams',
      teamLoadError: "Could not load the team's coverage: {{message}}",
      noServices:
        'No evaluated Component is owned by this team or a group below it.',
      services_one: '{{count}} service',
      services_other: '{{count}} services',
      gaps_one: '{{count}} gap',
      gaps_other: '{{count}} gaps',
      expiring_one: '{{count}} exemption expiring within 30 days',
      expiring_other: '{{count}} exemptions expiring within 30 days',
      coverageLabel: 'Coverage of {{team}}',
      coverageValue:
        '{{percent}}, {{covered, number}} of {{required, number}} required capabilities covered',
      commonGapsLabel: 'Most common gaps of {{team}}',
      commonGap_one: 'Layer {{layer}} · {{capability}} · {{count}} service',
      commonGap_other: 'Layer {{layer}} · {{capability}} · {{count}} services',
      teamView: 'Team view of {{team}}',
    },
  },
});
