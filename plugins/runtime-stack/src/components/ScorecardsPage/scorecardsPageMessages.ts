/**
 * The scorecards page's words, as `scorecardsPage.*` messages of
 * `runtimeStackTranslationRef`: kept beside the page they belong to.
 */
export const scorecardsPageMessages = {
  title: 'Scorecards',
  header: 'Runtime stack scorecards',
  subtitle:
    'Coverage of the layer model by team, capability, over time and per service',
  tabsLabel: 'Scorecards',
  tabs: {
    teams: 'Teams',
    adoption: 'Adoption',
    trends: 'Trends',
    services: 'Services',
  },
  /** A layer by its number, where its title is not at hand. */
  layer: 'Layer {{layer}}',
  /** The pager under the heatmap and the services table. */
  pagination: {
    rows: '{{from, number}}-{{to, number}} of {{total, number}}',
    rowsPerPage: 'Rows per page:',
    previous: 'Previous page',
    next: 'Next page',
  },
  heatmap: {
    title: 'Coverage by team',
    subheader:
      'Teams count the services of the groups below them. Choose a layer to see its capabilities, or a team to see its services and gaps.',
    /** `layer` is the layer's title: "Layer 3 · Networking & storage". */
    drilledTitle: '{{layer}} by team',
    drilledSubheader:
      'Each capability of the layer that the team’s services require.',
    back: 'Back to layers',
    loadError: 'Could not load the team scorecard',
    /** The scorecard inside a sentence: "You may not see {what}". */
    what: 'the team scorecard',
    emptyTitle: 'No teams to score yet',
    emptyDescription:
      'Teams appear once the services they own have been evaluated. Coverage is evaluated after the first cluster collection; a service counts for the Group in its spec.owner and every Group above it.',
    noLayers: 'The layer model has no layers.',
    /** `layer` is the layer's title. */
    noCapabilities: '{{layer}} has no capabilities.',
    tableLabel: 'Coverage by team and layer',
    /** `layer` is the layer's title: "Layer 3 · Networking & storage". */
    drilledTableLabel: 'Coverage of the capabilities of {{layer}} by team',
    teamColumn: 'Team',
    drillDown: 'Show the capabilities of {{title}}',
    /** Starts with the column's visible text, for voice control. */
    drillDownLabel: '{{column}}: show its capabilities',
    showTeam: 'Show the services and gaps of {{team}}',
    openTeam: 'Open {{team}} in the catalog',
    teamSummary_one: '{{percent}} overall · {{count, number}} service',
    teamSummary_other: '{{percent}} overall · {{count, number}} services',
    parent: 'in {{team}}',
    /** How a cell's label names a layer column. */
    cellLayer: 'layer {{layer}}',
    cell_one:
      '{{team}}, {{column}}: {{percent}}, {{covered, number}} of {{required, number}} required covered, {{count, number}} service',
    cell_other:
      '{{team}}, {{column}}: {{percent}}, {{covered, number}} of {{required, number}} required covered, {{count, number}} services',
    cellPartly_one:
      '{{team}}, {{column}}: {{percent}}, {{covered, number}} of {{required, number}} required covered, {{partial, number}} partly, {{count, number}} service',
    cellPartly_other:
      '{{team}}, {{column}}: {{percent}}, {{covered, number}} of {{required, number}} required covered, {{partial, number}} partly, {{count, number}} services',
    cellNothingRequired: '{{team}}, {{column}}: nothing required',
    /** A cell's covered of required capabilities, under its percentage. */
    cellCounts: '{{covered, number}}/{{required, number}}',
    cellPartial: '+{{partial, number}} partly',
    /** Whole words: a screen reader spells an abbreviation out letter by letter. */
    cellServices_one: '{{count, number}} service',
    cellServices_other: '{{count, number}} services',
    legendLabel: 'Colour scale',
    legendTitle: 'Coverage',
    legendNote: 'nothing required · partly covered counts half',
  },
  adoption: {
    loadError: 'Could not load tool adoption',
    what: 'tool adoption',
    emptyTitle: 'No services evaluated yet',
    emptyDescription:
      "Coverage is evaluated after the first cluster collection. Once the runtime-stack backend has read your clusters, each Component's capabilities and the tools that provide them show up here.",
    noCapabilitiesTitle: 'No capability to report',
    noCapabilitiesDescription_one:
      '{{count, number}} service evaluated, but the layer model has no capabilities. Check the layer model on the Runtime Stack page.',
    noCapabilitiesDescription_other:
      '{{count, number}} services evaluated, but the layer model has no capabilities. Check the layer model on the Runtime Stack page.',
    evaluated_one: '{{count, number}} service evaluated',
    evaluated_other: '{{count, number}} services evaluated',
    capabilitiesLabel: 'Capabilities of layer {{layer}}',
    counts:
      '{{covered, number}} covered · {{partial, number}} partial · {{missing, number}} missing of {{required, number}} required',
    countsExempt:
      '{{covered, number}} covered · {{partial, number}} partial · {{missing, number}} missing of {{required, number}} required · {{exempt, number}} exempt',
    notRequired: 'not required by any service',
    /** Exempt services count among those that require it: all of them are. */
    notRequiredExempt_one:
      'required by {{count, number}} service, which is exempt',
    notRequiredExempt_other:
      'required by {{count, number}} services, all exempt',
    noTools: 'No tool seen for it yet',
    toolsLabel: 'Tools for {{capability}}',
    /** Services on which something observed confirms the tool. */
    tool_one: '{{tool}} · {{count, number}} service',
    tool_other: '{{tool}} · {{count, number}} services',
    /** `seen` is the `tool` text; `count` services only declare the tool. */
    toolAlsoDeclared_one:
      '{{seen}}, declared on {{count, number}} more, not seen',
    toolAlsoDeclared_other:
      '{{seen}}, declared on {{count, number}} more, not seen',
    toolDeclaredOnly_one:
      '{{tool}} · declared on {{count, number}} service, not seen',
    toolDeclaredOnly_other:
      '{{tool}} · declared on {{count, number}} services, not seen',
  },
  trends: {
    title: 'Coverage over time',
    subheader:
      'One snapshot a day of the stored coverage; partly covered capabilities count half',
    subject: 'Subject',
    estate: 'Estate',
    teams: 'Teams',
    loadingTeams: 'Loading teams…',
    teamsLoadError: 'Could not load the teams: {{message}}',
    layers: 'Layers',
    period: 'Period',
    lastDays_one: 'Last {{count, number}} day',
    lastDays_other: 'Last {{count, number}} days',
    byLayer: 'By layer',
    chartLabel: 'Coverage of {{subject}} by day',
    loadError: 'Could not load the trend of {{subject}}',
    what: 'the trend of {{subject}}',
    latestLabel: 'Latest coverage',
    columns: {
      series: 'Series',
      day: 'Day',
      coverage: 'Coverage',
      counts: 'Covered / required',
      services: 'Services',
    },
    counts: '{{covered, number}} / {{required, number}}',
    countsPartly:
      '{{covered, number}} / {{required, number}} ({{partial, number}} partly)',
  },
  services: {
    title: 'Services',
    subheader:
      'Every evaluated Component with its coverage under its requirement profile.',
    tableLabel: 'Services',
    columns: {
      service: 'Service',
      owner: 'Owner',
      system: 'System',
      lifecycle: 'Lifecycle',
      profile: 'Profile',
      coverage: 'Coverage',
      gaps: 'Gaps',
      exempt: 'Exempt',
      evaluated: 'Evaluated',
    },
    nothingRequired: 'Nothing required',
    coverageCounts:
      '{{covered, number}} of {{required, number}} required covered',
    coverageCountsPartly:
      '{{covered, number}} of {{required, number}} required covered, {{partial, number}} partly',
    coverageLabel: 'Coverage of {{service}}',
    evaluatedAgo: '{{age}} ago',
    filters: {
      search: 'Search',
      searchPlaceholder: 'Part of the title or entity ref',
      team: 'Team',
      teamHint: 'Includes the groups below it',
      teamsLoadError: 'Could not load the teams: {{message}}',
      system: 'System',
      systemsLoadError: 'Could not load the Systems: {{message}}',
      lifecycle: 'Lifecycle',
      profile: 'Profile',
      layer: 'Layer',
      anyLayer: 'Any layer',
      /** Matches the layer's required capabilities only, as Coverage and Gaps count them. */
      status: 'Status of a required capability',
      statusHint: 'Choose a layer first',
      statusNote: 'Recommended capabilities do not count',
      any: 'Any',
      anyLoading: 'Any (loading…)',
    },
    /** Under a page that lists fewer services than it counts. */
    hiddenOnPage: 'Some services on this page are hidden from you.',
    clearFilters: 'Clear filters',
    exportCsv: 'Export CSV',
    exportError: 'Could not export the services: {{message}}',
    loadError: 'Could not load the services',
    what: 'the services',
    noMatchTitle: 'No service matches these filters',
    noMatchDescription:
      "Loosen or clear a filter. A team includes the groups below it, a status counts only the layer's required capabilities, and search matches part of a title or an entity ref.",
    emptyTitle: 'No services evaluated yet',
    emptyDescription:
      'Coverage is evaluated after the first cluster collection. Components appear here once the runtime-stack backend has read the clusters they run on.',
  },
  /** A team's view, below the heatmap and on a Group's tab. */
  teamView: {
    title: 'Team {{team}}',
    /** `teams` lists the groups below the team. */
    with: 'with {{teams}}',
    close: 'Close',
    closeLabel: 'Close the view of {{team}}',
    loadError: 'Could not load the view of {{team}}',
    what: 'the view of {{team}}',
    coverageLabel: 'Team coverage',
    summary_one:
      '{{covered, number}} of {{required, number}} required capabilities covered · {{count, number}} service',
    summary_other:
      '{{covered, number}} of {{required, number}} required capabilities covered · {{count, number}} services',
    summaryPartly_one:
      '{{covered, number}} of {{required, number}} required capabilities covered, {{partial, number}} partly · {{count, number}} service',
    summaryPartly_other:
      '{{covered, number}} of {{required, number}} required capabilities covered, {{partial, number}} partly · {{count, number}} services',
    servicesHeading: 'Services',
    /** Above a list that stops at the team's least covered services. */
    shownLeastCovered:
      'Showing the {{shown, number}} least covered of {{total, number}} services',
    /** Above a list without the services the catalog hides from the reader. */
    hiddenFromYou_one:
      '{{count, number}} of the {{total, number}} services is hidden from you; the coverage above counts it',
    hiddenFromYou_other:
      '{{count, number}} of the {{total, number}} services are hidden from you; the coverage above counts them',
    allHidden_one:
      "The team's service is hidden from you; the coverage above counts it",
    allHidden_other:
      "All {{count, number}} of the team's services are hidden from you; the coverage above counts them",
    /** Both: the list is cut, and some of it hidden. */
    shownLeastCoveredHidden_one:
      'Showing the {{shown, number}} least covered of {{total, number}} services, less {{count, number}} hidden from you',
    shownLeastCoveredHidden_other:
      'Showing the {{shown, number}} least covered of {{total, number}} services, less {{count, number}} hidden from you',
    servicesLabel: 'Services of the team',
    noServices:
      'No evaluated Component is owned by this team or a group below it. Components count for the group named in their spec.owner.',
    columns: {
      service: 'Service',
      coverage: 'Coverage',
      gaps: 'Gaps',
    },
    inSystem: 'in {{system}}',
    /** The counts behind a service's percentage, where partly covered counts half. */
    serviceCounts:
      '{{covered, number}} of {{required, number}} required covered',
    serviceCountsPartly:
      '{{covered, number}} of {{required, number}} required covered, {{partial, number}} partly',
    serviceCountsExempt:
      '{{covered, number}} of {{required, number}} required covered · {{exempt, number}} exempt',
    serviceCountsPartlyExempt:
      '{{covered, number}} of {{required, number}} required covered, {{partial, number}} partly · {{exempt, number}} exempt',
    noGaps: 'none',
    /** `capability` is "Layer 3 · Service proxy", `status` its status word. */
    gap: '{{capability}} {{status}}',
  },
  /** The team view's exemptions about to expire. */
  exemptions: {
    heading: 'Exemptions expiring within 30 days',
    tableLabel: 'Exemptions expiring within 30 days',
    none: "None of the team's exemptions expires within 30 days.",
    notAllowed:
      'Exemptions are not listed: reading them is not allowed for you.',
    columns: {
      capability: 'Capability',
      scope: 'Scope',
      expires: 'Expires',
      reason: 'Reason',
      grantedBy: 'Granted by',
    },
  },
} as const;
