import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { RuntimeStackClient, runtimeStackApiRef } from './api';

const legacyRootRouteRef = createRouteRef({ id: 'runtime-stack' });

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
  routes: { root: legacyRootRouteRef },
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
  createComponentExtension({
    name: 'EntityRuntimeStackContent',
    component: {
      lazy: () =>
        import('./components/EntityRuntimeStackContent').then(
          m => m.EntityRuntimeStackContent,
        ),
    },
  }),
);
