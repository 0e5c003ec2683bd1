import { mockServices } from '@backstage/backend-test-utils';
import {
  LayerModel,
  defaultLayerModel,
  extendLayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteLayerModel } from './RemoteLayerModel';

const servedModel: LayerModel = extendLayerModel(defaultLayerModel, {
  capabilities: [
    {
      layer: 5,
      id: 'chaos-engineering',
      title: 'Chaos engineering',
      description: 'Injects failures to prove the service survives them',
      tools: [{ id: 'litmus', title: 'LitmusChaos' }],
    },
  ],
});

/** A stand-in for the runtime-stack backend's `/layers` route. */
async function layersServer(
  answer: (req: IncomingMessage) => {
    status: number;
    body: unknown;
  },
) {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    const { status, body } = answer(req);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/runtime-stack`,
    requests,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

function setup(baseUrl: string, clock: { now: number }) {
  const logger = mockServices.logger.mock();
  const model = new RemoteLayerModel({
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: jest.fn(),
    },
    auth: mockServices.auth({ pluginId: 'catalog' }),
    logger,
    fallback: defaultLayerModel,
    refreshAfterMs: 60_000,
    retryAfterMs: 5_000,
    now: () => clock.now,
  });
  return { model, logger };
}

const capabilityIds = (model: LayerModel) =>
  model.layers.flatMap(l => l.capabilities.map(c => c.id));

describe('RemoteLayerModel', () => {
  it('reads the served model with a service token and asks once for many entities', async () => {
    const server = await layersServer(() => ({
      status: 200,
      body: servedModel,
    }));
    const clock = { now: 0 };
    const { model } = setup(server.baseUrl, clock);

    const answers = await Promise.all([model.get(), model.get(), model.get()]);
    expect(capabilityIds(answers[0])).toContain('chaos-engineering');
    expect(answers[1]).toBe(answers[0]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].url).toBe('/api/runtime-stack/layers');
    // The mock auth service's tokens name the caller and the target plugin.
    expect(server.requests[0].headers.authorization).toBe(
      'Bearer mock-service-token:{"sub":"plugin:catalog","target":"runtime-stack"}',
    );

    clock.now = 59_999;
    await model.get();
    expect(server.requests).toHaveLength(1);
    clock.now = 60_000;
    await model.get();
    expect(server.requests).toHaveLength(2);
    await server.close();
  });

  it('falls back to the configured model while the backend fails, logs once, and recovers', async () => {
    let status = 503;
    const server = await layersServer(() =>
      status === 200
        ? { status, body: servedModel }
        : { status, body: { error: { name: 'Error', message: 'starting' } } },
    );
    const clock = { now: 0 };
    const { model, logger } = setup(server.baseUrl, clock);

    expect(await model.get()).toBe(defaultLayerModel);
    clock.now = 5_000;
    expect(await model.get()).toBe(defaultLayerModel);
    expect(server.requests).toHaveLength(2);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Cannot read the layer model from the runtime-stack backend',
      ),
    );
    expect(logger.warn.mock.calls[0][0]).toContain('503');

    status = 200;
    clock.now = 9_999;
    expect(await model.get()).toBe(defaultLayerModel);
    clock.now = 10_000;
    expect(capabilityIds(await model.get())).toContain('chaos-engineering');
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('answers again'),
    );
    await server.close();
  });

  it('keeps the model it last read while the backend fails, not the fallback', async () => {
    let status = 200;
    const server = await layersServer(() =>
      status === 200
        ? { status, body: servedModel }
        : { status, body: { error: { name: 'Error', message: 'restarting' } } },
    );
    const clock = { now: 0 };
    const { model, logger } = setup(server.baseUrl, clock);
    const served = await model.get();
    expect(capabilityIds(served)).toContain('chaos-engineering');

    status = 503;
    clock.now = 60_000;
    expect(await model.get()).toBe(served);
    expect(server.requests).toHaveLength(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('the model it last served is used'),
    );
    await server.close();
  });

  it('does not trust an answer that is not a layer model', async () => {
    const server = await layersServer(() => ({
      status: 200,
      body: { version: 1, layers: [{ id: 9 }] },
    }));
    const { model, logger } = setup(server.baseUrl, { now: 0 });
    expect(await model.get()).toBe(defaultLayerModel);
    expect(logger.warn.mock.calls[0][0]).toContain('Invalid layer model');
    await server.close();
  });

  it('falls back when nothing listens', async () => {
    const server = await layersServer(() => ({ status: 200, body: {} }));
    const { baseUrl } = server;
    await server.close();
    const { model, logger } = setup(baseUrl, { now: 0 });
    expect(await model.get()).toBe(defaultLayerModel);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
