import {
  createBackendModule,
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  defaultLayerModel,
  extendLayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  LayerModelAdditions,
  runtimeStackLayerModelExtensionPoint,
} from './layerModelExtensionPoint';

describe('LayerModelAdditions', () => {
  it('collects capabilities and merges repeated tool additions in order', () => {
    const additions = new LayerModelAdditions();
    additions.addTools('metrics', [
      { id: 'victoria-metrics', title: 'VictoriaMetrics' },
    ]);
    additions.addCapability({
      layer: 5,
      id: 'feature-flags',
      title: 'Feature flags',
      description: 'Turns features on and off at run time',
      tools: [],
    });
    additions.addTools('metrics', [{ id: 'thanos', title: 'Thanos' }]);

    expect(additions.toExtension()).toEqual({
      capabilities: [
        expect.objectContaining({ id: 'feature-flags', layer: 5 }),
      ],
      tools: {
        metrics: [
          { id: 'victoria-metrics', title: 'VictoriaMetrics' },
          { id: 'thanos', title: 'Thanos' },
        ],
      },
    });
  });

  it.each(['constructor', '__proto__', 'toString'])(
    "keeps tools added to a capability named '%s', so the model reports it as unknown",
    capabilityId => {
      const additions = new LayerModelAdditions();
      const tools = [{ id: 'thanos', title: 'Thanos' }];
      additions.addTools(capabilityId, tools);
      additions.addTools(capabilityId, tools);

      const extension = additions.toExtension();
      expect(Object.entries(extension.tools!)).toEqual([
        [capabilityId, [...tools, ...tools]],
      ]);
      expect(() => extendLayerModel(defaultLayerModel, extension)).toThrow(
        `Cannot add tools to capability '${capabilityId}': no such capability`,
      );
    },
  );

  it('keeps copies of what a module adds, and refuses additions once the plugin read them', () => {
    const additions = new LayerModelAdditions();
    const tools = [{ id: 'thanos', title: 'Thanos' }];
    additions.addTools('metrics', tools);
    tools[0].title = 'Changed later';
    tools.push({ id: 'cortex', title: 'Cortex' });
    expect(additions.toExtension().tools!.metrics).toEqual([
      { id: 'thanos', title: 'Thanos' },
    ]);

    expect(() =>
      additions.addTools('metrics', [{ id: 'cortex', title: 'Cortex' }]),
    ).toThrow(
      "addTools was called after the runtime-stack plugin started and read its layer model additions; call it in the module's init",
    );
    expect(() =>
      additions.addCapability({
        layer: 5,
        id: 'late',
        title: 'Late',
        description: 'Too late',
        tools: [],
      }),
    ).toThrow(/^addCapability was called after/);
  });
});

describe('runtimeStackLayerModelExtensionPoint', () => {
  it('lets a module extend the model a plugin serves', async () => {
    let served: string[] = [];
    const plugin = createBackendPlugin({
      pluginId: 'runtime-stack',
      register(env) {
        const additions = new LayerModelAdditions();
        env.registerExtensionPoint(
          runtimeStackLayerModelExtensionPoint,
          additions,
        );
        env.registerInit({
          deps: { logger: coreServices.logger },
          async init() {
            const model = extendLayerModel(
              defaultLayerModel,
              additions.toExtension(),
            );
            served = model.layers[5].capabilities.map(c => c.id);
          },
        });
      },
    });
    const module = createBackendModule({
      pluginId: 'runtime-stack',
      moduleId: 'feature-flags',
      register(env) {
        env.registerInit({
          deps: { layers: runtimeStackLayerModelExtensionPoint },
          async init({ layers }) {
            layers.addCapability({
              layer: 5,
              id: 'feature-flags',
              title: 'Feature flags',
              description: 'Turns features on and off at run time',
              tools: [{ id: 'unleash', title: 'Unleash' }],
            });
          },
        });
      },
    });

    const backend = await startTestBackend({ features: [plugin, module] });
    expect(served).toContain('feature-flags');
    await backend.stop();
  });
});
