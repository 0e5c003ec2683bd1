/**
 * The words of the service tab's panels (clusters and workloads, images,
 * observability, exemptions), as messages of `runtimeStackTranslationRef`
 * under `clustersPanel.*`, `imagesPanel.*`, `observabilityPanel.*` and
 * `exemptions.*`: kept beside the panels they belong to.
 */
export const clustersPanelMessages = {
  unavailable: '{{cluster}} could not be checked',
  unavailableBecause: '{{cluster}} could not be checked: {{message}}',
  collected: ' · collected {{age}} ago',
  lastGoodData: 'Showing the last good data: {{message}}',
  /** Resources the collector was refused or not served: what they hold is missing here. */
  unreadable:
    'Not everything on this cluster could be read, so pods or objects may be missing here: {{warnings}}',
  workloadsLabel: 'Workloads on {{cluster}}',
  columns: {
    workload: 'Workload',
    ready: 'Ready',
    pods: 'Pods',
    restarts: 'Restarts',
    images: 'Images',
  },
  pods: '{{running, number}} running of {{total, number}}',
  podsFailed:
    '{{running, number}} running of {{total, number}}, {{failed, number}} failed',
  /** A Job's pods that ran to completion. */
  podsSucceeded:
    '{{running, number}} running of {{total, number}}, {{succeeded, number}} succeeded',
  podsSucceededFailed:
    '{{running, number}} running of {{total, number}}, {{succeeded, number}} succeeded, {{failed, number}} failed',
  /** The Ready column of a Job or CronJob, whose pods are not meant to stay ready. */
  readyNotApplicable: '—',
  usesHere: 'Uses here',
  providedHere: 'Provided by the cluster',
} as const;

export const imagesPanelMessages = {
  label: 'Images',
  columns: {
    image: 'Image',
    running: 'Running',
    registry: 'Registry',
    drift: 'Drift',
  },
  pinned: 'pinned {{digest}}',
  declared: 'declared',
  declaredTitle: 'Listed in the {{annotation}} annotation',
  running: {
    none: 'not running',
    podsOn_one: '{{count}} pod on {{cluster}}',
    podsOn_other: '{{count}} pods on {{cluster}}',
    containers_one: 'container {{names}}',
    containers_other: 'containers {{names}}',
    digests_one: '{{count}} different digest across its pods',
    digests_other: '{{count}} different digests across its pods',
    noDigest: 'no digest reported yet',
  },
  registry: {
    notConfigured:
      'Registry not configured: shown as the cluster reports it. Add it under {{config}} to compare with its tags.',
    tagNotRead:
      'tag {{tag}} is in the registry, not read: only tags in a workload template or annotation, and the newest versions, are',
    tagMissing: 'tag {{tag}} is not in the registry',
    /** A configured registry the collection has not read the repository from yet. */
    notReadYet:
      'Not read from the registry yet: the next registry collection reads it.',
    newest: 'newest: {{tag}}',
    tagCount_one: 'of {{count}} tag',
    tagCount_other: 'of {{count}} tags',
    read: 'registry read {{age}} ago',
  },
  /** A vulnerability scan of the image by a scanner in the cluster. */
  scan: {
    counts:
      '{{critical}} critical · {{high}} high · {{medium}} medium · {{low}} low',
    by: '{{scanner}}: {{counts}}',
    byAgo: '{{scanner}}, {{age}} ago: {{counts}}',
    title:
      'VulnerabilityReport {{namespace}}/{{report}} on {{cluster}}, for container {{container}}',
    unknownScanner: 'Scanned',
  },
  built: 'built {{date}}',
  builtAgo: 'built {{date}}, {{age}} ago',
  source: 'source',
  sourceAt: '{{source}} at {{revision}}',
  /** Drift kinds as the chip says them; the backend's message says the rest. */
  drift: {
    none: 'none',
    /** The registry was not read (not configured, or failing): drift is unknown. */
    notChecked: 'not checked',
    digestMismatch: 'tag moved',
    newerTag: 'newer tag',
    floatingTag: 'floating tag',
    tooOld: 'too old',
  },
  /** What a drift finding says, worded from the facts the backend sends. */
  driftMessage: {
    floatingTag: "Runs the '{{tag}}' tag: what runs changes with every push",
    untagged: 'Runs an image without a tag, which means latest',
    digestMismatch_one:
      'Tag {{tag}} now points to {{digest}}…, but {{count}} pod runs another digest',
    digestMismatch_other:
      'Tag {{tag}} now points to {{digest}}…, but {{count}} pods run another digest',
    newerTag: 'A newer version is in the registry: {{newest}}',
    tooOld: 'Built {{age}} ago, more than the {{allowed}} allowed',
  },
} as const;

