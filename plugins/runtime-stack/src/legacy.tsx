import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createCardExtension } from '@backstage/plugin-home-react';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { RuntimeStackClient, runtimeStackApiRef } from './api';
import { RuntimeStackCoveragePreviewFieldExtension } from './components/CoveragePreviewField/extensions';
import { RuntimeStackClusterPickerFieldExtension } from './components/ClusterPickerField/extensions';
import type { RuntimeStackSearchResultListItemProps } from './components/RuntimeStackSearchResultListItem';

import {
  legacyEntityContentRouteRef,
  legacyRootRouteRef,
  legacyScorecardsRouteRef,
} from './legacyRoutes';

/**
 * The Runtime Stack plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const runtimeStackLegacyPlugin = createPlugin({
  id: 'runtime-stack',
  apis: [
    createApiFactory({
      api: runtimeStackApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new RuntimeStackClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: legacyRootRouteRef,
    scorecards: legacyScorecardsRouteRef,
    entityContent: legacyEntityContentRouteRef,
  },
});

/**
 * The layer model page for legacy apps, for example
 * `<Route path="/runtime-stack" element={<RuntimeStackPage />} />`.
 *
 * @public
 */
export const RuntimeStackPage = runtimeStackLegacyPlugin.provide(
  createRoutableExtension({
    name: 'RuntimeStackPage',
    component: () =>
      import('./components/LayerModelPage').then(m => m.LayerModelPage),
    mountPoint: legacyRootRouteRef,
  }),
);

/**
 * The "Runtime stack" entity tab for legacy apps, inside an `EntityLayout`:
 * `<EntityLayout.Route path="/runtime-stack" title="Runtime stack"><EntityRuntimeStackContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const EntityRuntimeStackContent = runtimeStackLegacyPlugin.provide(
  createRoutableExtension({
    name: 'EntityRuntimeStackContent',
    component: () =>
      import('./components/EntityRuntimeStackContent').then(
        m => m.EntityRuntimeStackContent,
      ),
    mountPoint: legacyEntityContentRouteRef,
  }),
);

/**
 * The "Runtime stack" tab of Systems for legacy apps:
 * `<EntityLayout.Route path="/runtime-stack" title="Runtime stack"><SystemRuntimeStackContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const SystemRuntimeStackContent = runtimeStackLegacyPlugin.provide(
  createComponentExtension({
    name: 'SystemRuntimeStackContent',
    component: {
      lazy: () =>
        import('./components/SystemRuntimeStackContent').then(
          m => m.SystemRuntimeStackContent,
        ),
    },
  }),
);

/**
 * The "Runtime stack" tab of Groups for legacy apps:
 * `<EntityLayout.Route path="/runtime-stack" title="Runtime stack"><GroupRuntimeStackContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const GroupRuntimeStackContent = runtimeStackLegacyPlugin.provide(
  createComponentExtension({
    name: 'GroupRuntimeStackContent',
    component: {
      lazy: () =>
        import('./components/GroupRuntimeStackContent').then(
          m => m.GroupRuntimeStackContent,
        ),
    },
  }),
);

/**
 * The coverage card for a Component's Overview in legacy apps:
 * `<Grid item md={6}><EntityCoverageCard /></Grid>`.
 *
 * @public
 */
export const EntityCoverageCard = runtimeStackLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityCoverageCard',
    component: {
      lazy: () =>
        import('./components/EntityCoverageCard').then(
          m => m.LegacyEntityCoverageCard,
        ),
    },
  }),
);

/**
 * The scorecards page for legacy apps, for example
 * `<Route path="/runtime-stack-scorecards" element={<RuntimeStackScorecardsPage />} />`.
 *
 * @public
 */
export const RuntimeStackScorecardsPage = runtimeStackLegacyPlugin.provide(
  createRoutableExtension({
    name: 'RuntimeStackScorecardsPage',
    component: () =>
      import('./components/ScorecardsPage').then(m => m.ScorecardsPage),
    mountPoint: legacyScorecardsRouteRef,
  }),
);

/**
 * The template form's coverage preview for legacy apps, listed inside
 * `<ScaffolderFieldExtensions>` (`ui:field: RuntimeStackCoveragePreview`).
 *
 * @public
 */
export const RuntimeStackCoveragePreviewField =
  runtimeStackLegacyPlugin.provide(RuntimeStackCoveragePreviewFieldExtension);

/**
 * The template form's cluster picker for legacy apps, listed inside
 * `<ScaffolderFieldExtensions>` (`ui:field: RuntimeStackClusterPicker`).
 *
 * @public
 */
export const RuntimeStackClusterPickerField = runtimeStackLegacyPlugin.provide(
  RuntimeStackClusterPickerFieldExtension,
);

/**
 * For a legacy app's home page: the coverage of the signed-in user's teams,
 * for example as a card of `CustomHomepageGrid`:
 * `<RuntimeStackTeamsCoverageCard />`.
 *
 * @public
 */
export const RuntimeStackTeamsCoverageCard = runtimeStackLegacyPlugin.provide(
  createCardExtension({
    name: 'RuntimeStackTeamsCoverageCard',
    title: "Your teams' runtime coverage",
    description:
      'Coverage of the layer model by the services of your teams, with their most common gaps',
    components: () =>
      import('./components/TeamsCoverageWidget').then(m => ({
        Content: m.LegacyTeamsCoverageWidget,
      })),
  }),
);

/**
 * A search result of type `runtime-stack` for legacy apps, among the
 * children of `<SearchResult>`, which renders each result with the first
 * child whose predicate takes it:
 * `<RuntimeStackSearchResultListItem icon={<LayersIcon />} />`.
 *
 * @public
 */
export const RuntimeStackSearchResultListItem: (
  props: RuntimeStackSearchResultListItemProps,
) => JSX.Element | null = runtimeStackLegacyPlugin.provide(
  createSearchResultListItemExtension({
    name: 'RuntimeStackSearchResultListItem',
    component: () =>
      import('./components/RuntimeStackSearchResultListItem').then(
        m => m.RuntimeStackSearchResultListItem,
      ),
    predicate: result => result.type === 'runtime-stack',
  }),
);
