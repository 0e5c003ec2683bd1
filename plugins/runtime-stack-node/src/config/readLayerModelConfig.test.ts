import { ConfigReader, JsonValue } from '@backstage/config';
import {
  defaultLayerModel,
  extendLayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import { readLayerModelExtensionFromConfig } from './readLayerModelConfig';

const read = (layerModel: JsonValue) =>
  readLayerModelExtensionFromConfig(
    new ConfigReader({ runtimeStack: { layerModel } }),
  );

const featureFlags = {
  layer: 5,
  id: 'feature-flags',
  title: 'Feature flags',
  description: 'Turns features on and off at run time',
};

describe('readLayerModelExtensionFromConfig', () => {
  it('reads nothing when the key is absent', () => {
    expect(readLayerModelExtensionFromConfig(new ConfigReader({}))).toEqual({});
  });

  it('reads capabilities, tools, overrides and layer titles', () => {
    const extension = read({
      capabilities: [
        {
          ...featureFlags,
          group: 'delivery',
          optional: true,
          providedByCluster: false,
          tools: [
            { id: 'unleash', title: 'Unleash', url: 'https://getunleash.io/' },
          ],
        },
      ],
      tools: {
        metrics: [{ id: 'victoria-metrics', title: 'VictoriaMetrics' }],
      },
      overrides: {
        'service-mesh': { title: 'Mesh', optional: false },
        tracing: { description: 'Sampled at 1%' },
        'runtime-security': { providedByCluster: true },
      },
      layerTitles: { 6: 'Workloads' },
    });

    expect(extension).toEqual({
      capabilities: [
        {
          ...featureFlags,
          group: 'delivery',
          optional: true,
          providedByCluster: false,
          tools: [
            { id: 'unleash', title: 'Unleash', url: 'https://getunleash.io/' },
          ],
        },
      ],
      tools: {
        metrics: [{ id: 'victoria-metrics', title: 'VictoriaMetrics' }],
      },
      overrides: {
        'service-mesh': { title: 'Mesh', optional: false },
        tracing: { description: 'Sampled at 1%' },
        'runtime-security': { providedByCluster: true },
      },
      layerTitles: { 6: 'Workloads' },
    });

    const model = extendLayerModel(defaultLayerModel, extension);
    expect(model.layers[6].title).toBe('Workloads');
    expect(model.layers[5].capabilities.map(c => c.id)).toContain(
      'feature-flags',
    );
    expect(
      model.layers[4].capabilities.find(c => c.id === 'runtime-security'),
    ).toMatchObject({ providedByCluster: true });
  });

  it('reads which tools a tool runs, added or overridden, and the model keeps it', () => {
    const extension = read({
      capabilities: [
        {
          ...featureFlags,
          tools: [
            { id: 'unleash-edge', title: 'Unleash Edge', runs: ['unleash'] },
            { id: 'unleash', title: 'Unleash' },
          ],
        },
      ],
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
      overrides: {
        'service-mesh': {
          tools: { 'consul-connect': { runs: ['envoy'] }, istio: { runs: [] } },
        },
        metrics: { tools: { prometheus: {} } },
      },
    });

    expect(extension.capabilities![0].tools[0]).toEqual({
      id: 'unleash-edge',
      title: 'Unleash Edge',
      runs: ['unleash'],
    });
    expect(extension.tools!.metrics[0].runs).toEqual(['victoria-metrics']);
    expect(extension.overrides).toEqual({
      'service-mesh': {
        tools: { 'consul-connect': { runs: ['envoy'] }, istio: { runs: [] } },
      },
      metrics: { tools: { prometheus: {} } },
    });

    const model = extendLayerModel(defaultLayerModel, extension);
    const tool = (capability: string, id: string) =>
      model.layers
        .flatMap(l => l.capabilities)
        .find(c => c.id === capability)!
        .tools.find(t => t.id === id)!;
    expect(tool('metrics', 'victoria-metrics-operator').runs).toEqual([
      'victoria-metrics',
    ]);
    expect(tool('service-mesh', 'consul-connect').runs).toEqual(['envoy']);
    expect(tool('service-mesh', 'istio').runs).toEqual([]);
    expect(tool('metrics', 'prometheus-operator').runs).toEqual(['prometheus']);
  });

  it('leaves it to the model to check that runs names a tool of the capability', () => {
    const extension = read({
      tools: { metrics: [{ id: 'thanos', title: 'Thanos', runs: ['cortex'] }] },
    });
    expect(() => extendLayerModel(defaultLayerModel, extension)).toThrow(
      /tool 'thanos' runs 'cortex', which is not a tool of 'metrics'/,
    );
  });

  it('defaults the tools of a new capability to none', () => {
    expect(read({ capabilities: [featureFlags] }).capabilities).toEqual([
      { ...featureFlags, tools: [] },
    ]);
  });

  it('takes values as app-config delivers them from environment variables', () => {
    expect(
      read({
        capabilities: [{ ...featureFlags, layer: '5', optional: 'true' }],
      }).capabilities,
    ).toEqual([{ ...featureFlags, optional: true, tools: [] }]);
  });

  it.each([
    [
      'a missing capability id',
      { capabilities: [{ ...featureFlags, id: undefined }] },
      "Missing required config value at 'runtimeStack.layerModel.capabilities[0].id'",
    ],
    [
      'a capability id that is not kebab-case',
      {
        capabilities: [featureFlags, { ...featureFlags, id: 'Feature Flags' }],
      },
      "Invalid config at 'runtimeStack.layerModel.capabilities[1].id': 'Feature Flags' must be kebab-case",
    ],
    [
      'a layer that is not a number',
      { capabilities: [{ ...featureFlags, layer: 'five' }] },
      "'runtimeStack.layerModel.capabilities[0].layer'",
    ],
    [
      'a fractional layer',
      { capabilities: [{ ...featureFlags, layer: 2.5 }] },
      "Invalid config at 'runtimeStack.layerModel.capabilities[0].layer': 2.5 is not a layer number",
    ],
    [
      'a tool without a title',
      {
        capabilities: [{ ...featureFlags, tools: [{ id: 'unleash' }] }],
      },
      "Missing required config value at 'runtimeStack.layerModel.capabilities[0].tools[0].title'",
    ],
    [
      'a tool link that is not a URL',
      {
        tools: { metrics: [{ id: 'thanos', title: 'Thanos', url: 'thanos' }] },
      },
      "Invalid config at 'runtimeStack.layerModel.tools.metrics[0].url': 'thanos' is not a URL",
    ],
    [
      'tools that are not a list',
      { tools: { metrics: { id: 'thanos', title: 'Thanos' } } },
      "'runtimeStack.layerModel.tools.metrics'",
    ],
    [
      'a runs entry that is not a tool id',
      {
        tools: {
          metrics: [
            {
              id: 'thanos',
              title: 'Thanos',
              runs: ['prometheus', 'Prometheus'],
            },
          ],
        },
      },
      "Invalid config at 'runtimeStack.layerModel.tools.metrics[0].runs[1]': 'Prometheus' must be a tool id",
    ],
    [
      'runs that is not a list',
      {
        capabilities: [
          {
            ...featureFlags,
            tools: [{ id: 'unleash', title: 'Unleash', runs: 'flagd' }],
          },
        ],
      },
      "'runtimeStack.layerModel.capabilities[0].tools[0].runs'",
    ],
    [
      'a tool id as key of a tool override that is not kebab-case',
      { overrides: { metrics: { tools: { Prometheus: { runs: [] } } } } },
      "Invalid config at 'runtimeStack.layerModel.overrides.metrics.tools.Prometheus': 'Prometheus' is not a tool id",
    ],
    [
      'a misspelt key in a tool override',
      { overrides: { metrics: { tools: { prometheus: { run: [] } } } } },
      "Invalid config at 'runtimeStack.layerModel.overrides.metrics.tools.prometheus.run': unknown key (known keys are runs)",
    ],
    [
      'a runs entry in a tool override that is not a tool id',
      {
        overrides: {
          metrics: {
            tools: { 'prometheus-operator': { runs: ['prom etheus'] } },
          },
        },
      },
      "Invalid config at 'runtimeStack.layerModel.overrides.metrics.tools.prometheus-operator.runs[0]': 'prom etheus' must be a tool id",
    ],
    [
      'a capability id as key that is not kebab-case',
      { overrides: { Metrics: { optional: true } } },
      "Invalid config at 'runtimeStack.layerModel.overrides.Metrics': 'Metrics' is not a capability id",
    ],
    [
      'a misspelt override key',
      { overrides: { metrics: { titel: 'Metrics' } } },
      "Invalid config at 'runtimeStack.layerModel.overrides.metrics.titel': unknown key (known keys are title, description, optional, providedByCluster, tools)",
    ],
    [
      'an override that is not a boolean',
      { overrides: { metrics: { optional: 'sometimes' } } },
      "'runtimeStack.layerModel.overrides.metrics.optional'",
    ],
    [
      'a misspelt top-level key',
      { layerTitle: { 6: 'Workloads' } },
      "Invalid config at 'runtimeStack.layerModel.layerTitle': unknown key",
    ],
    [
      'a layer title under a name',
      { layerTitles: { apps: 'Workloads' } },
      "Invalid config at 'runtimeStack.layerModel.layerTitles.apps': 'apps' is not a layer number",
    ],
    [
      'an empty layer title',
      { layerTitles: { 6: ' ' } },
      "Invalid config at 'runtimeStack.layerModel.layerTitles.6': must be a non-empty string",
    ],
    [
      'layer titles as a list',
      { layerTitles: ['Platform'] },
      "Invalid config at 'runtimeStack.layerModel.layerTitles': must be a map",
    ],
  ])('names the key of %s', (_, layerModel, message) => {
    expect(() => read(layerModel)).toThrow(message);
  });
});
