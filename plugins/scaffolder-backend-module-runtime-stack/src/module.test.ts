import { mockServices } from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
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
});
