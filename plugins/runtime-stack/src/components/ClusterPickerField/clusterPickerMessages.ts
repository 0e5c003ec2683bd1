/**
 * The words of the template form's cluster picker, as `clusterPicker.*`
 * messages of `runtimeStackTranslationRef`.
 */
export const clusterPickerMessages = {
  label: 'Cluster',
  later: 'Decide later',
  laterHint: 'the coverage preview then shows only what the choices bring',
  option_one: '{{count}} platform tool · {{freshness}}',
  option_other: '{{count}} platform tools · {{freshness}}',
  listFailed:
    'Could not list the clusters ({{message}}): type the name of the one the service will run on, or try again.',
  retry: 'Try again',
  listForbidden:
    'You may not list the clusters ({{message}}): that takes the {{permission}} permission. Leave the field empty to decide later, or type the name of the cluster, which cannot be checked.',
  listForbiddenRequired:
    'You may not list the clusters ({{message}}): that takes the {{permission}} permission. Ask the platform team for it, or type the name of the cluster, which cannot be checked.',
  /** No cluster collected yet, where the template lets the choice wait. */
  noneListed:
    'No cluster is listed yet: the runtime-stack backend lists the clusters it collects, those under kubernetes.clusterLocatorMethods in its app-config.yaml. Leave "Decide later" until the platform team adds the one the service will run on.',
  /** No cluster collected yet, where the template requires one. */
  noneListedRequired:
    'No cluster is listed yet: the runtime-stack backend lists the clusters it collects, those under kubernetes.clusterLocatorMethods in its app-config.yaml. Ask the platform team to add the one the service will run on.',
  unknown:
    "No cluster named '{{cluster}}': the portal knows {{known}}. The preview cannot show what it gives.",
  /**
   * Why the form refuses a name, checked against the clusters listed. The
   * validator cannot tell whether the template requires a cluster, so it
   * offers no "decide later": the menu does, where there is that choice.
   */
  notListed:
    "No cluster named '{{cluster}}': the portal knows {{known}}. Pick one of them.",
  nothingListed:
    "No cluster named '{{cluster}}': the portal knows no cluster yet. Ask the platform team to add the one the service will run on.",
} as const;
