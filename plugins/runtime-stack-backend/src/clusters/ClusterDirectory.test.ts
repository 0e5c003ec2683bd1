import { mockServices } from '@backstage/backend-test-utils';
import type { ClusterDefinition } from './clusterConfig';
import { ClusterDirectory } from './ClusterDirectory';

const cluster = (name: string, url = `https://${name}`): ClusterDefinition => ({
  name,
  url,
  skipTLSVerify: false,
});

describe('ClusterDirectory', () => {
  it('is the configured clusters alone without a catalog locator', async () => {
    const directory = new ClusterDirectory([cluster('a')]);
    expect(directory.dynamic).toBe(false);
    expect(await directory.refresh()).toEqual([cluster('a')]);
    expect(directory.get('a')).toEqual(cluster('a'));
    expect(directory.get('b')).toBeUndefined();
  });

  it('adds the catalog clusters after the configured ones, which win a shared name', async () => {
    const logger = mockServices.logger.mock();
    const directory = new ClusterDirectory(
      [cluster('prod', 'https://configured')],
      async () => ({
        clusters: [cluster('prod', 'https://from-catalog'), cluster('lab')],
        problems: [],
      }),
      logger,
    );
    expect(directory.dynamic).toBe(true);
    expect(directory.names()).toEqual(['prod']);
    await directory.refresh();
    expect(directory.list()).toEqual([
      cluster('prod', 'https://configured'),
      cluster('lab'),
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      "Not collecting kubernetes-cluster Resource 'prod': a cluster of that name is already configured",
    );
  });

  it('warns of each problem once, until it goes away and comes back', async () => {
    const logger = mockServices.logger.mock();
    let problems = ['lab is not allowed'];
    const directory = new ClusterDirectory(
      [],
      async () => ({ clusters: [], problems: [...problems] }),
      logger,
    );
    await directory.refresh();
    await directory.refresh();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    problems = [];
    await directory.refresh();
    problems = ['lab is not allowed'];
    await directory.refresh();
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('keeps the last list when the catalog cannot be read', async () => {
    let fail = false;
    const directory = new ClusterDirectory([], async () => {
      if (fail) throw new Error('catalog down');
      return { clusters: [cluster('lab')], problems: [] };
    });
    await directory.refresh();
    fail = true;
    await expect(directory.refresh()).rejects.toThrow('catalog down');
    expect(directory.names()).toEqual(['lab']);
  });
});
