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
    'Could not list the clusters ({{message}}): type the name of the one the service will run on',
  unknown:
    "No cluster named '{{cluster}}': the portal knows {{known}}. The preview cannot show what it gives.",
} as const;
