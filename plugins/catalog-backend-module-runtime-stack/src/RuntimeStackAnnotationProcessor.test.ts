import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import { ConfigReader } from '@backstage/config';
import type { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import { defaultLayerModel } from '@internal/backstage-plugin-runtime-stack-common';
import { RuntimeStackAnnotationProcessor } from './RuntimeStackAnnotationProcessor';

const location = { type: 'file', target: '/estate/components.yaml' };

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-ledger', annotations },
    spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
  };
}

/** The catalog's per-entity cache, carried from one pass to the next. */
function passCache(): CatalogProcessorCache {
  const values = new Map<string, unknown>();
  return {
    async get<T>(key: string) {
      return values.get(key) as T | undefined;
    },
    async set(key, value) {
      values.set(key, value);
    },
  };
}

function setup(config: object = {}) {
  const logger = mockServices.logger.mock();
  const processor = RuntimeStackAnnotationProcessor.fromConfig(
    new ConfigReader(config),
    { logger },
  );
  const process = (entity: Entity, cache = passCache()) =>
    processor.postProcessEntity(
      entity,
      location,
      jest.fn(),
      cache,
    ) as Promise<AlphaEntity>;
  return { processor, process, logger };
}

describe('RuntimeStackAnnotationProcessor', () => {
  it('leaves an entity without runtime-stack annotations alone', async () => {
    const { process } = setup();
    const entity = component({ 'backstage.io/kubernetes-id': 'x' });
    expect(await process(entity)).toBe(entity);
  });

  it('leaves an entity with valid annotations alone', async () => {
    const { process, logger } = setup();
    const entity = component({
      'runtime-stack.io/tools': 'gitops=argo-cd,service-mesh=linkerd',
      'runtime-stack.io/owners': 'layer-6=team-payments',
    });
    expect(await process(entity)).toBe(entity);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('reports a Kubernetes label selector that cannot be read, on an entity with none of our annotations', async () => {
    const { process } = setup();
    const valid = component({
      'backstage.io/kubernetes-label-selector': 'app in(ledger,ledger-worker)',
    });
    expect(await process(valid)).toBe(valid);

    const processed = await process(
      component({ 'backstage.io/kubernetes-label-selector': 'app=ledger,' }),
    );
    expect(processed.status?.items).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(
          /^InputError: backstage\.io\/kubernetes-label-selector: Invalid label selector 'app=ledger,'/,
        ),
      }),
    ]);
  });

  it('takes tools written with spaces around = and says when an id is not lower case', async () => {
    const { process } = setup();
    const spaced = component({
      'runtime-stack.io/tools': 'metrics = prometheus, gitops= argo-cd',
    });
    expect(await process(spaced)).toBe(spaced);

    const capitalised = component({
      'runtime-stack.io/tools': 'metrics = prometheus, GitOps=argo-cd',
    });
    expect((await process(capitalised)).status?.items).toEqual([
      {
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message:
          "InputError: runtime-stack.io/tools: 'GitOps=argo-cd': tool and capability ids are lower case, as in gitops=argo-cd",
        error: {
          name: 'InputError',
          message:
            "runtime-stack.io/tools: 'GitOps=argo-cd': tool and capability ids are lower case, as in gitops=argo-cd",
        },
      },
    ]);
  });

  it('adds each problem as a catalog-processing error, keeping the entity', async () => {
    const { process } = setup();
    const entity = component({
      'runtime-stack.io/tools': 'gitops=argo-cd,service-mesh=linkerd2x',
      'runtime-stack.io/images': 'registry.acme.internal/Payments/ledger',
    });
    const before = JSON.stringify(entity);

    const processed = await process(entity);

    expect(processed.metadata).toEqual(entity.metadata);
    expect(processed.spec).toEqual(entity.spec);
    expect(processed.status?.items).toEqual([
      {
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message: expect.stringMatching(
          /^InputError: runtime-stack\.io\/tools: unknown tool 'linkerd2x' for capability 'service-mesh'/,
        ),
        error: {
          name: 'InputError',
          message: expect.stringMatching(
            /^runtime-stack\.io\/tools: unknown tool 'linkerd2x'/,
          ),
        },
      },
      {
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message:
          "InputError: runtime-stack.io/images: 'registry.acme.internal/Payments/ledger': path component 'Payments' must be lowercase",
        error: {
          name: 'InputError',
          message:
            "runtime-stack.io/images: 'registry.acme.internal/Payments/ledger': path component 'Payments' must be lowercase",
        },
      },
    ]);
    expect(JSON.stringify(entity)).toBe(before);
  });

  it('stores and logs a bounded report of a huge annotation value', async () => {
    const { process, logger } = setup();
    const huge = Array.from(
      { length: 50_000 },
      (_, i) => `metrics=${i}-${'x'.repeat(100)}`,
    ).join(',');
    const { status } = await process(
      component({ 'runtime-stack.io/tools': huge }),
    );

    expect(status?.items).toHaveLength(21);
    expect(status?.items?.[20].message).toBe(
      'InputError: runtime-stack.io/tools: …and 49980 more problems in runtime-stack.io/tools',
    );
    // The value is over 5 MB; what the entity and the log keep is not.
    expect(JSON.stringify(status).length).toBeLessThan(20_000);
    expect(logger.warn.mock.calls[0][0].length).toBeLessThan(10_000);
  });

  it('keeps status items that were already there', async () => {
    const { process } = setup();
    const earlier = {
      type: 'example.com/health',
      level: 'info' as const,
      message: 'fine',
    };
    const entity: AlphaEntity = {
      ...component({ 'runtime-stack.io/requirement-profile': 'Tier 1' }),
      status: { items: [earlier] },
    };
    const processed = await process(entity);
    expect(processed.status?.items).toEqual([
      earlier,
      expect.objectContaining({
        message: expect.stringContaining(
          'runtime-stack.io/requirement-profile',
        ),
      }),
    ]);
  });

  it('reports a misspelt annotation of ours, and values that are not text, without throwing', async () => {
    const { process } = setup();
    const entity = component({ 'runtime-stack.io/tool': 'metrics=prometheus' });
    (entity.metadata.annotations as Record<string, unknown>)[
      'runtime-stack.io/owners'
    ] = 42;
    const processed = await process(entity);
    expect(processed.status?.items?.map(i => i.error?.message)).toEqual([
      expect.stringMatching(/^runtime-stack\.io\/tool: unknown annotation/),
      'runtime-stack.io/owners: must be a string, got number',
    ]);
  });

  it('validates against the layer model extended from app-config', async () => {
    const { process } = setup({
      runtimeStack: {
        layerModel: {
          tools: {
            'service-mesh': [{ id: 'linkerd2x', title: 'Linkerd 2.x' }],
          },
        },
      },
    });
    const entity = component({
      'runtime-stack.io/tools': 'service-mesh=linkerd2x',
    });
    expect(await process(entity)).toBe(entity);
  });

  it('logs the problems of an entity once, and again only when they change', async () => {
    const { process, logger } = setup();
    const cache = passCache();
    const typo = component({ 'runtime-stack.io/tools': 'metrics=prometheus2' });

    await process(typo, cache);
    await process(typo, cache);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Entity component:default\/payments-ledger has 1 runtime-stack annotation problem\(s\): runtime-stack\.io\/tools: unknown tool 'prometheus2'/,
      ),
    );

    await process(
      component({ 'runtime-stack.io/tools': 'metrics=prom' }),
      cache,
    );
    expect(logger.warn).toHaveBeenCalledTimes(2);

    // Fixed, then broken the same way again: worth telling again.
    await process(
      component({ 'runtime-stack.io/tools': 'metrics=prometheus' }),
      cache,
    );
    await process(
      component({ 'runtime-stack.io/tools': 'metrics=prom' }),
      cache,
    );
    expect(logger.warn).toHaveBeenCalledTimes(3);
  });

  it('refuses config that does not fit the layer model, naming what is wrong', () => {
    const logger = mockServices.logger.mock();
    expect(() =>
      RuntimeStackAnnotationProcessor.fromConfig(
        new ConfigReader({
          runtimeStack: { layerModel: { layerTitles: { 7: 'Beyond' } } },
        }),
        { logger },
      ),
    ).toThrow(
      /^runtimeStack\.layerModel in app-config does not fit the layer model: Cannot rename layer '7'/,
    );
    expect(() =>
      RuntimeStackAnnotationProcessor.fromConfig(
        new ConfigReader({
          runtimeStack: { layerModel: { capabilities: [{ layer: 5 }] } },
        }),
        { logger },
      ),
    ).toThrow("'runtimeStack.layerModel.capabilities[0].id'");
  });

  it('works on a layer model given directly', async () => {
    const processor = new RuntimeStackAnnotationProcessor({
      layerModel: defaultLayerModel,
      logger: mockServices.logger.mock(),
    });
    expect(processor.getProcessorName()).toBe(
      'RuntimeStackAnnotationProcessor',
    );
    const processed = (await processor.postProcessEntity(
      component({ 'runtime-stack.io/owners': 'layer-9=team-payments' }),
      location,
      jest.fn(),
      passCache(),
    )) as AlphaEntity;
    expect(processed.status?.items).toHaveLength(1);
  });
});
