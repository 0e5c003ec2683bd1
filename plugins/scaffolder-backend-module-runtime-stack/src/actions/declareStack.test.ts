/*
 * runtime-stack:stack:declare on its own, and against the clusters the real
 * runtime-stack backend plugin collected from the repository's fake clusters:
 * prod-eu-1 runs Istio and offers the gvisor RuntimeClass, prod-us-1 runs
 * Linkerd and offers no sandbox.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  startTestBackendClosingDatabases,
  triggerableScheduler,
} from '@internal/backend-test-kit';
import type { AddressInfo } from 'node:net';
import {
  startFakeClusters,
  type FakeClusters,
} from '../__testUtils__/fakeClusters';
import {
  ownershipWriteLog,
  runtimeStackFeatures,
} from '../__testUtils__/runtimeStackBackend';
import { createDeclareStackAction } from './declareStack';

describe('runtime-stack:stack:declare', () => {
  const action = createDeclareStackAction();

  it('outputs the annotations for valid choices, skipping empty ones', async () => {
    const ctx = createMockActionContext({
      input: {
        tools: {
          metrics: 'prometheus',
          gitops: 'argo-cd',
          'service-mesh': 'none',
          tracing: '',
        },
        requirementProfile: 'tier-2',
      },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('annotations', {
      'runtime-stack.io/tools': 'gitops=argo-cd,metrics=prometheus',
      'runtime-stack.io/requirement-profile': 'tier-2',
    });
    expect(ctx.output).toHaveBeenCalledWith('capabilities', [
      'gitops',
      'metrics',
    ]);
  });

  it('fails naming the input and the unknown tool', async () => {
    const ctx = createMockActionContext({
      input: { tools: { 'service-mesh': 'linkerd2x' } },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /input 'tools': unknown tool 'linkerd2x' for capability 'service-mesh'/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('supports dry runs', () => {
    expect(action.supportsDryRun).toBe(true);
  });

  describe('against the cluster it names', () => {
    jest.setTimeout(60_000);

    let clusters: FakeClusters;
    let backend: Awaited<ReturnType<typeof startTestBackendClosingDatabases>>;
    let baseUrl: string;

    beforeAll(async () => {
      clusters = await startFakeClusters(['prod-eu-1', 'prod-us-1']);
      const scheduler = triggerableScheduler();
      backend = await startTestBackendClosingDatabases({
        databasePlugins: ['runtime-stack'],
        features: [
          ...runtimeStackFeatures({
            writeLog: ownershipWriteLog(),
            catalog: catalogServiceMock.mock(),
            permissions: mockServices.permissions(),
            scheduler,
          }),
          mockServices.rootConfig.factory({ data: clusters.config }),
        ],
      });
      await clusters.collect(scheduler);
      const { port } = backend.server.address() as AddressInfo;
      baseUrl = `http://localhost:${port}/api/runtime-stack`;
    });

    afterAll(async () => {
      await backend?.stop();
      await clusters?.close();
    });

    function checkingAction() {
      return createDeclareStackAction({
        discovery: mockServices.discovery.mock({
          getBaseUrl: async () => baseUrl,
        }),
        // The user's token for runtime-stack, as the scaffolder issues it.
        auth: mockServices.auth({ pluginId: 'scaffolder' }),
      });
    }

    function context(
      cluster: string,
      choices: { mesh: string; runtimeClass: string },
    ) {
      return createMockActionContext({
        input: {
          cluster,
          runtimeClass: choices.runtimeClass,
          tools: { 'service-mesh': choices.mesh, metrics: 'prometheus' },
        },
        logger: mockServices.logger.mock(),
      });
    }

    it('accepts the mesh and the RuntimeClass the cluster offers', async () => {
      const ctx = context('prod-eu-1', {
        mesh: 'istio',
        runtimeClass: 'gvisor',
      });
      await checkingAction().handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('annotations', {
        'runtime-stack.io/tools': 'metrics=prometheus,service-mesh=istio',
      });
      expect(ctx.logger.info).toHaveBeenCalledWith(
        expect.stringMatching(
          /^Cluster 'prod-eu-1' offers the service mesh and RuntimeClass chosen, as the Runtime Stack last collected it \(/,
        ),
      );
      expect(ctx.logger.warn).not.toHaveBeenCalled();
    });

    it('fails naming the mesh and the RuntimeClass the cluster lacks, and what it has', async () => {
      const ctx = context('prod-eu-1', {
        mesh: 'linkerd',
        runtimeClass: 'kata-qemu',
      });
      const failure = checkingAction().handler(ctx);
      await expect(failure).rejects.toThrow(InputError);
      await expect(failure).rejects.toThrow(
        /^The platform choices do not fit cluster 'prod-eu-1' as the Runtime Stack last collected it \([^)]+\):\n- service mesh 'linkerd': cluster 'prod-eu-1' runs istio, so no sidecar would be injected\n- RuntimeClass 'kata-qemu': cluster 'prod-eu-1' offers gvisor, and Kubernetes refuses pods that name a RuntimeClass their cluster lacks\n/,
      );
      expect(ctx.output).not.toHaveBeenCalled();
    });

    it('judges each cluster by its own platform', async () => {
      // prod-us-1 runs Linkerd but offers no sandbox.
      const linkerd = context('prod-us-1', {
        mesh: 'linkerd',
        runtimeClass: '',
      });
      await checkingAction().handler(linkerd);
      expect(linkerd.output).toHaveBeenCalledWith(
        'annotations',
        expect.anything(),
      );

      const gvisor = context('prod-us-1', {
        mesh: 'none',
        runtimeClass: 'gvisor',
      });
      await expect(checkingAction().handler(gvisor)).rejects.toThrow(
        /- RuntimeClass 'gvisor': cluster 'prod-us-1' offers no sandboxed RuntimeClass, /,
      );
    });

    it('checks in a dry run too', async () => {
      const ctx = {
        ...context('prod-us-1', { mesh: 'istio', runtimeClass: '' }),
        isDryRun: true,
      };
      await expect(checkingAction().handler(ctx)).rejects.toThrow(
        /- service mesh 'istio': cluster 'prod-us-1' runs linkerd, /,
      );
    });

    it('leaves the choices unchecked, with a warning, where the backend cannot tell', async () => {
      const ctx = context('staging-1', {
        mesh: 'linkerd',
        runtimeClass: 'gvisor',
      });
      await checkingAction().handler(ctx);
      expect(ctx.logger.warn).toHaveBeenCalledWith(
        "The service mesh and RuntimeClass were not checked against cluster 'staging-1': the Runtime Stack backend does not know cluster 'staging-1'",
      );
      expect(ctx.output).toHaveBeenCalledWith('annotations', expect.anything());
    });
  });
});
