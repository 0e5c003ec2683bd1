import {
  createFrontendModule,
  createTranslationMessages,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { homePageWidgetDataRef } from '@backstage/plugin-home-react/alpha';
import { SearchFilterResultTypeBlueprint } from '@backstage/plugin-search-react/alpha';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { defaultLayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import { screen, waitFor, within } from '@testing-library/react';
import { runtimeStackApiRef } from './api';
import { runtimeStackPlugin } from './plugin';
import { runtimeStackTranslationRef } from './translation';

/** What the layer model page reads, without a backend. */
const layerModelApi = [
  runtimeStackApiRef,
  {
    getLayerModel: async () => defaultLayerModel,
    getClusters: async () => [],
  },
] as const;

/** An API method whose answer never comes. */
const pending = () => new Promise(() => {});

describe('runtime-stack frontend plugin', () => {
  it('provides its extensions under the ids its README names', () => {
    const ids = [
      'api:runtime-stack',
      'page:runtime-stack',
      'page:runtime-stack/scorecards',
      'entity-content:runtime-stack/runtime-stack',
      'entity-content:runtime-stack/system-runtime-stack',
      'entity-content:runtime-stack/group-runtime-stack',
      'entity-card:runtime-stack/coverage',
      'scaffolder-form-field:runtime-stack/coverage-preview',
      'scaffolder-form-field:runtime-stack/cluster-picker',
      'home-page-widget:runtime-stack/teams-coverage',
      'search-result-list-item:runtime-stack',
      'search-filter-result-type:runtime-stack',
    ] as const;
    for (const id of ids) {
      expect(runtimeStackPlugin.getExtension(id)).toMatchObject({
        $$type: '@backstage/ExtensionDefinition',
      });
    }
  });

  it('serves the layer model page at /runtime-stack', async () => {
    renderTestApp({
      features: [runtimeStackPlugin],
      initialRouteEntries: ['/runtime-stack'],
      apis: [layerModelApi],
    });
    expect(
      await screen.findByText('Layer 0 · Platform & external services'),
    ).toBeInTheDocument();
  });

  // The page layout links a page's title to the plugin's `root` route when
  // it has one, which would send every page's title to the layer model.
  it.each([
    ['/runtime-stack', 'Runtime Stack'],
    ['/runtime-stack-scorecards', 'Scorecards'],
  ])('links the title of %s to the page itself', async (path, title) => {
    renderTestApp({
      features: [runtimeStackPlugin],
      initialRouteEntries: [path],
      // What the pages show is not the point: their data never arrives.
      apis: [[runtimeStackApiRef, new Proxy({}, { get: () => pending })]],
    });
    const heading = await screen.findByRole('heading', {
      level: 1,
      name: title,
    });
    expect(within(heading).getByRole('link')).toHaveAttribute('href', path);
  });

  it('answers a path below /runtime-stack with the not found page, not the layer model', async () => {
    renderTestApp({
      features: [runtimeStackPlugin],
      initialRouteEntries: ['/runtime-stack/no-such-page'],
      apis: [layerModelApi],
    });
    expect(await screen.findByText(/page not found/i)).toBeInTheDocument();
    expect(
      screen.queryByText('Layer 0 · Platform & external services'),
    ).not.toBeInTheDocument();
  });
});

describe('runtime-stack titles', () => {
  it('come from its translation ref, so an app can translate them', async () => {
    const french = createFrontendModule({
      pluginId: 'app',
      extensions: [
        TranslationBlueprint.make({
          name: 'runtime-stack-fr',
          params: {
            resource: createTranslationMessages({
              ref: runtimeStackTranslationRef,
              messages: { 'layerModelPage.title': 'Pile d’exécution' },
            }),
          },
        }),
      ],
    });
    renderTestApp({
      features: [runtimeStackPlugin, french],
      initialRouteEntries: ['/runtime-stack'],
      apis: [layerModelApi],
    });
    // The page's header renders again as the page loads: wait for it to
    // settle before reading it.
    await waitFor(() =>
      expect(
        screen.getByRole('heading', { name: 'Pile d’exécution' }),
      ).toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('heading', { name: 'Runtime Stack' }),
    ).not.toBeInTheDocument();
  });

  it('read in English by default', async () => {
    renderTestApp({
      features: [runtimeStackPlugin],
      initialRouteEntries: ['/runtime-stack'],
      apis: [layerModelApi],
    });
    await waitFor(() =>
      expect(
        screen.getByRole('heading', { name: 'Runtime Stack' }),
      ).toBeInTheDocument(),
    );
  });
});

describe('runtime-stack words the extension points take only as strings', () => {
  it('are renamed by overriding the params of their extensions, as its README says', () => {
    const widget = runtimeStackPlugin
      .getExtension('home-page-widget:runtime-stack/teams-coverage')
      .override({
        params: {
          title: 'Abdeckung deiner Teams',
          description: 'Abdeckung der Dienste deiner Teams',
        },
      });
    expect(
      createExtensionTester(widget).get(homePageWidgetDataRef),
    ).toMatchObject({
      title: 'Abdeckung deiner Teams',
      description: 'Abdeckung der Dienste deiner Teams',
    });

    const resultType = runtimeStackPlugin
      .getExtension('search-filter-result-type:runtime-stack')
      .override({ params: { name: 'Laufzeit-Stack' } });
    expect(
      createExtensionTester(resultType).get(
        SearchFilterResultTypeBlueprint.dataRefs.resultType,
      ),
    ).toMatchObject({ value: 'runtime-stack', name: 'Laufzeit-Stack' });
  });
});
