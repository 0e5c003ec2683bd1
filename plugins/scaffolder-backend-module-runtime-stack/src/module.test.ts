import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import {
  scaffolderActionsExtensionPoint,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import request from 'supertest';
import { scaffolderModule } from './module';
import { startTestBackendClosingDatabases } from '@internal/backend-test-kit';

describe('scaffolder module runtime-stack', () => {
  it('registers its actions with a running scaffolder', async () => {
    const backend = await startTestBackendClosingDatabases({
      lingeringDatabasePlugins: ['scaffolder'],
      features: [
        scaffolderPlugin,
        scaffolderModule,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    try {
      const res = await request(backend.server).get(
        '/api/scaffolder/v2/actions',
      );
      expect(res.status).toBe(200);
      const action = res.body.find(
        (a: { id: string }) => a.id === 'runtime-stack:stack:declare',
      );
      expect(action).toBeDefined();
      expect(action.schema.input.properties.tools).toBeDefined();
      const validate = res.body.find(
        (a: { id: string }) => a.id === 'runtime-stack:chart:validate',
      );
      expect(validate).toBeDefined();
      expect(validate.schema.input.properties.chartPath).toBeDefined();
      expect(validate.schema.output.properties.kinds).toBeDefined();
      const record = res.body.find(
        (a: { id: string }) => a.id === 'runtime-stack:ownership:record',
      );
      expect(record).toBeDefined();
      expect(Object.keys(record.schema.input.properties).sort()).toEqual([
        'check',
        'cluster',
        'entityRef',
        'entries',
        'system',
      ]);
      expect(
        Object.keys(record.schema.input.properties.entries.items.properties),
      ).toEqual([
        'layer',
        'capability',
        'owner',
        'responsibility',
        'note',
        'link',
        'when',
      ]);
      expect(Object.keys(record.schema.output.properties).sort()).toEqual([
        'created',
        'records',
        'skipped',
        'summary',
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('checks choices against the layer model app-config extends while the runtime-stack backend does not answer', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...added: any[]) => actions.push(...added) },
        ],
      ],
      features: [
        scaffolderModule,
        mockServices.rootConfig.factory({
          data: {
            runtimeStack: {
              layerModel: {
                capabilities: [
                  {
                    layer: 5,
                    id: 'chaos-engineering',
                    title: 'Chaos engineering',
                    description:
                      'Injects failures to prove the service survives them',
                    tools: [{ id: 'litmus', title: 'LitmusChaos' }],
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    const declare = actions.find(a => a.id === 'runtime-stack:stack:declare')!;
    const ctx = createMockActionContext({
      input: { tools: { 'chaos-engineering': 'litmus' } },
    });
    await declare.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('annotations', {
      'runtime-stack.io/tools': 'chaos-engineering=litmus',
    });
    await expect(
      declare.handler(
        createMockActionContext({
          input: { tools: { 'chaos-engineering': 'gremlin' } },
        }),
      ),
    ).rejects.toThrow("unknown tool 'gremlin'");
  });
});
