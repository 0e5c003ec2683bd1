/**
 * The words of the template form's coverage preview, as `coveragePreview.*` messages of `runtimeStackTranslationRef`: kept beside
 * the components they belong to.
 */
export const coveragePreviewMessages = {
  /** The field's heading when the template's schema gives it no title. */
  title: 'Runtime coverage preview',
  loadError:
    "Could not load the platform's layer model and requirement profiles",
  noApi: 'The runtime-stack API is not installed in this app',
  noProfiles: 'The runtime-stack backend serves no requirement profiles',
  nothingLoaded: 'Nothing was loaded',
  unknownProfileTitle: "Unknown requirement profile '{{profile}}'",
  unknownProfileMessage:
    "The runtime-stack backend knows {{known}}; coverage cannot be measured against '{{profile}}'. Ask the platform team to add it under runtimeStack.coverage.profiles, or pick another profile.",
  registeredLabel: 'Coverage when registered',
  registered: 'when registered',
  runningLabel: 'Coverage once running',
  running: 'once a cluster confirms it',
  runningOn: 'once running on {{cluster}}',
  /** What the chosen cluster gives the new service, from its last collection. */
  /** `system` is the System's entity ref. */
  system: {
    reading: 'Reading what {{system}} declares for its services…',
    missing:
      'The catalog has no {{system}}: the preview counts no declaration of a System.',
    failed:
      'Could not read {{system}} ({{message}}): the preview counts no declaration of a System.',
  },
  cluster: {
    reading:
      'Reading what {{cluster}} gives a service in namespace {{namespace}}…',
    gives:
      '{{cluster}} gives every service in namespace {{namespace}}: {{tools}} (its data: {{freshness}})',
    givesNothing:
      '{{cluster}} gives a service in namespace {{namespace}} nothing the layer model counts (its data: {{freshness}})',
    failedTitle: 'Could not read what {{cluster}} gives the service',
    failedMessage:
      '{{message}}. The preview shows only what the choices bring.',
  },
  willBeCovered:
    '{{covered, number}} of {{required, number}} required capabilities will be covered',
  willBeCoveredPartly_one:
    '{{covered, number}} of {{required, number}} required capabilities will be covered; {{count}} counts as partial until the running service shows it',
  willBeCoveredPartly_other:
    '{{covered, number}} of {{required, number}} required capabilities will be covered; {{count}} count as partial until the running service shows them',
  /** The chip of a capability the choices declare and a cluster is yet to confirm. */
  onceRunning: 'once running',
  onceRunningMeaning:
    'Declared by these choices: partial when registered, covered once the running service shows it',
  /** The basis of the layers' figures, which the second headline figure shares. */
  layersOnceRunning:
    'By layer, as once running: the figures count what the running service will show.',
  profile: 'Profile {{profile}} ({{reason}})',
  layerLabel: 'Layer {{layer}}: {{title}}',
  /** What the profile asks of a capability, beside its tools. */
  requirement: {
    required: 'required',
    recommended: 'recommended',
    'not-applicable': 'not applicable',
    optional: 'not asked for',
  },
  notAskedFor: 'Not asked for: {{capabilities}}',
  /** The groups that will run a capability for the new service. */
  runBy: 'run by {{owners}}',
  ownersFailed: 'Who will run each capability could not be read: {{message}}',
  noGaps: 'No gaps',
  allCovered: 'These choices cover every capability the profile requires.',
  /**
   * What to change in the form to close a gap, by capability id: only the
   * capabilities the form can close have one.
   */
  formHints: {
    'container-registry': 'Set your image registry',
    'source-control':
      "Choose the repository location under Publish to, on the Repository page: nothing confirms where the code of a service written on the portal's host lives",
    images: 'Set the image registry and name',
    'service-proxy': 'Expose the service through an Ingress',
    'certificate-management':
      'Turn on TLS with a cert-manager ClusterIssuer for the Ingress',
    gitops: 'Choose Argo CD or Flux under GitOps',
    'service-mesh': 'Choose Linkerd or Istio under Service mesh',
    metrics: 'Turn on the Prometheus ServiceMonitor',
    alerting: 'Turn on the alerting rules',
    visualization: 'Turn on the Grafana dashboard',
    'ci-cd': 'Choose a CI system',
  },
  notCoveredHint: 'Not covered by this template: ask the platform team',
  /** When the clusters' platforms, to check the choices against, cannot be read. */
  platformNotChecked:
    'Could not check the service mesh and RuntimeClass chosen against the clusters: {{error}}',
  /** Whether the chosen cluster runs the service mesh chosen. */
  mesh: {
    notOnClusterTitle: '{{cluster}} does not run the service mesh {{mesh}}',
    notOnClusterMessage:
      'No sidecar would be injected, so the template stops before creating anything. {{cluster}} runs {{meshes}}: choose that, pick a cluster that runs {{mesh}}, or ask the platform team to run it on {{cluster}}.',
    noneOnClusterMessage:
      'No sidecar would be injected, so the template stops before creating anything. {{cluster}} runs no service mesh: choose none, pick a cluster that runs {{mesh}}, or ask the platform team to run it on {{cluster}}.',
  },
  /** Where the chosen sandboxed runtime's RuntimeClass is offered. */
  sandbox: {
    offeredOn: 'RuntimeClass {{runtimeClass}} is offered on {{clusters}}',
    nowhereTitle: 'No cluster offers the RuntimeClass {{runtimeClass}}',
    nowhereMessage:
      'Kubernetes refuses pods that name a RuntimeClass their cluster lacks. Ask the platform team to offer {{runtimeClass}}, or choose no sandbox.',
    notOnClusterTitle:
      '{{cluster}} does not offer the RuntimeClass {{runtimeClass}}',
    notOnClusterMessage:
      'Kubernetes refuses pods that name a RuntimeClass their cluster lacks. Pick a cluster that offers it ({{clusters}}), ask the platform team to offer it on {{cluster}}, or choose no sandbox.',
  },
} as const;
