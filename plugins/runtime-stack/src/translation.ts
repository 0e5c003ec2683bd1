import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * The titles the app shows for this plugin's pages and entity tabs: the
 * page headers, the sidebar and the entity page's tabs. An app translates or
 * renames them with a `TranslationBlueprint` for this ref.
 *
 * @public
 */
export const runtimeStackTranslationRef = createTranslationRef({
  id: 'plugin.runtime-stack',
  messages: {
    layerModelPage: { title: 'Runtime Stack' },
    scorecardsPage: { title: 'Scorecards' },
    entityContent: { title: 'Runtime stack' },
  },
});
