import {
  defaultLayerModel,
  defaultRequirementProfiles,
  type CoverageTrend,
  type EffectiveOwnership,
  type EntityClusters,
  type EntityImages,
  type EntityObservability,
  type Exemption,
  type RequirementProfileSettings,
  type TrendSubject,
} from '@internal/backstage-plugin-runtime-stack-common';
import { http, HttpResponse } from 'msw';
import { baseUrl } from './runtimeStackClient';

/*
 * What the panels a test is not about ask the backend for, answered as the
 * backend answers an installation with the built-in config and nothing
 * recorded or collected yet. Register them first (in a beforeEach): a
 * test's own handlers, registered later, take precedence.
 */

const entityPath = `${baseUrl}/entities/:kind/:namespace/:name`;

type EntityParams = { kind: string; namespace: string; name: string };

const entityRefOf = ({ kind, namespace, name }: EntityParams) =>
  `${kind}:${namespace}/${name}`;

/** `GET /layers`: the built-in layer model. */
export const layerModelHandler = () =>
  http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel));

/** `GET /profiles`: the built-in requirement profiles. */
export const requirementProfilesHandler = () =>
  http.get(`${baseUrl}/profiles`, () =>
    HttpResponse.json<RequirementProfileSettings>({
      profiles: defaultRequirementProfiles,
    }),
  );

/**
 * `GET /entities/:kind/:namespace/:name/ownership`: every capability of the
 * model, owned by no one (no record, annotation or organisation default).
 */
export const noOwnersHandler = () =>
  http.get<EntityParams>(`${entityPath}/ownership`, ({ params }) =>
    HttpResponse.json<EffectiveOwnership>({
      entityRef: entityRefOf(params),
      scopes: [],
      capabilities: defaultLayerModel.layers.flatMap(layer =>
        layer.capabilities.map(capability => ({
          layer: layer.id,
          capability: capability.id,
          owners: [],
        })),
      ),
    }),
  );

/** `GET /exemptions`: none granted. */
export const noExemptionsHandler = () =>
  http.get(`${baseUrl}/exemptions`, () =>
    HttpResponse.json<{ items: Exemption[]; totalCount: number }>({
      items: [],
      totalCount: 0,
    }),
  );

/** The subject of a trend as `GET /scorecards/trend` names it in its query. */
function trendSubjectOf(query: URLSearchParams): TrendSubject {
  const kind = query.get('subject');
  const ref = query.get('ref') ?? '';
  if (kind === 'layer') return { kind, layer: Number(query.get('layer')) };
  if (kind === 'team' || kind === 'service' || kind === 'system') {
    return { kind, ref };
  }
  return { kind: 'estate' };
}

/** `GET /scorecards/trend`: no day recorded yet, for the subject asked. */
export const emptyTrendHandler = () =>
  http.get(`${baseUrl}/scorecards/trend`, ({ request }) =>
    HttpResponse.json<CoverageTrend>({
      subject: trendSubjectOf(new URL(request.url).searchParams),
      layers: [],
      points: [],
    }),
  );

/**
 * `GET /entities/:kind/:namespace/:name/{clusters,images,observability}`:
 * a service that runs nowhere yet, declares no image and has no alert,
 * rule, target or dashboard.
 */
export const nothingCollectedHandlers = () => [
  http.get<EntityParams>(`${entityPath}/clusters`, ({ params }) =>
    HttpResponse.json<EntityClusters>({
      entityRef: entityRefOf(params),
      selector: { labelSelector: `backstage.io/kubernetes-id=${params.name}` },
      clusters: [],
      unavailable: [],
    }),
  ),
  http.get<EntityParams>(`${entityPath}/images`, ({ params }) =>
    HttpResponse.json<EntityImages>({
      entityRef: entityRefOf(params),
      images: [],
    }),
  ),
  http.get<EntityParams>(`${entityPath}/observability`, ({ params }) =>
    HttpResponse.json<EntityObservability>({
      entityRef: entityRefOf(params),
      matchedBy: { labels: {} },
      alerts: [],
      rules: [],
      grafanaAlerts: [],
      targets: [],
      dashboards: [],
      links: [],
      evidence: [],
      errors: [],
    }),
  ),
];
