import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  defaultRequirementProfiles,
  type RequirementProfile,
} from '@internal/backstage-plugin-runtime-stack-common';
import request from 'supertest';
import { runtimeStackPlugin } from './plugin';
import { startTestBackendClosingDatabases } from '@internal/backend-test-kit';

async function start(data: JsonObject) {
  const backend = await startTestBackendClosingDatabases({
    databasePlugins: ['runtime-stack'],
    features: [runtimeStackPlugin, mockServices.rootConfig.factory({ data })],
  });
  return { server: backend.server, stop: () => backend.stop() };
}

const profile = (body: { profiles: RequirementProfile[] }, id: string) =>
  body.profiles.find(p => p.id === id);

describe('GET /profiles', () => {
  describe('with the default profiles', () => {
    let backend: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      backend = await start({});
    });
    afterAll(() => backend.stop());

    it('serves the default profiles to a signed-in user', async () => {
      const res = await request(backend.server)
        .get('/api/runtime-stack/profiles')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ profiles: defaultRequirementProfiles });
    });

    it('serves them to another backend service', async () => {
      const res = await request(backend.server)
        .get('/api/runtime-stack/profiles')
        .set('Authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
    });

    it('refuses them without credentials', async () => {
      const res = await request(backend.server)
        .get('/api/runtime-stack/profiles')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  it('serves the profiles as app-config resolves them, with the rules', async () => {
    const backend = await start({
      runtimeStack: {
        coverage: {
          profiles: [
            {
              id: 'tier-2',
              title: 'Tier 2 (ours)',
              required: ['workloads', 'metrics', 'alerting'],
              notApplicable: ['layer-0'],
            },
            { id: 'gold', required: ['layer-4'] },
          ],
          byLifecycle: { production: 'gold' },
          defaultProfile: 'tier-2',
          concurrency: 2,
        },
      },
    });
    try {
      const res = await request(backend.server)
        .get('/api/runtime-stack/profiles')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      // The configured tier-2 replaces the default one, in full.
      expect(profile(res.body, 'tier-2')).toEqual({
        id: 'tier-2',
        title: 'Tier 2 (ours)',
        required: ['workloads', 'metrics', 'alerting'],
        notApplicable: ['layer-0'],
      });
      expect(profile(res.body, 'gold')).toEqual({
        id: 'gold',
        title: 'gold',
        required: ['layer-4'],
      });
      // The defaults not replaced stay as they are.
      expect(profile(res.body, 'tier-1')).toEqual(
        defaultRequirementProfiles.find(p => p.id === 'tier-1'),
      );
      expect(res.body.profiles.map((p: RequirementProfile) => p.id)).toEqual([
        'tier-1',
        'experimental',
        'tier-2',
        'gold',
      ]);
      // The rules that pick a profile, and nothing else of the settings.
      expect(res.body.byLifecycle).toEqual({ production: 'gold' });
      expect(res.body.defaultProfile).toBe('tier-2');
      expect(Object.keys(res.body).sort()).toEqual([
        'byLifecycle',
        'defaultProfile',
        'profiles',
      ]);
    } finally {
      await backend.stop();
    }
  });
});
