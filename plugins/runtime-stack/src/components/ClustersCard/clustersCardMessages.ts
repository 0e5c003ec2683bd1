/**
 * The words of the clusters card on the layer model page, as `clustersCard.*` messages of `runtimeStackTranslationRef`: kept beside
 * the components they belong to.
 */
export const clustersCardMessages = {
  title: 'Clusters',
  subheader:
    'Collected on a schedule and kept current with watches; pages read the stored state.',
  /** The card inside a sentence: "You may not see {what}". */
  what: 'the clusters',
  loadError: 'Could not load the clusters',
  emptyTitle: 'No clusters configured',
  emptyDescription:
    "Add clusters under kubernetes.clusterLocatorMethods in app-config.yaml (type: config), list a Google project's with a type: gke locator, or register kubernetes-cluster Resources with a type: catalog locator; the Kubernetes plugin and Runtime Stack both read them.",
  tableLabel: 'Collected clusters',
  clusterColumn: 'Cluster',
  dataColumn: 'Data',
  objectsColumn: 'Objects',
  platformColumn: 'Platform detected',
  serverVersion: 'Kubernetes {{version}}',
  collected: 'collected {{age}} ago',
  unreadable_one: '{{count}} resource not readable',
  unreadable_other: '{{count}} resources not readable',
  nothingDetected: 'nothing detected yet',
} as const;
