import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
// The test runs the plugin whose layer model this module reads over HTTP.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import runtimeStackPlugin from '@internal/backstage-plugin-runtime-stack-backend';
import { runtimeStackLayerModelExtensionPoint } from '@internal/backstage-plugin-runtime-stack-node';
import {
  catalogProcessingExtensionPoint,
  processingResult,
} from '@backstage/plugin-catalog-node';
import path from 'node:path';
import request from 'supertest';
import { catalogModuleRuntimeStack } from './module';
import { startTestBackendClosingDatabases } from '@internal/backend-test-kit';

const fixture = path.resolve(__dirname, '__fixtures__', 'estate.yaml');

// Emits a processing error for one entity, the way a processor would report
// a problem through `processingResult.inputError`, and counts its passes.
function inputErrorProbe(passes: { count: number }) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'input-error-probe',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addProcessor({
            getProcessorName: () => 'InputErrorProbe',
            async postProcessEntity(entity, location, emit) {
              if (entity.metadata.name === 'probe-input-error') {
                passes.count += 1;
                emit(processingResult.inputError(location, 'probe problem'));
              }
              return entity;
            },
          });
        },
      });
    },
  });
}

// Adds a capability to the runtime-stack plugin, where the catalog cannot see it.
const chaosCapabilityModule = createBackendModule({
  pluginId: 'runtime-stack',
  moduleId: 'chaos-engineering',
  register(reg) {
    reg.registerInit({
      deps: { layers: runtimeStackLayerModelExtensionPoint },
      async init({ layers }) {
        layers.addCapability({
          layer: 5,
          id: 'chaos-engineering',
          title: 'Chaos engineering',
          description: 'Injects failures to prove the service survives them',
          tools: [{ id: 'litmus', title: 'LitmusChaos' }],
        });
      },
    });
  },
});

const estateConfig = {
  catalog: {
    processingInterval: { seconds: 1 },
    locations: [{ type: 'file', target: fixture }],
    rules: [{ allow: ['Component', 'System'] }],
  },
};

async function eventually<T>(
  attempt: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) {
      return result;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

describe('catalogModuleRuntimeStack', () => {
  it('keeps an entity with a bad annotation in the catalog and shows the problem on it', async () => {
    const probePasses = { count: 0 };
    const backend = await startTestBackendClosingDatabases({
      lingeringDatabasePlugins: ['catalog'],
      features: [
        catalogPlugin,
        catalogModuleRuntimeStack,
        inputErrorProbe(probePasses),
        mockServices.rootConfig.factory({
          data: {
            ...estateConfig,
            runtimeStack: {
              layerModel: {
                tools: {
                  'service-mesh': [
                    { id: 'cilium-service-mesh', title: 'Cilium Service Mesh' },
                  ],
                },
              },
            },
          },
        }),
      ],
    });

    const getComponent = (name: string) =>
      request(backend.server)
        .get(`/api/catalog/entities/by-name/component/default/${name}`)
        .set('Authorization', mockCredentials.user.header());
    const served = async (name: string) => {
      const res = await getComponent(name);
      return res.status === 200 ? (res.body as AlphaEntity) : undefined;
    };

    const ledger = await eventually(() => served('ledger'), 'ledger');
    expect(ledger.metadata.annotations).toMatchObject({
      'runtime-stack.io/tools': 'gitops=argo-cd,service-mesh=linkerd2x',
    });
    expect(ledger.relations).toContainEqual({
      type: 'partOf',
      targetRef: 'system:default/shop',
    });
    expect(ledger.status?.items).toEqual([
      {
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message: expect.stringContaining(
          "InputError: runtime-stack.io/tools: unknown tool 'linkerd2x' for capability 'service-mesh'",
        ),
        error: {
          name: 'InputError',
          message: expect.stringContaining("unknown tool 'linkerd2x'"),
        },
      },
    ]);

    // The tool app-config adds is known, so this one is clean.
    const cart = await eventually(() => served('cart'), 'cart');
    expect(cart.status).toBeUndefined();

    // Without the runtime-stack backend, only the configured model is known.
    const chaos = await eventually(() => served('chaos-monkey'), 'chaos');
    expect(chaos.status?.items?.map(i => i.message)).toEqual([
      expect.stringContaining("unknown capability 'chaos-engineering'"),
    ]);

    const shop = await request(backend.server)
      .get('/api/catalog/entities/by-name/system/default/shop')
      .set('Authorization', mockCredentials.user.header());
    expect(shop.status).toBe(200);
    expect(shop.body.status).toBeUndefined();

    // What this module avoids: once the catalog has stored the result of a
    // pass that emitted an error (the second pass starts after the first has
    // been written), the new entity is still not served at all.
    await eventually(
      async () => (probePasses.count >= 2 ? true : undefined),
      'a second pass of the probe',
    );
    expect((await getComponent('probe-input-error')).status).toBe(404);

    await backend.stop();
  });

  it('knows the capabilities that runtime-stack backend modules add', async () => {
    const backend = await startTestBackendClosingDatabases({
      databasePlugins: ['runtime-stack'],
      lingeringDatabasePlugins: ['catalog'],
      features: [
        catalogPlugin,
        catalogModuleRuntimeStack,
        runtimeStackPlugin,
        chaosCapabilityModule,
        mockServices.rootConfig.factory({ data: estateConfig }),
      ],
    });
    const served = async (name: string) => {
      const res = await request(backend.server)
        .get(`/api/catalog/entities/by-name/component/default/${name}`)
        .set('Authorization', mockCredentials.user.header());
      return res.status === 200 ? (res.body as AlphaEntity) : undefined;
    };

    const chaos = await eventually(() => served('chaos-monkey'), 'chaos');
    expect(chaos.metadata.annotations).toMatchObject({
      'runtime-stack.io/tools': 'chaos-engineering=litmus',
    });
    expect(chaos.status).toBeUndefined();
    // The served model still finds typos.
    const ledger = await eventually(() => served('ledger'), 'ledger');
    expect(ledger.status?.items?.map(i => i.message)).toEqual([
      expect.stringContaining("unknown tool 'linkerd2x'"),
    ]);

    await backend.stop();
  });

  it('refuses to start on a layer model config that names an unknown capability', async () => {
    await expect(
      startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleRuntimeStack,
          mockServices.rootConfig.factory({
            data: {
              runtimeStack: {
                layerModel: {
                  overrides: { teleportation: { optional: true } },
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      /runtimeStack\.layerModel in app-config does not fit the layer model: Cannot override 'teleportation'/,
    );
  });
});
