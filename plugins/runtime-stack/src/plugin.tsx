import {
  coreApis,
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import AssessmentIcon from '@material-ui/icons/Assessment';
import LayersIcon from '@material-ui/icons/Layers';
import { RuntimeStackClient, runtimeStackApiRef } from './api';
import { OnlyAtRoot } from './components/shared/OnlyAtRoot';
import { coveragePreviewFieldExtension } from './components/CoveragePreviewField/extensions';
import { clusterPickerFieldExtension } from './components/ClusterPickerField/extensions';
import { RUNTIME_STACK_TAB_PATH } from './components/shared/routeLinks';
import { runtimeStackTranslationRef } from './translation';
import {
  entityContentRouteRef,
  layerModelRouteRef,
  scorecardsRouteRef,
} from './routes';

/** The runtime-stack API client, built on the app's discovery and fetch. */
export const runtimeStackApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: runtimeStackApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new RuntimeStackClient({ discoveryApi, fetchApi }),
    }),
});

/** The `/runtime-stack` page: the layer model with its capabilities and tools. */
export const runtimeStackPage = PageBlueprint.make({
  params: {
    path: '/runtime-stack',
    title: runtimeStackTranslationRef('layerModelPage.title'),
    icon: <LayersIcon />,
    routeRef: layerModelRouteRef,
    loader: () =>
      import('./components/LayerModelPage').then(m => (
        <OnlyAtRoot page={<m.LayerModelPluginPage />} />
      )),
  },
});

/**
 * `/runtime-stack-scorecards`: coverage across teams, layers and services, and
 * its trend.
 */
export const scorecardsPage = PageBlueprint.make({
  name: 'scorecards',
  params: {
    path: '/runtime-stack-scorecards',
    title: runtimeStackTranslationRef('scorecardsPage.title'),
    icon: <AssessmentIcon />,
    routeRef: scorecardsRouteRef,
    loader: () =>
      import('./components/ScorecardsPage').then(m => (
        <OnlyAtRoot page={<m.ScorecardsPluginPage />} />
      )),
  },
});

/**
 * The "Runtime stack" tab of Components: layer coverage with owners, clusters
 * and workloads, images and drift, observability.
 */
export const entityRuntimeStackContent = EntityContentBlueprint.make({
  name: 'runtime-stack',
  params: {
    path: `/${RUNTIME_STACK_TAB_PATH}`,
    title: runtimeStackTranslationRef('entityContent.title'),
    routeRef: entityContentRouteRef,
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityRuntimeStackContent').then(m => (
        <m.EntityRuntimeStackContent />
      )),
  },
});

/**
 * The "Runtime stack" tab of Systems: its components' coverage added up.
 */
export const systemRuntimeStackContent = EntityContentBlueprint.make({
  name: 'system-runtime-stack',
  params: {
    path: `/${RUNTIME_STACK_TAB_PATH}`,
    title: runtimeStackTranslationRef('entityContent.title'),
    filter: { kind: 'system' },
    loader: () =>
      import('./components/SystemRuntimeStackContent').then(m => (
        <m.SystemRuntimeStackContent />
      )),
  },
});

/**
 * The "Runtime stack" tab of Groups: the coverage of the services the group
 * and the groups below it own, their gaps, expiring exemptions and trend.
 */
export const groupRuntimeStackContent = EntityContentBlueprint.make({
  name: 'group-runtime-stack',
  params: {
    path: `/${RUNTIME_STACK_TAB_PATH}`,
    title: runtimeStackTranslationRef('entityContent.title'),
    filter: { kind: 'group' },
    loader: () =>
      import('./components/GroupRuntimeStackContent').then(m => (
        <m.GroupRuntimeStackContent />
      )),
  },
});

/** A Component's coverage on its Overview tab: overall, per layer, top gaps. */
export const entityCoverageCard = EntityCardBlueprint.make({
  name: 'coverage',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityCoverageCard').then(m => (
        <m.EntityCoverageCard />
      )),
  },
});

/**
 * For the home page: the coverage of the signed-in user's teams, their most
 * common gaps and expiring exemptions.
 */
export const teamsCoverageHomeWidget = HomePageWidgetBlueprint.make({
  name: 'teams-coverage',
  params: {
    name: 'RuntimeStackTeamsCoverage',
    title: "Your teams' runtime coverage",
    description:
      'Coverage of the layer model by the services of your teams, with their most common gaps',
    components: () =>
      import('./components/TeamsCoverageWidget').then(m => ({
        Content: m.TeamsCoverageWidget,
      })),
  },
});

/** Search results of type `runtime-stack`: a service's coverage and tools. */
export const runtimeStackSearchResultListItem =
  SearchResultListItemBlueprint.make({
    params: {
      icon: <LayersIcon />,
      predicate: result => result.type === 'runtime-stack',
      component: () =>
        import('./components/RuntimeStackSearchResultListItem').then(
          m => m.RuntimeStackSearchResultListItem,
        ),
    },
  });

/** "Runtime stack" among the result types the search page filters by. */
export const runtimeStackSearchResultType =
  SearchFilterResultTypeBlueprint.make({
    params: {
      value: 'runtime-stack',
      name: 'Runtime stack',
      icon: <LayersIcon />,
    },
  });

/**
 * The Runtime Stack frontend plugin for the new frontend system.
 *
 * @public
 */
export const runtimeStackPlugin = createFrontendPlugin({
  pluginId: 'runtime-stack',
  title: 'Runtime Stack',
  icon: <LayersIcon />,
  extensions: [
    runtimeStackApi,
    runtimeStackPage,
    scorecardsPage,
    entityRuntimeStackContent,
    systemRuntimeStackContent,
    groupRuntimeStackContent,
    entityCoverageCard,
    coveragePreviewFieldExtension,
    clusterPickerFieldExtension,
    teamsCoverageHomeWidget,
    runtimeStackSearchResultListItem,
    runtimeStackSearchResultType,
  ],
  // No `root`: the page layout would link every page's title to it.
  routes: {
    layerModel: layerModelRouteRef,
    scorecards: scorecardsRouteRef,
    entityContent: entityContentRouteRef,
  },
});
