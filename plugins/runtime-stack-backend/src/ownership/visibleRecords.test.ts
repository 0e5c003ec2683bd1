import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { OwnershipScope } from '@internal/backstage-plugin-runtime-stack-common';
import { withVisibleScopes } from './visibleRecords';

const caller = mockCredentials.user('user:default/olly');
const service = mockCredentials.service();

/** The catalog has the System and the shop; the caller may see the shop only. */
const catalog = catalogServiceMock.mock({
  getEntitiesByRefs: async ({ entityRefs }, options) => {
    const seen =
      options && 'credentials' in options && options.credentials === caller
        ? ['component:default/shop']
        : ['component:default/shop', 'system:default/payments'];
    return {
      items: entityRefs.map(ref =>
        seen.includes(ref)
          ? { apiVersion: 'v1', kind: 'x', metadata: { name: ref } }
          : undefined,
      ),
    };
  },
});

const record = (kind: OwnershipScope['kind'], ref: string) => ({
  scope: { kind, ref },
});

describe('withVisibleScopes', () => {
  it('drops what is about a scope hidden from the caller, and keeps clusters, visible entities and scopes the catalog lacks', async () => {
    const items = [
      record('system', 'system:default/payments'),
      record('component', 'component:default/shop'),
      record('component', 'component:default/being-created'),
      record('cluster', 'prod-eu-1'),
    ];
    const kept = await withVisibleScopes(catalog, items, r => [r.scope], {
      caller,
      service,
    });
    expect(kept.map(r => r.scope.ref)).toEqual([
      'component:default/shop',
      'component:default/being-created',
      'prod-eu-1',
    ]);
  });

  it('asks the catalog nothing when no item is about an entity', async () => {
    const cautious = catalogServiceMock.mock({
      getEntitiesByRefs: jest.fn(),
    });
    const items = [record('environment', 'production')];
    expect(
      await withVisibleScopes(cautious, items, r => [r.scope], {
        caller,
        service,
      }),
    ).toEqual(items);
    expect(cautious.getEntitiesByRefs).not.toHaveBeenCalled();
  });
});
