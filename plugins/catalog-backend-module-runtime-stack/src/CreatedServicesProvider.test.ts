import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreatedServicesProvider } from './CreatedServicesProvider';

const component = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  owner: team-payments
  lifecycle: experimental
`;

function connected(directory: string) {
  const applyMutation = jest.fn(async () => {});
  const connection = {
    applyMutation,
    refresh: jest.fn(),
  } as unknown as EntityProviderConnection;
  const provider = new CreatedServicesProvider(
    directory,
    mockServices.logger.mock(),
  );
  return { provider, connection, applyMutation };
}

describe('CreatedServicesProvider', () => {
  it('emits the Components of each directory’s catalog-info.yaml with their file location', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    mkdirSync(join(dir, 'orders-api'));
    writeFileSync(
      join(dir, 'orders-api', 'catalog-info.yaml'),
      component('orders-api'),
    );
    mkdirSync(join(dir, 'half-written'));
    // A Group in a generated file is not taken.
    mkdirSync(join(dir, 'sneaky'));
    writeFileSync(
      join(dir, 'sneaky', 'catalog-info.yaml'),
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: admins\nspec:\n  type: team\n  children: []\n`,
    );
    const { provider, connection, applyMutation } = connected(dir);
    await provider.connect(connection);

    expect(await provider.refresh()).toBe(1);
    const file = join(dir, 'orders-api', 'catalog-info.yaml');
    expect(applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        {
          locationKey: `file:${file}`,
          entity: expect.objectContaining({
            kind: 'Component',
            metadata: expect.objectContaining({
              name: 'orders-api',
              annotations: {
                'backstage.io/managed-by-location': `file:${file}`,
                'backstage.io/managed-by-origin-location': `file:${file}`,
              },
            }),
          }),
        },
      ],
    });
  });

  it('emits nothing, replacing what it emitted, when the directory is gone', async () => {
    const { provider, connection, applyMutation } = connected(
      join(tmpdir(), 'no-such-dir-for-created-services'),
    );
    await provider.connect(connection);
    expect(await provider.refresh()).toBe(0);
    expect(applyMutation).toHaveBeenCalledWith({ type: 'full', entities: [] });
  });
});

describe('CreatedServicesProvider before the catalog connects', () => {
  it('reads nothing and does not fail, so the schedule can start first', async () => {
    const provider = new CreatedServicesProvider(
      tmpdir(),
      mockServices.logger.mock(),
    );
    await expect(provider.refresh()).resolves.toBe(0);
  });
});
