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
  const logger = mockServices.logger.mock();
  const provider = new CreatedServicesProvider(directory, logger);
  return { provider, connection, applyMutation, logger };
}

function writeService(dir: string, name: string, text: string) {
  mkdirSync(join(dir, name));
  writeFileSync(join(dir, name, 'catalog-info.yaml'), text);
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

describe('CreatedServicesProvider when something cannot be read', () => {
  it('applies nothing when the directory cannot be read, rather than deleting every created service', async () => {
    // A file where the directory should be: readdir fails with ENOTDIR,
    // standing in for EACCES or EIO.
    const parent = mkdtempSync(join(tmpdir(), 'created-'));
    const notADirectory = join(parent, 'services');
    writeFileSync(notADirectory, '');
    const { provider, connection, applyMutation, logger } =
      connected(notADirectory);
    await provider.connect(connection);

    expect(await provider.refresh()).toBeUndefined();
    expect(applyMutation).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(`Cannot read ${notADirectory}`),
    );
  });

  it('applies nothing when one catalog-info.yaml cannot be read, rather than deleting its service', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    writeService(dir, 'orders-api', component('orders-api'));
    // A directory where the file should be: reading it fails with EISDIR.
    mkdirSync(join(dir, 'billing-api', 'catalog-info.yaml'), {
      recursive: true,
    });
    const { provider, connection, applyMutation, logger } = connected(dir);
    await provider.connect(connection);

    expect(await provider.refresh()).toBeUndefined();
    expect(applyMutation).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `Cannot read ${join(dir, 'billing-api', 'catalog-info.yaml')}`,
      ),
    );
  });

  it('skips documents that are not entities, naming the file, and still emits the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    writeService(dir, 'orders-api', component('orders-api'));
    writeService(
      dir,
      'broken',
      [
        'apiVersion: backstage.io/v1alpha1\nkind: Component\n',
        'apiVersion: backstage.io/v1alpha1\nkind: 3\nmetadata:\n  name: odd\n',
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: half\n  annotations: [\n',
        component('billing-api'),
      ].join('---\n'),
    );
    const { provider, connection, applyMutation, logger } = connected(dir);
    await provider.connect(connection);

    expect(await provider.refresh()).toBe(2);
    const [[mutation]] = applyMutation.mock.calls as unknown as [
      [{ entities: Array<{ entity: { metadata: { name: string } } }> }],
    ];
    expect(mutation.entities.map(e => e.entity.metadata.name).sort()).toEqual([
      'billing-api',
      'orders-api',
    ]);
    const brokenFile = join(dir, 'broken', 'catalog-info.yaml');
    const warnings = logger.warn.mock.calls.map(([message]) => message);
    expect(warnings).toEqual([
      expect.stringContaining(`${brokenFile}: skipped document 1`),
      expect.stringContaining(`${brokenFile}: skipped document 2`),
      expect.stringContaining(`${brokenFile}: skipped document 3`),
    ]);
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
