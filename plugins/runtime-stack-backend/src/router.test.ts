import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  chooseRequirementProfile,
  defaultRequirementProfiles,
  type RequirementProfile,
  type RequirementProfileSettings,
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

/**
 * Every lifecycle gets, by the served rules, the profile the coverage engine
 * picks: chooseRequirementProfile with the configured rules.
 */
function expectRulesOfTheEvaluation(
  served: RequirementProfileSettings,
  configured: { byLifecycle?: Record<string, string>; defaultProfile?: string },
) {
  for (const lifecycle of [
    'production',
    'Production',
    'experimental',
    'deprecated',
    'development',
    undefined,
  ]) {
    const byServedRules =
      (lifecycle && served.byLifecycle?.[lifecycle.toLowerCase()]) ||
      served.defaultProfile;
    const evaluated = chooseRequirementProfile(
      { lifecycle },
      served.profiles,
      configured,
    ).profile.id;
    expect({ lifecycle, profile: byServedRules }).toEqual({
      lifecycle,
      profile: evaluated,
    });
  }
}

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
      // The rules the evaluation applies though none are configured.
      expect(res.body).toEqual({
        profiles: defaultRequirementProfiles,
        byLifecycle: { production: 'tier-1', experimental: 'experimental' },
        defaultProfile: 'tier-2',
      });
      expectRulesOfTheEvaluation(res.body, {});
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

  it('serves a configured default and mapping over the built-in ones', async () => {
    const configured = {
      byLifecycle: { Deprecated: 'experimental', experimental: 'tier-2' },
      defaultProfile: 'tier-1',
    };
    const backend = await start({ runtimeStack: { coverage: configured } });
    try {
      const res = await request(backend.server)
        .get('/api/runtime-stack/profiles')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body.byLifecycle).toEqual({
        production: 'tier-1',
        experimental: 'tier-2',
        deprecated: 'experimental',
      });
      expect(res.body.defaultProfile).toBe('tier-1');
      expectRulesOfTheEvaluation(res.body, configured);
    } finally {
      await backend.stop();
    }
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
      // The rules that pick a profile, configured over the built-in ones,
      // and nothing else of the settings.
      expect(res.body.byLifecycle).toEqual({
        production: 'gold',
        experimental: 'experimental',
      });
      expect(res.body.defaultProfile).toBe('tier-2');
      expectRulesOfTheEvaluation(res.body, {
        byLifecycle: { production: 'gold' },
        defaultProfile: 'tier-2',
      });
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
