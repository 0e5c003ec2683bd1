import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
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

const entityNamed = (name: string) =>
  expect.objectContaining({
    entity: expect.objectContaining({
      metadata: expect.objectContaining({ name }),
    }),
  });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

  it('replaces what it emitted with an empty list when the directory is empty, and not when it is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    const { provider, connection, applyMutation } = connected(dir);
    await provider.connect(connection);
    expect(await provider.refresh()).toBe(0);
    expect(applyMutation).toHaveBeenCalledWith({ type: 'full', entities: [] });

    rmSync(dir, { recursive: true });
    expect(await provider.refresh()).toBeUndefined();
    expect(applyMutation).toHaveBeenCalledTimes(1);
  });

  it('takes a file ending in an empty document without a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    writeService(dir, 'orders-api', `${component('orders-api')}---\n`);
    const { provider, connection, applyMutation, logger } = connected(dir);
    await provider.connect(connection);

    expect(await provider.refresh()).toBe(1);
    expect(applyMutation).toHaveBeenCalledTimes(1);
    expect(logger.warn).not.toHaveBeenCalled();
  });
});

describe('CreatedServicesProvider with files that must not become entities', () => {
  it('emits an entity two directories name once, from the first by name, and warns about the other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    // Written in the other order, so the order of creation does not decide.
    writeService(dir, 'orders-api-copy', component('orders-api'));
    writeService(dir, 'orders-api', component('orders-api'));
    const { provider, connection, applyMutation, logger } = connected(dir);
    await provider.connect(connection);

    expect(await provider.refresh()).toBe(1);
    const first = join(dir, 'orders-api', 'catalog-info.yaml');
    const copy = join(dir, 'orders-api-copy', 'catalog-info.yaml');
    expect(applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [expect.objectContaining({ locationKey: `file:${first}` })],
    });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      `${copy} describes component:default/orders-api, which ${first} describes already; it is left out`,
    );
  });

  it('ignores a service publish:local is still building in a dot-directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    writeService(dir, 'orders-api', component('orders-api'));
    // Cut off mid-value, the file is still a valid Component: lifecycle `exp`.
    const text = component('billing-api');
    writeService(
      dir,
      '.tmp-billing-api-1f2e3d',
      text.slice(0, text.indexOf('experimental') + 3),
    );
    const { provider, connection, applyMutation, logger } = connected(dir);
    await provider.connect(connection);

    expect(await provider.refresh()).toBe(1);
    expect(applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        expect.objectContaining({
          entity: expect.objectContaining({
            metadata: expect.objectContaining({ name: 'orders-api' }),
          }),
        }),
      ],
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });
});

