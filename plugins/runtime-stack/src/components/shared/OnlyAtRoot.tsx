import {
  coreApis,
  NotFoundErrorPage,
  useApi,
  useAppLocation,
  useAppNode,
} from '@backstage/frontend-plugin-api';
import type { ReactElement } from 'react';

const withoutTrailingSlash = (path: string) => path.replace(/\/+$/, '');

/**
 * A page that has no pages below it: the app mounts a page on its path and
 * everything under it, so `/runtime-stack/typo` would show the page itself;
 * it gets the app's "not found" page instead. The page's mount comes from
 * the app's route resolution, as the frontend system routes without React
 * Router since Backstage 1.57.
 */
export const OnlyAtRoot = ({ page }: { page: ReactElement }) => {
  const node = useAppNode();
  const { pathname } = useAppLocation();
  const routeResolution = useApi(coreApis.routeResolution);
  const mount = routeResolution.resolvePath({ pathname, node }).matches.at(-1);
  const atRoot =
    !mount ||
    withoutTrailingSlash(pathname) === withoutTrailingSlash(mount.basePath);
  return atRoot ? page : <NotFoundErrorPage />;
};
