/**
 * The words of a service's "Runtime stack" tab (its layer coverage, the
 * stack with owners and evidence, the owner dialog and history, the trend),
 * as `entityContent.*` messages of `runtimeStackTranslationRef`: kept beside
 * the components they belong to.
 */
export const entityContentMessages = {
  title: 'Runtime stack',
  /** A card that loads on its own, named by `what` in a sentence. */
  section: {
    refused:
      'You may not see {{what}} ({{reason}}). Ask your Backstage administrators for the permission if you need it.',
    loadError: 'Could not load {{what}}',
    reloading: 'Reloading {{what}}',
  },
  noCapabilities: 'The layer model has no capabilities.',
  /** What is wrong with the entity's `runtime-stack.io/` annotations. */
  annotationProblems: {
    title: 'Some annotations the runtime stack reads are ignored',
    listLabel: 'Annotation problems',
    action:
      'Each of these counts for nothing in the coverage: correct it in catalog-info.yaml.',
  },
  coverage: {
    title: 'Layer coverage',
    what: 'layer coverage',
    subheader:
      'Required capabilities of its profile, covered by declared, observed, registry and telemetry evidence',
    overallLabel: 'Overall coverage',
    summary:
      '{{covered, number}} of {{required, number}} required capabilities covered · profile {{profile}} ({{reason}})',
    summaryPartly:
      '{{covered, number}} of {{required, number}} required capabilities covered, {{partial, number}} partly · profile {{profile}} ({{reason}})',
    evaluated: ' · evaluated {{age}} ago, after the last collection',
    layersLabel: 'Coverage by layer',
    layerBarLabel: 'Layer {{layer}} coverage',
    layerNothingRequired: 'nothing required',
    layerRatio: '{{percent}} of {{required, number}}',
    gaps: 'Gaps',
    gapsLabel: 'Coverage gaps',
    /** The gaps table shows no header row: these name its columns to a screen reader. */
    gapColumns: {
      status: 'Status',
      capability: 'Capability',
      hint: 'What would close it',
    },
    conflict: ' (declared {{declared}}, observed {{observed}})',
  },
  stack: {
    title: 'Capabilities by layer',
    what: 'capabilities by layer',
    subheader:
      'From the application (6) down to the platform (0): status, tools, owners and the evidence behind each',
    ownersNote:
      'Owners set here take precedence over those inherited from the System, cluster or organisation.',
    layerEmpty: 'The layer model has no capabilities on this layer.',
    layerLabel: 'Layer {{layer}} capabilities',
    capabilityColumn: 'Capability',
    statusColumn: 'Status',
    toolsColumn: 'Tools',
    ownersColumn: 'Owners',
    actionsColumn: 'Actions',
    layerCoverageUnknown: 'coverage unknown',
    layerNothingRequired: 'nothing required',
    layerCoverage:
      '{{covered, number}} of {{required, number}} required covered',
    layerCoveragePartly:
      '{{covered, number}} of {{required, number}} required covered, {{partial, number}} partly',
    requirement: {
      required: 'required',
      recommended: 'recommended',
      'not-applicable': 'not applicable',
      optional: 'optional',
    },
    conflict: 'Conflict: declared {{declared}}, observed {{observed}}',
    conflictNothing: 'nothing',
    /** Beside the status chip of a capability whose declaration a cluster contradicts. */
    conflictChip: 'conflict',
    conflictChipLabel: '{{capability}}: declaration contradicted by a cluster',
    conflictChipMeaning:
      'A cluster shows other tools than the annotation declares: correct the annotation or the cluster',
    exempt: 'Exempt: {{reason}}',
    exemptUntil: 'Exempt: {{reason}} (until {{date}})',
    /** For a reader who may not read exemptions, so is not told why. */
    exemptNoReason: 'Exempt',
    exemptNoReasonUntil: 'Exempt until {{date}}',
    evidenceButton: 'Evidence ({{count}})',
    /** The button's accessible name: its visible text first, as WCAG 2.5.3 asks. */
    evidenceButtonLabel: 'Evidence ({{count}}) for {{capability}}',
  },
  evidence: {
    none: 'No evidence was found for {{capability}}.',
    tableLabel: 'Evidence for {{capability}}',
    sourceColumn: 'Source',
    detailColumn: 'Detail',
    clusterColumn: 'Cluster',
    toolColumn: 'Tool',
    seenColumn: 'Seen',
    partial: '{{source}} (partial)',
    seenAgo: '{{age}} ago',
  },
  /** What an owner group does for a capability. */
  responsibility: {
    operates: 'operates',
    supports: 'supports',
    consumes: 'consumes',
  },
  owners: {
    unknown: 'not known',
    /** Over the stack, when the backend could not read who owns what. */
    loadFailed: 'Owners could not be loaded: {{message}}',
    none: 'no owner',
    origin: '{{responsibility}} · {{origin}}',
    organisation: 'organisation default',
    organisationLayer: 'organisation default, for the whole layer',
    ownLayer: '{{scope}}, for the whole layer',
    ownAnnotation: '{{scope}} (annotation)',
    ownAnnotationLayer: '{{scope}} (annotation), for the whole layer',
    inherited: 'inherited from {{scope}}',
    inheritedLayer: 'inherited from {{scope}}, for the whole layer',
    inheritedAnnotation: 'inherited from {{scope}} (annotation)',
    inheritedAnnotationLayer:
      'inherited from {{scope}} (annotation), for the whole layer',
    clusterScope: 'cluster {{name}}',
    environmentScope: 'environment {{name}}',
  },
  changeOwner: {
    button: 'Change owner',
    buttonLabel: 'Change owner of {{capability}}',
    checking: 'Checking whether you may change this owner…',
    checkFailed: 'Could not check your permission: {{message}}',
    /** When the backend could not read the owners. */
    ownersUnread: 'Owners could not be read.',
    /** When the permission policy does not let the user read owners. */
    ownersRefused:
      'Reading owners is not allowed for you, so neither is changing them here.',
    notYourRecord:
      "This owner record belongs to a group you are not a member of, so you can't change it. Ask that group to change it.",
    notYourInherited:
      '{{owner}} owns this for {{scope}}, and only its members may hand it over to {{target}}.',
    /** The backend refuses a take-over when the user may not act for today's owner. */
    takeOverRefusedBy:
      '{{owner}} owns this, and only its members may hand it over to {{target}}.',
    /** When the backend refuses a take-over without saying why. */
    takeOverRefused: 'You may not change this owner.',
    /** The button stays usable: saving runs the same check. */
    takeOverCheckFailed:
      'Could not check your permission ({{message}}); saving checks it again.',
    title: 'Change owner of {{capability}}',
    updates: 'Changes the owner record set on {{scope}} (version {{version}}).',
    overrides:
      'Now {{owner}} ({{responsibility}}), {{origin}}. Saving sets an owner on {{scope}} that takes precedence.',
    noOwner: 'No owner is known. Saving sets one on {{scope}}.',
    ownerLabel: 'Owner group',
    ownerHelp: 'Pick a group by name, or type group:namespace/name',
    ownerInvalid: 'Enter a group as group:namespace/name or group:name',
    responsibilityLabel: 'Responsibility',
    noteLabel: 'Note',
    linkLabel: 'Link',
    linkHelp: 'A runbook or team page, optional',
    linkInvalid: 'Enter an http(s) address',
    reloading: 'Reloading the current owner…',
    reloadFailed:
      'Could not reload ({{message}}); saving may meet the same conflict.',
    reloaded:
      'Reloaded. Saving now applies your change over the current owner.',
    /** The backend's refusal says who may. */
    denied: 'Not saved: {{message}}',
    saveFailed: 'Could not save: {{message}}',
    changedBy:
      'Changed by {{actor}} since you opened it. Reload to see the current owner, then save again.',
    changedByAt:
      'Changed by {{actor}} at {{when}} since you opened it. Reload to see the current owner, then save again.',
    conflict: '{{message}} Reload to see the current owner, then save again.',
    reload: 'Reload',
    cancel: 'Cancel',
    save: 'Save',
  },
  history: {
    button: 'History',
    /** The button's accessible name, starting with its visible text. */
    buttonLabel: 'History of owner changes on {{scope}}',
    /** Why History is blocked: the owners themselves were not shown. */
    notAllowed:
      'Reading owners is not allowed for you, so neither is the history of their changes.',
    /** The history inside a sentence: "You may not see {what}". */
    what: 'the ownership history',
    title: 'Owner changes on {{scope}}',
    close: 'Close',
    loadError: 'Could not load the ownership history',
    none: 'No owner has been set on {{scope}} yet.',
    latest: 'The latest {{shown, number}} of {{total, number}} changes.',
    tableLabel: 'Ownership history',
    /** The action column's values. */
    create: 'create',
    update: 'update',
    delete: 'delete',
    /** Under "update", when the update moved the record to another scope. */
    moved: 'moved from {{from}} to {{to}}',
    whenColumn: 'When',
    whoColumn: 'Who',
    actionColumn: 'Action',
    whatColumn: 'What',
    ownerColumn: 'Owner',
    wholeLayer: 'Layer {{layer}}, whole layer',
    olderLoadError: 'Could not load older changes',
    loading: 'Loading…',
    showOlder: 'Show older changes',
  },
  trend: {
    title: 'Coverage trend',
    what: 'coverage trend',
    subheader: 'Overall coverage over the last 90 days',
    chartLabel: 'Coverage of this service by day',
    series: 'Overall coverage',
    latest:
      '{{percent}} on {{day}} · {{covered, number}} of {{required, number}} required covered',
    latestPartly:
      '{{percent}} on {{day}} · {{covered, number}} of {{required, number}} required covered, {{partial, number}} partly',
    change: ' · {{change}} since {{day}}',
    unchanged: 'unchanged',
    up_one: '+{{count, number}} point',
    up_other: '+{{count, number}} points',
    down_one: '−{{count, number}} point',
    down_other: '−{{count, number}} points',
  },
  clusters: {
    title: 'Clusters and workloads',
    what: 'clusters and workloads',
    subheader:
      'From the collected cluster state, matched as the Kubernetes tab matches',
    noDependedClusters:
      'The Kubernetes plugin is set to look only on the clusters a service depends on (serviceLocatorMethod catalogRelation), and this one depends on none: add the cluster to spec.dependsOn, for example resource:prod-eu-1, as a Resource named like the cluster.',
    noObjects:
      'No objects match {{selector}} on any collected cluster. Label the workloads with backstage.io/kubernetes-id, or set backstage.io/kubernetes-label-selector.',
    noObjectsOnCluster:
      'No objects match {{selector}} on {{cluster}}, the cluster its backstage.io/kubernetes-cluster annotation names. A new service shows here once it is deployed there; if it runs on another cluster, change the annotation.',
    thisService: 'this service',
    selectorProblem:
      '{{problem}}. Correct the annotation in the catalog-info.yaml of this service; until then no cluster shows it.',
  },
  images: {
    title: 'Images',
    what: 'images',
    subheader: 'Running and declared images against their registry',
    empty:
      'No images run or are declared. List the repositories in the runtime-stack.io/images annotation.',
  },
  observability: {
    title: 'Observability',
    what: 'observability',
    subheader: 'Prometheus, Grafana and configured links',
  },
} as const;
