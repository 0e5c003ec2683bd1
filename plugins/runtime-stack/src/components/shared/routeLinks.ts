import {
  type AnyParams,
  type RouteFunc,
  type RouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';

/**
 * A legacy app's path to a route, or undefined where the app mounts none:
 * the legacy resolver throws for a route it cannot find.
 */
export function useOptionalLegacyRouteRef<Params extends AnyParams>(
  routeRef: RouteRef<Params>,
): RouteFunc<Params> | undefined {
  try {
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}

/**
 * The path of the "Runtime stack" tabs below an entity's page. Links from
 * outside the entity page, or in a legacy app whose routes do not say where
 * the tab is, assume it.
 */
export const RUNTIME_STACK_TAB_PATH = 'runtime-stack';

/**
 * Where the plugin mounts the scorecards page unless the app moves it, as
 * the README documents: for a link from a view whose app binds no route to
 * the scorecards.
 */
export const SCORECARDS_DEFAULT_PATH = '/runtime-stack-scorecards';