export const observabilityPanelMessages = {
  /** A capability's chip: its title and what backs it. */
  evidenceChip: '{{capability}}: {{summary}}',
  /** What backs each capability, worded from the figures the backend counts. */
  summary: {
    targets_one: '{{healthy, number}} of {{count}} target healthy',
    targets_other: '{{healthy, number}} of {{count}} targets healthy',
    noTargets: 'no scrape targets',
    alertRules_one: '{{count}} alert rule, {{firing, number}} firing',
    alertRules_other: '{{count}} alert rules, {{firing, number}} firing',
    alertRulesInGrafana_one:
      '{{count}} alert rule ({{grafana, number}} in Grafana), {{firing, number}} firing',
    alertRulesInGrafana_other:
      '{{count}} alert rules ({{grafana, number}} in Grafana), {{firing, number}} firing',
    noAlertRules: 'no alert rules',
    dashboards_one: '{{count}} dashboard',
    dashboards_other: '{{count}} dashboards',
    noDashboards: 'no dashboards',
    links_one: '{{count}} link',
    links_other: '{{count}} links',
    noLinks: 'no links',
  },
  matchedBy: {
    intro: 'Matched by {{what}}',
    anyServiceLabel: '{{value}} in a service label (service, app, job, …)',
    alerts: 'alerts {{names}}',
    rules: 'rules {{names}}',
    grafanaSelectors: 'Grafana alert rules labelled {{selectors}}',
    /** Between the label selectors of Grafana alert rules, any of which matches. */
    or: ' or ',
  },
  namesNotFound:
    'Not a rule or alert in Prometheus: {{names}}. Check the names in {{ruleAnnotation}} and {{alertAnnotation}}, and that Prometheus loads the rule files.',
  sourceError: '{{source}} could not be read: {{message}}',
  alerts: {
    title: 'Firing and pending alerts',
    label: 'Alerts',
    since: 'since {{when}}',
  },
  prometheusRules: 'Prometheus alert rules',
  notEvaluated: 'not evaluated',
  health: 'health: {{health}}',
  grafanaRules: 'Grafana alert rules',
  grafanaAlerting: 'alerting ({{firing, number}} of {{instances, number}})',
  targets: {
    title: 'Scrape targets',
    target: 'Target',
    health: 'Health',
    lastScrape: 'Last scrape',
  },
  links: 'Dashboards and links',
  overviewDashboard: 'Overview dashboard',
  hints: {
    title: 'What would add evidence',
    label: 'Observability hints',
    /** Metrics whose scrape targets Prometheus has, none of them healthy. */
    targetsDown_one:
      'Prometheus scrapes it, but its {{count}} target is not healthy: fix the target, whose last error the scrape targets show',
    targetsDown_other:
      'Prometheus scrapes it, but none of its {{count}} targets is healthy: fix the targets, whose last errors the scrape targets show',
  },
} as const;

