import {
  coreServices,
  createServiceFactory,
  type ServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  type PermissionEvaluator,
} from '@backstage/plugin-permission-common';
import searchPlugin from '@backstage/plugin-search-backend';
// The test runs the plugin whose stored coverage this module reads over HTTP.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import runtimeStackPlugin from '@internal/backstage-plugin-runtime-stack-backend';
import {
  startTestBackendClosingDatabases,
  triggerableScheduler,
} from '@internal/backend-test-kit';
import request from 'supertest';
import { searchModuleRuntimeStack } from './module';

jest.setTimeout(60_000);

const component = (name: string, tools: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    ...(title ? { title } : {}),
    annotations: { 'runtime-stack.io/tools': tools },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
});

const entities = [
  component(
    'payments-api',
    'service-mesh=linkerd,gitops=argo-cd',
    'Payments API',
  ),
  component('payments-ledger', 'gitops=flux'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
    spec: { type: 'team', children: [] },
  },
];

const catalogRead = 'catalog.entity.read';

/**
 * Allows everything but reading the entities named in `hidden`: a policy
 * with a condition on catalog reads, which search then checks document by
 * document.
 */
function permissionsHiding(hidden: Set<string>): ServiceFactory {
  type Query = { permission: { name: string }; resourceRef?: string };
  const evaluator: PermissionEvaluator = {
    async authorize(queries: Query[]) {
      return queries.map(query => ({
        result:
          query.permission.name === catalogRead &&
          hidden.has(query.resourceRef ?? '')
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })) as any;
    },
    async authorizeConditional(queries: Query[]) {
      return queries.map(query =>
        query.permission.name === catalogRead && hidden.size > 0
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: {
                rule: 'IS_NOT_HIDDEN',
                resourceType: 'catalog-entity',
                params: {},
              },
            }
          : { result: AuthorizeResult.ALLOW },
      ) as any;
    },
  };
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => evaluator as any,
  });
}

async function startPortal(hidden = new Set<string>()) {
  const scheduler = triggerableScheduler();
  const backend = await startTestBackendClosingDatabases({
    databasePlugins: ['runtime-stack'],
    features: [
      runtimeStackPlugin,
      searchPlugin,
      searchModuleRuntimeStack,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogServiceMock.factory({ entities }),
      // Search filters by permission only with the framework enabled.
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true } },
      }),
      permissionsHiding(hidden),
    ],
  });
  await scheduler.triggerTask('runtime-stack:evaluate-coverage');
  await scheduler.triggerTask('search_index_runtime_stack');
  const search = (term: string) =>
    request(backend.server)
      .get('/api/search/query')
      .query({ term, types: ['runtime-stack'] })
      .set('Authorization', mockCredentials.user.header());
  return { backend, search };
}

describe('search module runtime-stack', () => {
  it('indexes each evaluated service, found by the tools it runs with', async () => {
    const { backend, search } = await startPortal();
    try {
      const linkerd = await search('linkerd');
      expect(linkerd.status).toBe(200);
      expect(linkerd.body.results).toHaveLength(1);
      expect(linkerd.body.results[0]).toMatchObject({
        type: 'runtime-stack',
        document: {
          title: 'Payments API · runtime stack',
          location: '/catalog/default/component/payments-api/runtime-stack',
          entityRef: 'component:default/payments-api',
          owner: 'group:default/payments',
          tools: expect.arrayContaining(['Linkerd', 'Argo CD']),
        },
      });
      // Only declared, not seen on a cluster: named, not said to run.
      const { document } = linkerd.body.results[0];
      expect(document.text).toMatch(
        /Named, not confirmed: .*Linkerd \(Service mesh\)/,
      );
      expect(document.text).not.toMatch(/Runs with/);
      // In the words of the portal's pages; the fields keep the ids.
      expect(document.text).toMatch(
        /^\d+% of \d+ required capabilities covered under the Tier 1 \(production-critical\) profile\./,
      );
      expect(document.text).toMatch(/ Owned by Payments\.$/);
      expect(document.profile).toBe('tier-1');
      expect(document.confirmedTools).toEqual([]);

      const flux = await search('flux');
      expect(flux.body.results.map((r: any) => r.document.entityRef)).toEqual([
        'component:default/payments-ledger',
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('leaves out the services the searcher may not see in the catalog', async () => {
    const { backend, search } = await startPortal(
      new Set(['component:default/payments-api']),
    );
    try {
      const gitops = await search('gitops');
      expect(gitops.body.results.map((r: any) => r.document.entityRef)).toEqual(
        ['component:default/payments-ledger'],
      );
    } finally {
      await backend.stop();
    }
  });
});
