/*
 * The search page asks the search backend about each result type it offers
 * (packages/app/src/modules/search). With the collators src/index.ts adds
 * and the example estate, the types it offers must answer; TechDocs'
 * collator indexes nothing (no service has a backstage.io/techdocs-ref), so
 * its type has no index and a query for it fails.
 */

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModuleCatalog from '@backstage/plugin-search-backend-module-catalog';
import searchModuleTechdocs from '@backstage/plugin-search-backend-module-techdocs';
import runtimeStackPlugin from '@internal/backstage-plugin-runtime-stack-backend';
import searchModuleRuntimeStack from '@internal/backstage-plugin-search-backend-module-runtime-stack';
import {
  startTestBackendClosingDatabases,
  triggerableScheduler,
} from '@internal/backend-test-kit';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

jest.setTimeout(120_000);

const ESTATE = resolve(__dirname, '../../../examples/estate');

/** The portal's catalog locations for the example estate, but its clusters. */
const estateCatalog = {
  processingInterval: { seconds: 1 },
  rules: [{ allow: ['Component', 'System', 'API', 'Resource', 'Location'] }],
  locations: [
    {
      type: 'file',
      target: `${ESTATE}/org.yaml`,
      rules: [{ allow: ['User', 'Group'] }],
    },
    {
      type: 'file',
      target: `${ESTATE}/systems.yaml`,
      rules: [{ allow: ['Domain', 'System'] }],
    },
    { type: 'file', target: `${ESTATE}/components.yaml` },
  ],
};

async function eventually<T>(
  attempt: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

describe('search types', () => {
  it('answers for each type the search page offers, and fails for techdocs, which has no index', async () => {
    const scheduler = triggerableScheduler();
    const backend = await startTestBackendClosingDatabases({
      databasePlugins: ['runtime-stack'],
      lingeringDatabasePlugins: ['catalog'],
      features: [
        catalogPlugin,
        searchPlugin,
        searchModuleCatalog,
        searchModuleTechdocs,
        runtimeStackPlugin,
        searchModuleRuntimeStack,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({ data: { catalog: estateCatalog } }),
      ],
    });
    try {
      const { port } = backend.server.address() as AddressInfo;
      const get = (path: string) =>
        fetch(`http://localhost:${port}${path}`, {
          headers: { Authorization: mockCredentials.user.header() },
        });
      // The estate's services, stitched with their owners.
      await eventually(async () => {
        const response = await get(
          '/api/catalog/entities/by-name/component/default/payments-api',
        );
        if (!response.ok) return undefined;
        const entity = await response.json();
        return entity.relations?.some((r: any) => r.type === 'ownedBy')
          ? entity
          : undefined;
      }, 'the example estate in the catalog');

      await scheduler.triggerTask('runtime-stack:evaluate-coverage');
      await scheduler.triggerTask('search_index_software_catalog');
      await scheduler.triggerTask('search_index_runtime_stack');
      await scheduler.triggerTask('search_index_techdocs');

      const search = (type?: string) =>
        get(
          `/api/search/query?term=payments${
            type ? `&types%5B0%5D=${type}` : ''
          }`,
        );
      const found: Record<string, any[]> = {};
      for (const type of ['software-catalog', 'runtime-stack']) {
        const response = await search(type);
        expect({ type, status: response.status }).toEqual({
          type,
          status: 200,
        });
        found[type] = (await response.json()).results;
        expect(found[type].length).toBeGreaterThan(0);
        expect(found[type].every(r => r.type === type)).toBe(true);
      }
      // In the words of the portal's pages; the fields keep the ids.
      const texts = found['runtime-stack'].map(r => r.document.text).join('\n');
      expect(texts).toContain('under the Tier 1 (production-critical) profile');
      expect(texts).toContain('Owned by Payments.');
      expect(texts).not.toMatch(/tier-1|team-payments/);
      expect(found['runtime-stack'][0].document).toMatchObject({
        owner: 'group:default/team-payments',
        profile: expect.stringMatching(/^(tier-1|tier-2|experimental)$/),
      });
      // No type named: every index there is.
      expect((await search()).status).toBe(200);

      // The estate has no docs: the search page must not offer the type.
      const techdocs = await search('techdocs');
      expect(techdocs.status).toBe(500);
      expect(JSON.stringify(await techdocs.json())).toMatch(
        /Missing index for techdocs/,
      );
    } finally {
      await backend.stop();
    }
  });
});
