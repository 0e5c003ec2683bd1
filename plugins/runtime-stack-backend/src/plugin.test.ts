import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { defaultLayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import { runtimeStackLayerModelExtensionPoint } from '@internal/backstage-plugin-runtime-stack-node';
import * as otel from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import request from 'supertest';
import { runtimeStackPlugin } from './plugin';
import { OnDemandMetricReader } from './__testUtils__/onDemandMetricReader';
import { startTestBackendClosingDatabases } from '@internal/backend-test-kit';
import { kubernetesConfig } from './__testUtils__/kubernetesConfig';

const featureFlagsModule = createBackendModule({
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
        layers.addTools('service-proxy', [
          { id: 'envoy-gateway', title: 'Envoy Gateway' },
        ]);
      },
    });
  },
});

describe('runtime-stack backend', () => {
  describe('with the default model', () => {
    let server: Awaited<
      ReturnType<typeof startTestBackendClosingDatabases>
    >['server'];
    let stop: () => Promise<void>;

    beforeAll(async () => {
      const backend = await startTestBackendClosingDatabases({
        databasePlugins: ['runtime-stack'],
        features: [runtimeStackPlugin],
      });
      server = backend.server;
      stop = () => backend.stop();
    });
    afterAll(() => stop());

    it('answers /health without credentials', async () => {
      const res = await request(server)
        .get('/api/runtime-stack/health')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('serves the layer model to a signed-in user', async () => {
      const res = await request(server)
        .get('/api/runtime-stack/layers')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body).toEqual(defaultLayerModel);
      expect(res.body.layers.map((l: { id: number }) => l.id)).toEqual([
        0, 1, 2, 3, 4, 5, 6,
      ]);
    });

    it('serves the layer model to another backend service', async () => {
      const res = await request(server)
        .get('/api/runtime-stack/layers')
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
    });

    it('refuses the layer model without credentials', async () => {
      const res = await request(server)
        .get('/api/runtime-stack/layers')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
      expect(res.body.error.name).toBe('AuthenticationError');
    });

    it('serves one layer by number', async () => {
      const res = await request(server)
        .get('/api/runtime-stack/layers/3')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body.title).toBe(defaultLayerModel.layers[3].title);
      expect(res.body.capabilities.map((c: { id: string }) => c.id)).toContain(
        'cni-networking',
      );
    });

    it('answers 400 naming the parameter for a malformed layer number', async () => {
      const res = await request(server)
        .get('/api/runtime-stack/layers/three')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(/'layerId'.*'three'/);
    });

    it('answers 404 for a layer that does not exist', async () => {
      const res = await request(server)
        .get('/api/runtime-stack/layers/9')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/No layer 9/);
    });

    it('names a number too long for a layer as it was asked for', async () => {
      const res = await request(server)
        .get('/api/runtime-stack/layers/99999999999999999999999')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(
        /^No layer 99999999999999999999999; layers are numbered 0 to 6/,
      );
    });
  });

  it('serves what modules add through the extension point', async () => {
    const backend = await startTestBackendClosingDatabases({
      databasePlugins: ['runtime-stack'],
      features: [runtimeStackPlugin, featureFlagsModule],
    });
    try {
      const res = await request(backend.server)
        .get('/api/runtime-stack/layers')
        .set('Authorization', mockCredentials.user.header());
      const capabilities = res.body.layers.flatMap(
        (l: { capabilities: unknown[] }) => l.capabilities,
      );
      expect(capabilities).toContainEqual(
        expect.objectContaining({ id: 'feature-flags' }),
      );
      expect(
        capabilities.find((c: { id: string }) => c.id === 'service-proxy')
          .tools,
      ).toContainEqual({ id: 'envoy-gateway', title: 'Envoy Gateway' });
    } finally {
      await backend.stop();
    }
  });

  it('refuses to start when a module adds a clashing capability', async () => {
    const clashing = createBackendModule({
      pluginId: 'runtime-stack',
      moduleId: 'clash',
      register(env) {
        env.registerInit({
          deps: { layers: runtimeStackLayerModelExtensionPoint },
          async init({ layers }) {
            layers.addCapability({
              layer: 5,
              id: 'metrics',
              title: 'Metrics twin',
              description: 'Clashes with layer 4',
              tools: [],
            });
          },
        });
      },
    });
    await expect(
      startTestBackend({ features: [runtimeStackPlugin, clashing] }),
    ).rejects.toThrow(/capability 'metrics' is already defined in layer 4/);
  });

  it('reports cluster freshness through the backend’s metrics service', async () => {
    // A real SDK behind the OpenTelemetry API, as an instrumentation file sets one up.
    const reader = new OnDemandMetricReader();
    const provider = new MeterProvider({ readers: [reader] });
    otel.metrics.setGlobalMeterProvider(provider);
    const backend = await startTestBackendClosingDatabases({
      databasePlugins: ['runtime-stack'],
      features: [
        runtimeStackPlugin,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: kubernetesConfig([
              { name: 'never-collected', url: 'http://127.0.0.1:9' },
            ]),
            runtimeStack: {
              clusters: {
                schedule: {
                  frequency: { hours: 1 },
                  timeout: { minutes: 1 },
                  initialDelay: { hours: 1 },
                },
              },
            },
          },
        }),
      ],
    });
    try {
      const { resourceMetrics, errors } = await reader.collect();
      expect(errors).toEqual([]);
      const ours = resourceMetrics.scopeMetrics.find(
        scope => scope.scope.name === 'backstage-plugin-runtime-stack',
      );
      const stale = ours?.metrics.find(
        m => m.descriptor.name === 'runtime_stack.cluster.stale',
      );
      expect(stale?.dataPoints.map(p => [p.attributes, p.value])).toEqual([
        [{ cluster: 'never-collected' }, 1],
      ]);
    } finally {
      await backend.stop();
      await provider.shutdown();
      otel.metrics.disable();
    }
  });
});
