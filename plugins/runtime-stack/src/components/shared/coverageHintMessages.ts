/**
 * The words of a coverage gap's hint and of why a service has its
 * requirement profile, as `coverageHint.*` and `profileReason.*` messages of
 * `runtimeStackTranslationRef`. The coverage engine sends both in parts;
 * annotation names and the entry to write arrive as values, never
 * translated.
 */
export const coverageHintMessages = {
  declared_one: '{{tools}} is declared',
  declared_other: '{{tools}} are declared',
  /** A declaration nothing in the portal can confirm, and why that is fine. */
  claimOnly: '{{declared}}; {{advice}}',
  unconfirmed: '{{declared}}, but nothing observed confirms it yet: {{next}}',
  check: 'check that it runs for this service, or ask the platform team',
  partly: 'only partly covered ({{details}}); {{next}}',
  offers: '{{cluster}} offers {{tools}}',
  sourceWithOffers: '{{advice}} ({{offers}})',
  useOffered:
    '{{offers}}: use it and declare it in {{annotation}} ({{example}})',
  declare:
    'declare a tool with the {{annotation}} annotation ({{capability}}=tool) or ask the platform team',
  /** What makes the evidence of a telemetry or delivery capability visible. */
  source: {
    metrics:
      'make Prometheus scrape it: targets labelled with its kubernetes-id (a service, app or job label), or with the labels of its {{labelsAnnotation}} annotation',
    alerting:
      'add alert rules: name its Prometheus rules in {{ruleAnnotation}}, or label Grafana-managed rules and set {{alertSelectorAnnotation}}',
    /** Alerting advice when the annotations name rules Prometheus does not have. */
    alertingNotFound_one:
      'rule {{names}} is not in Prometheus: correct the name in {{annotations}} or have Prometheus load its rule file, or label Grafana-managed rules and set {{alertSelectorAnnotation}}',
    alertingNotFound_other:
      'rules {{names}} are not in Prometheus: correct the names in {{annotations}} or have Prometheus load their rule files, or label Grafana-managed rules and set {{alertSelectorAnnotation}}',
    visualization:
      "add dashboards: set {{selectorAnnotation}} (for example tags @> 'my-service') or {{overviewAnnotation}}",
    logging:
      'link its logs: a link template of type logs under runtimeStack.observability.links, or a metadata.links entry with type logs',
    tracing:
      'link its traces: a link template of type traces under runtimeStack.observability.links, or a metadata.links entry with type traces',
    'source-control':
      'register it in the catalog from its repository (a url location, recorded in {{locationAnnotation}}) or label its images with org.opencontainers.image.source; {{annotations}} say where the code is',
    'ci-cd':
      'name its pipeline with the annotation of its CI plugin ({{annotations}}) or declare it in {{toolsAnnotation}} (ci-cd=tool)',
  },
  /** Capabilities nothing in the portal observes. */
  claimOnlyAdvice: {
    'ci-cd':
      "the portal reads no CI system, so it stays a claim; the CI plugin's own tab shows the builds",
  },
} as const;

export const profileReasonMessages = {
  annotation: 'annotation {{annotation}}',
  systemAnnotation: 'System {{system}} annotation {{annotation}}',
  systemAnnotationUnnamed: 'System annotation {{annotation}}',
  lifecycle: 'lifecycle {{lifecycle}}',
  default: 'default',
  firstProfile: 'default (using the first profile)',
  firstProfileSkipped: 'default ({{skipped}}; using the first profile)',
  /** A rule passed over because the profile it names does not exist. */
  skipped: "{{rule}} names unknown profile '{{profile}}'",
  withSkipped: '{{rule}} ({{skipped}})',
} as const;
