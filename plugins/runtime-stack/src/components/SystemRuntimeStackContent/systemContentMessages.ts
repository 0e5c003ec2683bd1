/**
 * The words of a System's "Runtime stack" tab, as `systemContent.*` messages of `runtimeStackTranslationRef`: kept beside
 * the components they belong to.
 */
export const systemContentMessages = {
  loadError: "Could not load the System's coverage",
  /** The tab's subject inside a sentence: "Could not reload the System's coverage". */
  what: "the System's coverage",
  emptyTitle: 'This System has no components',
  emptyDescription:
    'Components join a System through spec.system. Set spec.system: {{specSystem}} in the catalog-info.yaml of each Component that belongs to it.',
  capabilityColumn: 'Capability',
  coverage: {
    title: 'System coverage',
    subheader_one: 'Summed over {{count}} evaluated component',
    subheader_other: 'Summed over {{count}} evaluated components',
    layersLabel: 'System coverage by layer',
    layerNothingRequired: 'nothing required',
  },
  gaps: {
    title: 'Gaps across components',
    none: 'No component has a gap in its required capabilities.',
    whereColumn: 'Where',
    componentsColumn: 'Components',
    missingOn_one: 'missing on {{count}}',
    missingOn_other: 'missing on {{count}}',
    partialOn_one: 'partial on {{count}}',
    partialOn_other: 'partial on {{count}}',
  },
  components: {
    title: 'Components',
    subheader: 'Worst covered first',
    tableLabel: 'Component coverage',
    componentColumn: 'Component',
    profileColumn: 'Profile',
    overallColumn: 'Overall',
    gapsColumn: 'Gaps',
    evaluatedColumn: 'Evaluated',
    /** The short header of a layer's column; the full title is its tooltip. */
    layerColumn: 'L{{layer}}',
    layerBarLabel: 'Layer {{layer}} coverage: {{counts}}',
    evaluatedAgo: '{{age}} ago',
  },
  pending: {
    title: 'Not evaluated yet',
    subheader:
      "Coverage is computed after the next cluster collection; they are not counted in the System's coverage.",
    listLabel: 'Components not evaluated yet',
  },
  owners: {
    title: 'Owners',
    /** The title inside a sentence: "Could not load owners". */
    what: 'owners',
    subheader:
      "Who owns each capability for all components of this System; a component's own owner takes precedence",
    empty: 'The layer model has no layers.',
    note: 'Owners set here apply to every component of this System that sets none of its own, over those of a cluster or the organisation.',
    noneSet: 'no owner set on this System',
    set_one: '{{count}} owner set on this System',
    set_other: '{{count}} owners set on this System',
    tableLabel: 'Owners of layer {{layer}} for this System',
    ownersColumn: 'Owners',
    actionsColumn: 'Actions',
  },
  trend: {
    subheader: "The System's components added up, over the last 90 days",
    chartLabel: 'Coverage of this System by day',
  },
} as const;
