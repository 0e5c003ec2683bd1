import {
  createFrontendModule,
  type TranslationMessages,
} from '@backstage/frontend-plugin-api';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { mockApis } from '@backstage/frontend-test-utils';
import { runtimeStackTranslationRef, type RuntimeStackT } from '../translation';

/** An app module that installs `messages`, as an app translating the plugin would. */
export function translationModule(messages: TranslationMessages) {
  return createFrontendModule({
    pluginId: 'app',
    extensions: [
      TranslationBlueprint.make({
        name: `test-${messages.id}`,
        params: { resource: messages },
      }),
    ],
  });
}

/** The plugin's `t` with its English defaults, for helpers that take one. */
export const englishT: RuntimeStackT = mockApis
  .translation()
  .getTranslation(runtimeStackTranslationRef).t;