export const exemptionsMessages = {
  title: 'Exemptions',
  what: 'exemptions',
  /** Whose gaps the panel lists: a component's own and its System's, or a System's for all its components. */
  subheader: {
    component:
      'Accepted gaps of this component; an expired one counts as missing again',
    componentAndSystem:
      'Accepted gaps of this component and its System; an expired one counts as missing again',
    system:
      'Accepted gaps of this System, for all its components; an expired one counts as missing again',
  },
  none: {
    component: 'No exemptions for this component.',
    componentAndSystem: 'No exemptions for this component or its System.',
    system: 'No exemptions for this System.',
  },
  count_one: '{{count}} exemption',
  count_other: '{{count}} exemptions',
  grant: 'Grant exemption',
  /** Why Grant exemption is blocked, on a component's tab or a System's. */
  gapsLoading: {
    component: 'Checking the gaps of this component…',
    system: 'Checking the gaps of its components…',
  },
  noGaps: {
    component:
      'No gap to exempt: every required capability of this component is covered or exempt.',
    system:
      'No gap to exempt: every required capability of its components is covered or exempt.',
  },
  columns: {
    capability: 'Capability',
    scope: 'Scope',
    reason: 'Reason',
    expires: 'Expires',
    people: 'Requested / granted by',
    actions: 'Actions',
  },
  systemScope: 'its System {{system}}',
  expired: 'expired — counts as missing',
  expiry: {
    unknown: 'expires {{expiresAt}}',
    today: 'expired today',
    ago_one: 'expired {{count}} day ago',
    ago_other: 'expired {{count}} days ago',
    in_one: 'expires in {{count}} day',
    in_other: 'expires in {{count}} days',
  },
  requestedBy: 'requested by {{who}}',
  grantedBy: 'granted by {{who}}',
  revoke: 'Revoke',
  revokeLabel: 'Revoke exemption for {{capability}}',
  permission: {
    checking: 'Checking your permission…',
    checkFailed: 'Could not check your permission: {{message}}',
    grantDenied: 'You may not grant exemptions. Ask the platform team.',
    revokeDenied: 'You may not revoke exemptions. Ask the platform team.',
  },
  revokeDialog: {
    title: 'Revoke the exemption for {{capability}}?',
    body: '{{capability}} counts as missing again for {{scope}} unless evidence covers it.',
    cancel: 'Cancel',
    confirm: 'Revoke',
  },
  grantDialog: {
    title: 'Grant exemption',
    intro:
      'The capability counts as exempt for {{entity}} until the day you pick, then as missing again.',
    introSystem:
      'The capability counts as exempt for {{entity}} and all its components until the day you pick, then as missing again.',
    capability: 'Capability',
    capabilitiesError: 'Could not load the capabilities: {{message}}',
    reason: 'Reason',
    reasonHelp: 'Why the gap is accepted · {{length, number}}/{{max, number}}',
    expiresOn: 'Expires on',
    expiresOnHelp: 'Ends at 00:00 UTC of this day, at most a year from now',
    requestedBy: 'Requested by',
    requestedByHelp:
      'A person or team from the catalog, optional; you when left empty',
    cancel: 'Cancel',
    submit: 'Grant',
  },
  /** What is wrong with a field of the grant dialog. */
  formErrors: {
    noCapability: 'Pick the capability to exempt',
    noReason: 'Say why the gap is accepted',
    reasonTooLong:
      'At most {{max, number}} characters ({{length, number}} now)',
    noExpiry: 'Pick the day the exemption ends',
    expiryFormat: 'Enter a date as YYYY-MM-DD',
    expiryPast: 'Pick a day after today',
    expiryTooLate: 'An exemption lasts at most a year',
    requestedBy:
      'Enter a user or group as user:name, group:name or kind:namespace/name',
  },
  /** A failed grant or revoke, with the backend's message. */
  writeErrors: {
    grantDenied: 'You may not grant this exemption: {{message}}',
    grantConflict:
      'Could not grant the exemption: {{message}} The list now shows what is in place.',
    grantFailed: 'Could not grant the exemption: {{message}}',
    revokeDenied: 'You may not revoke this exemption: {{message}}',
    revokeConflict:
      'Could not revoke the exemption: {{message}} The list now shows what is in place.',
    revokeFailed: 'Could not revoke the exemption: {{message}}',
  },
} as const;
