import { coreApis } from '@backstage/frontend-plugin-api';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { runtimeStackApiRef } from '../../api';
import { runtimeStackTranslationRef } from '../../translation';
import { clusterPickerMessages } from './clusterPickerMessages';

type ApiHolder = Parameters<CustomFieldValidator<string>>[2]['apiHolder'];

/** `{{name}}` of an English message filled in, for an app with no translation API. */
const fillIn = (message: string, values: Record<string, string>) =>
  message.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

/** Why the name is refused, in the app's words for the plugin where it has them. */
function refusal(
  apiHolder: ApiHolder,
  cluster: string,
  known: string[],
): string {
  const t = apiHolder
    .get(coreApis.translation)
    ?.getTranslation(runtimeStackTranslationRef).t;
  const values = { cluster, known: known.join(', ') };
  if (known.length === 0) {
    return t
      ? t('clusterPicker.nothingListed', values)
      : fillIn(clusterPickerMessages.nothingListed, values);
  }
  return t
    ? t('clusterPicker.notListed', values)
    : fillIn(clusterPickerMessages.notListed, values);
}

/**
 * Refuses a cluster the portal does not know, so that no unknown name ends
 * up in the new service's `backstage.io/kubernetes-cluster`. Only a list
 * that can be read decides: without one (no permission, no backend), a
 * typed name stands unchecked, as the picker tells the user.
 */
export const validateClusterName: CustomFieldValidator<string> = async (
  value,
  validation,
  { apiHolder },
) => {
  if (!value) return;
  const api = apiHolder.get(runtimeStackApiRef);
  if (!api) return;
  let known: string[];
  try {
    known = (await api.getClusters()).map(c => c.name);
  } catch {
    return;
  }
  if (!known.includes(value)) {
    validation.addError(refusal(apiHolder, value, known));
  }
};
