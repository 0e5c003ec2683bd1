import { defaultLayerModel } from './defaultLayerModel';
import { extendLayerModel } from './extendLayerModel';

const allCapabilities = (model: typeof defaultLayerModel) =>
  model.layers.flatMap(l => l.capabilities);

describe('extendLayerModel', () => {
  it('adds a capability to a layer and tools to an existing capability', () => {
    const extended = extendLayerModel(defaultLayerModel, {
      capabilities: [
        {
          layer: 5,
          id: 'feature-flags',
          title: 'Feature flags',
          description: 'Turns features on and off at run time',
          tools: [{ id: 'unleash', title: 'Unleash' }],
        },
      ],
      tools: {
        'service-proxy': [{ id: 'envoy-gateway', title: 'Envoy Gateway' }],
      },
    });

    const layer5 = extended.layers.find(l => l.id === 5)!;
    expect(layer5.capabilities.map(c => c.id)).toContain('feature-flags');
    const proxy = allCapabilities(extended).find(
      c => c.id === 'service-proxy',
    )!;
    expect(proxy.tools.map(t => t.id)).toContain('envoy-gateway');
  });

  it('leaves the base model untouched', () => {
    const before = JSON.stringify(defaultLayerModel);
    extendLayerModel(defaultLayerModel, {
      tools: {
        metrics: [{ id: 'victoria-metrics', title: 'VictoriaMetrics' }],
      },
    });
    expect(JSON.stringify(defaultLayerModel)).toBe(before);
  });

  it('refuses a layer that does not exist', () => {
    expect(() =>
      extendLayerModel(defaultLayerModel, {
        capabilities: [
          { layer: 9, id: 'x', title: 'X', description: 'x', tools: [] },
        ],
      }),
    ).toThrow(/layer 9 does not exist/);
  });

  it('refuses tools for an unknown capability', () => {
    expect(() =>
      extendLayerModel(defaultLayerModel, {
        tools: { 'no-such-thing': [{ id: 'x', title: 'X' }] },
      }),
    ).toThrow(/capability 'no-such-thing': no such capability/);
  });

  it('refuses a capability id that already exists', () => {
    expect(() =>
      extendLayerModel(defaultLayerModel, {
        capabilities: [
          {
            layer: 5,
            id: 'metrics',
            title: 'Metrics again',
            description: 'A twin',
            tools: [],
          },
        ],
      }),
    ).toThrow(/capability 'metrics' is already defined in layer 4/);
  });
});