describe('CreatedServicesProvider on several backend replicas', () => {
  it('applies nothing on a replica where the directory does not exist, so the one that has it is not undone', async () => {
    // Two replicas, one catalog: the task runs on either. Only the first has
    // the directory the template wrote into.
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    writeService(dir, 'orders-api', component('orders-api'));
    const applyMutation = jest.fn(async () => {});
    const connection = {
      applyMutation,
      refresh: jest.fn(),
    } as unknown as EntityProviderConnection;
    const withDirectory = new CreatedServicesProvider(
      dir,
      mockServices.logger.mock(),
    );
    const otherLogger = mockServices.logger.mock();
    const withoutDirectory = new CreatedServicesProvider(
      join(tmpdir(), 'no-such-dir-for-created-services'),
      otherLogger,
    );
    await withDirectory.connect(connection);
    await withoutDirectory.connect(connection);

    expect(await withDirectory.refresh()).toBe(1);
    expect(await withoutDirectory.refresh()).toBeUndefined();
    expect(await withoutDirectory.refresh()).toBeUndefined();
    expect(applyMutation).toHaveBeenCalledTimes(1);
    expect(applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        expect.objectContaining({
          entity: expect.objectContaining({
            metadata: expect.objectContaining({ name: 'orders-api' }),
          }),
        }),
      ],
    });
    // Said once, not every 10 seconds.
    expect(otherLogger.info).toHaveBeenCalledTimes(1);
    expect(otherLogger.info).toHaveBeenCalledWith(
      expect.stringContaining('does not exist on this host'),
    );
    expect(otherLogger.warn).not.toHaveBeenCalled();
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

  it('emits the other services when one catalog-info.yaml cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    writeService(dir, 'orders-api', component('orders-api'));
    // A directory where the file should be: reading it fails with EISDIR.
    mkdirSync(join(dir, 'billing-api', 'catalog-info.yaml'), {
      recursive: true,
    });
    const { provider, connection, applyMutation, logger } = connected(dir);
    await provider.connect(connection);

    // Never read cleanly, the file adds nothing.
    expect(await provider.refresh()).toBe(1);
    expect(applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [entityNamed('orders-api')],
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `Cannot read ${join(dir, 'billing-api', 'catalog-info.yaml')}`,
      ),
    );
  });

  it('names each document that is not valid YAML or not an entity, and takes none of that file', async () => {
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

    expect(await provider.refresh()).toBe(1);
    expect(applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [entityNamed('orders-api')],
    });
    const brokenFile = join(dir, 'broken', 'catalog-info.yaml');
    const warnings = logger.warn.mock.calls.map(([message]) => message);
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${escape(
            brokenFile,
          )}: document 1 is not a catalog entity: .*; it adds nothing until it reads cleanly$`,
        ),
      ),
      expect.stringContaining(
        `${brokenFile}: document 2 is not a catalog entity`,
      ),
      expect.stringContaining(`${brokenFile}: document 3 is not valid YAML`),
    ]);
  });

  it('keeps a service whose file is caught half-written, and takes the whole file once it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    writeService(dir, 'orders-api', component('orders-api'));
    const text = component('billing-api');
    writeService(dir, 'billing-api', text);
    const { provider, connection, applyMutation } = connected(dir);
    await provider.connect(connection);
    expect(await provider.refresh()).toBe(2);

    // Copied again, and read in the middle of the copy.
    const file = join(dir, 'billing-api', 'catalog-info.yaml');
    // `metadata:\n  na`: metadata is the string 'na'.
    writeFileSync(file, text.slice(0, text.indexOf('name:') + 2));
    expect(await provider.refresh()).toBe(2);
    expect(applyMutation).toHaveBeenLastCalledWith({
      type: 'full',
      entities: [entityNamed('billing-api'), entityNamed('orders-api')],
    });

    writeFileSync(file, text.replace('experimental', 'production'));
    expect(await provider.refresh()).toBe(2);
    expect(applyMutation).toHaveBeenLastCalledWith({
      type: 'full',
      entities: [
        expect.objectContaining({
          entity: expect.objectContaining({
            metadata: expect.objectContaining({ name: 'billing-api' }),
            spec: expect.objectContaining({ lifecycle: 'production' }),
          }),
        }),
        entityNamed('orders-api'),
      ],
    });
  });

  it('adds a new service and removes a deleted one while another file is broken, keeping what that file described', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    writeService(dir, 'orders-api', component('orders-api'));
    writeService(dir, 'billing-api', component('billing-api'));
    const { provider, connection, applyMutation, logger } = connected(dir);
    await provider.connect(connection);
    expect(await provider.refresh()).toBe(2);

    writeFileSync(join(dir, 'billing-api', 'catalog-info.yaml'), 'kind: [\n');
    writeService(dir, 'search-api', component('search-api'));
    rmSync(join(dir, 'orders-api'), { recursive: true });
    expect(await provider.refresh()).toBe(2);
    expect(applyMutation).toHaveBeenLastCalledWith({
      type: 'full',
      entities: [entityNamed('billing-api'), entityNamed('search-api')],
    });
    expect(await provider.refresh()).toBe(2);
    // Said once, not on every read.
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /billing-api.catalog-info\.yaml: document 1 is not valid YAML: .*; keeping what it described when it last read cleanly \(1 entities\)$/s,
      ),
    );
  });

  it('forgets a broken file once its directory is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    writeService(dir, 'billing-api', component('billing-api'));
    const { provider, connection, applyMutation } = connected(dir);
    await provider.connect(connection);
    expect(await provider.refresh()).toBe(1);

    const file = join(dir, 'billing-api', 'catalog-info.yaml');
    writeFileSync(file, 'kind: [\n');
    expect(await provider.refresh()).toBe(1);
    rmSync(join(dir, 'billing-api'), { recursive: true });
    expect(await provider.refresh()).toBe(0);
    // Made again, broken, it no longer stands for the old service.
    writeService(dir, 'billing-api', 'kind: [\n');
    expect(await provider.refresh()).toBe(0);
    expect(applyMutation).toHaveBeenLastCalledWith({
      type: 'full',
      entities: [],
    });
  });

  it('does not follow a catalog-info.yaml that is a symbolic link, and warns once', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    const secret = join(outside, 'catalog-info.yaml');
    writeFileSync(secret, component('not-from-here'));
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    writeService(dir, 'orders-api', component('orders-api'));
    mkdirSync(join(dir, 'linked'));
    const link = join(dir, 'linked', 'catalog-info.yaml');
    symlinkSync(secret, link);
    const { provider, connection, applyMutation, logger } = connected(dir);
    await provider.connect(connection);

    expect(await provider.refresh()).toBe(1);
    expect(await provider.refresh()).toBe(1);
    expect(applyMutation).toHaveBeenLastCalledWith({
      type: 'full',
      entities: [entityNamed('orders-api')],
    });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      `${link} is a symbolic link, which is not followed; it is left out`,
    );
  });

  it('logs the problems when they change, not on every read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    writeService(dir, 'orders-api', 'kind: [\n');
    const { provider, connection, logger } = connected(dir);
    await provider.connect(connection);

    await provider.refresh();
    await provider.refresh();
    expect(logger.warn).toHaveBeenCalledTimes(1);

    writeService(dir, 'billing-api', 'kind: Component\n');
    await provider.refresh();
    await provider.refresh();
    expect(logger.warn).toHaveBeenCalledTimes(3);

    rmSync(join(dir, 'orders-api'), { recursive: true });
    rmSync(join(dir, 'billing-api'), { recursive: true });
    await provider.refresh();
    await provider.refresh();
    expect(logger.warn).toHaveBeenCalledTimes(3);
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('reads without problems again'),
    );

    // The same mistake made again is logged again.
    writeService(dir, 'orders-api', 'kind: [\n');
    await provider.refresh();
    expect(logger.warn).toHaveBeenCalledTimes(4);
  });

  it('leaves out an entity of another kind once, and still emits the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'created-'));
    writeService(
      dir,
      'orders-api',
      `${component(
        'orders-api',
      )}---\napiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: more\nspec:\n  targets: [/etc]\n`,
    );
    const { provider, connection, applyMutation, logger } = connected(dir);
    await provider.connect(connection);

    expect(await provider.refresh()).toBe(1);
    expect(await provider.refresh()).toBe(1);
    expect(applyMutation).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      `${join(
        dir,
        'orders-api',
        'catalog-info.yaml',
      )}: document 2 is a Location, not a Component, API or Resource; it is left out`,
    );
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
