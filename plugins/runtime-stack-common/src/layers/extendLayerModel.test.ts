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

  it('retitles a capability, marks it optional and renames a layer', () => {
    const before = JSON.stringify(defaultLayerModel);
    const extended = extendLayerModel(defaultLayerModel, {
      overrides: {
        'service-mesh': { title: 'Mesh', optional: true },
        metrics: { description: 'Scraped by the shared Prometheus' },
      },
      layerTitles: { 6: 'Workloads' },
    });

    const mesh = allCapabilities(extended).find(c => c.id === 'service-mesh')!;
    expect(mesh).toMatchObject({ title: 'Mesh', optional: true });
    const metrics = allCapabilities(extended).find(c => c.id === 'metrics')!;
    const defaultMetrics = allCapabilities(defaultLayerModel).find(
      c => c.id === 'metrics',
    )!;
    expect(metrics).toMatchObject({
      title: defaultMetrics.title,
      description: 'Scraped by the shared Prometheus',
    });
    expect(extended.layers[6].title).toBe('Workloads');
    expect(extended.layers[5].title).toBe(defaultLayerModel.layers[5].title);
    expect(JSON.stringify(defaultLayerModel)).toBe(before);
  });

  it('can make an optional capability required again', () => {
    const optional = extendLayerModel(defaultLayerModel, {
      overrides: { tracing: { optional: true } },
    });
    const required = extendLayerModel(optional, {
      overrides: { tracing: { optional: false } },
    });
    expect(
      allCapabilities(required).find(c => c.id === 'tracing')!.optional,
    ).toBe(false);
  });

  it('overrides a capability the same extension adds', () => {
    const extended = extendLayerModel(defaultLayerModel, {
      capabilities: [
        {
          layer: 5,
          id: 'feature-flags',
          title: 'Feature flags',
          description: 'Turns features on and off at run time',
          tools: [],
        },
      ],
      overrides: { 'feature-flags': { optional: true } },
    });
    expect(
      allCapabilities(extended).find(c => c.id === 'feature-flags')!.optional,
    ).toBe(true);
  });

  it('names every unknown capability in overrides', () => {
    expect(() =>
      extendLayerModel(defaultLayerModel, {
        overrides: {
          metrics: { optional: true },
          teleportation: { title: 'Beam me up' },
          'mind-reading': { optional: true },
        },
      }),
    ).toThrow(
      "Cannot override 'teleportation', 'mind-reading': no such capability",
    );
  });

  it('keeps what an added tool runs', () => {
    const extended = extendLayerModel(defaultLayerModel, {
      tools: {
        metrics: [
          {
            id: 'victoria-metrics-operator',
            title: 'VictoriaMetrics Operator',
            runs: ['victoria-metrics'],
          },
          { id: 'victoria-metrics', title: 'VictoriaMetrics' },
        ],
      },
    });
    const metrics = allCapabilities(extended).find(c => c.id === 'metrics')!;
    expect(metrics.tools).toContainEqual({
      id: 'victoria-metrics-operator',
      title: 'VictoriaMetrics Operator',
      runs: ['victoria-metrics'],
    });
  });

  it('refuses an added tool that runs a tool the capability does not list', () => {
    expect(() =>
      extendLayerModel(defaultLayerModel, {
        tools: {
          metrics: [{ id: 'thanos', title: 'Thanos', runs: ['cortex'] }],
        },
      }),
    ).toThrow(
      /layers\.4\.capabilities\.\d+\.tools\.\d+\.runs\.0: tool 'thanos' runs 'cortex', which is not a tool of 'metrics'/,
    );
  });

  it('overrides what an existing tool runs in one capability only', () => {
    const before = JSON.stringify(defaultLayerModel);
    const extended = extendLayerModel(defaultLayerModel, {
      overrides: {
        'service-mesh': {
          tools: { 'consul-connect': { runs: ['envoy'] }, istio: { runs: [] } },
        },
      },
    });
    const toolOf = (model: typeof defaultLayerModel, cap: string, id: string) =>
      allCapabilities(model)
        .find(c => c.id === cap)!
        .tools.find(t => t.id === id)!;
    expect(toolOf(extended, 'service-mesh', 'consul-connect').runs).toEqual([
      'envoy',
    ]);
    expect(toolOf(extended, 'service-mesh', 'istio').runs).toEqual([]);
    // Istio is one shared tool in the default model; its ingress side keeps
    // its relation, and the base model is untouched.
    expect(toolOf(extended, 'service-proxy', 'istio').runs).toEqual(['envoy']);
    expect(toolOf(defaultLayerModel, 'service-mesh', 'istio').runs).toEqual([
      'envoy',
    ]);
    expect(JSON.stringify(defaultLayerModel)).toBe(before);
  });

  it('names every unknown tool in a tool override', () => {
    expect(() =>
      extendLayerModel(defaultLayerModel, {
        overrides: {
          metrics: {
            tools: {
              prometheus: { runs: [] },
              thanos: { runs: ['prometheus'] },
              cortex: {},
            },
          },
        },
      }),
    ).toThrow(
      "Cannot override tool 'thanos', 'cortex' of capability 'metrics': no such tool (tools are prometheus, opentelemetry, prometheus-operator)",
    );
  });

  it('validates what an override makes a tool run', () => {
    expect(() =>
      extendLayerModel(defaultLayerModel, {
        overrides: {
          metrics: { tools: { prometheus: { runs: ['prometheus'] } } },
        },
      }),
    ).toThrow(/tool 'prometheus' cannot run itself/);
  });

  it('names an unknown layer in layerTitles', () => {
    expect(() =>
      extendLayerModel(defaultLayerModel, { layerTitles: { 9: 'Nine' } }),
    ).toThrow(/Cannot rename layer '9': no such layer \(layers are 0, 1, 2/);
  });

  it('rejects an empty title through validation, naming the field', () => {
    expect(() =>
      extendLayerModel(defaultLayerModel, {
        overrides: { metrics: { title: '' } },
        layerTitles: { 2: '' },
      }),
    ).toThrow(/layers\.2\.title.*layers\.4\.capabilities\.\d+\.title/);
  });
});
