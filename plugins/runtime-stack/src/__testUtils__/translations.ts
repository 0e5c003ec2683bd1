import {
  createFrontendModule,
  type TranslationMessages,
} from '@backstage/frontend-plugin-api';
import { TranslationBlueprint } from '@backstage/plugin-app-react';

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
