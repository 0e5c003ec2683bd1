import {
  BreadcrumbEntry,
  coreApis,
  PageLayout,
  type PageLayoutProps,
  useApi,
  useAppLocation,
  useAppNode,
  useBreadcrumbEntries,
} from '@backstage/frontend-plugin-api';
import { SwappableComponentBlueprint } from '@backstage/plugin-app-react';
import { PluginHeader } from '@backstage/ui';
import {
  type ReactNode,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';

/**
 * The main landmark for a page that has none of its own. Backstage's pages
 * differ: a legacy `Page` and the entity page render `<main>`, most pages of
 * the new frontend system (search, settings, the scaffolder, notifications)
 * don't. Pages load lazily, so whether this one has its own is known only
 * once its content is in the DOM; the role, not the element, changes, so
 * nothing below remounts.
 */
const MainUnlessThePageHasOne = ({ children }: { children: ReactNode }) => {
  const ref = useRef<HTMLDivElement>(null);
  const [pageHasMain, setPageHasMain] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const check = () =>
      setPageHasMain(element.querySelector('main, [role="main"]') !== null);
    check();
    const observer = new MutationObserver(check);
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} role={pageHasMain ? undefined : 'main'}>
      {children}
    </div>
  );
};

/**
 * Where the page that renders this layout is mounted, without a trailing
 * slash ('' at the root), as the default layout finds it: the app's routing,
 * not React Router, knows the page's mount since Backstage 1.57.
 */
function usePageMountPath(): string {
  const node = useAppNode();
  const { pathname } = useAppLocation();
  const routeResolution = useApi(coreApis.routeResolution);
  const mount = routeResolution.resolvePath({ pathname, node }).matches.at(-1);
  return (mount?.basePath ?? '').replace(/\/$/, '');
}

/**
 * Backstage's default page layout with landmarks: its plugin header inside a
 * `<header>` and the page in a main landmark. The default renders the header
 * in plain `<div>`s and most pages without `<main>`, so screen reader users
 * can't jump to either and axe reports content outside every landmark.
 * Sitting beside the main landmark, not inside it, the `<header>` is the
 * page's banner. Tabs, breadcrumbs and actions are the default's.
 */
export const LandmarkPageLayout = (props: PageLayoutProps) => {
  const { title, icon, noHeader, titleLink, headerActions, tabs, children } =
    props;
  const parentPath = usePageMountPath();
  const resolvedTabs = useMemo(
    () =>
      tabs?.map(tab => ({
        ...tab,
        href: tab.href.startsWith('/')
          ? tab.href
          : `${parentPath}/${tab.href}`.replace(/\/{2,}/g, '/'),
        matchStrategy: 'prefix' as const,
      })),
    [tabs, parentPath],
  );
  const { items: breadcrumbs } = useBreadcrumbEntries();
  if (noHeader) {
    return <MainUnlessThePageHasOne>{children}</MainUnlessThePageHasOne>;
  }

  const content = (
    <>
      <header>
        <PluginHeader
          title={title}
          icon={icon}
          titleLink={titleLink}
          breadcrumbs={breadcrumbs}
          tabs={resolvedTabs}
          customActions={headerActions}
        />
      </header>
      <MainUnlessThePageHasOne>{children}</MainUnlessThePageHasOne>
    </>
  );
  if (!title) return content;
  return (
    <BreadcrumbEntry
      entry={{ label: title, href: titleLink ?? (parentPath || '/') }}
    >
      {content}
    </BreadcrumbEntry>
  );
};

/** Replaces the app plugin's `component:app/core-page-layout`. */
export const landmarkPageLayout = SwappableComponentBlueprint.make({
  name: 'core-page-layout',
  params: define =>
    define({ component: PageLayout, loader: () => LandmarkPageLayout }),
});
