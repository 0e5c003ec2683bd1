/*
 * Registry images at scale, against Debian's docker-registry on loopback:
 * 500 repositories with 50 versions each, services running an old one.
 * Measures a first collection (the digests and details of the tags worth
 * reading: the one in use and the ten newest) and a second one (digests
 * unchanged, so details come from the store): time, requests made, tags
 * listed and read, cache hit rate.
 *
 *   yarn bench            (from the repository root)
 */
import { ConfigReader } from '@backstage/config';
import {
  hasDockerRegistry,
  pushImage,
  startRegistry,
} from '@internal/oci-registry-testkit';
import knexFactory from 'knex';
import { mapWithConcurrency } from '../src/clusters/concurrency';
import { migrateToLatest } from '../src/database/migrations';
import { RegistryCollector } from '../src/images/RegistryCollector';
import { readImageSettings } from '../src/images/registryConfig';
import { RegistrySnapshotStore } from '../src/images/RegistrySnapshotStore';
import { fmt, timed, quietLogger } from './benchUtils';

const REPOSITORIES = 500;
const TAGS = 50;

async function main() {
  if (!hasDockerRegistry()) {
    console.log('Registry images: skipped, docker-registry is not installed');
    return;
  }
  console.log(
    `Registry images: ${REPOSITORIES} repositories x ${TAGS} tags on docker-registry\n`,
  );
  const registry = await startRegistry();
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    const repositories = Array.from(
      { length: REPOSITORIES },
      (_, r) =>
        `team-${String(r % 25).padStart(2, '0')}/service-${String(r).padStart(
          4,
          '0',
        )}`,
    );
    const tags = Array.from(
      { length: TAGS },
      (_, t) => `1.${Math.floor(t / 10)}.${t % 10}`,
    );
    const [pushMs] = await timed(() =>
      mapWithConcurrency(repositories, 8, repository =>
        pushImage(registry.url, {
          repository,
          tags,
          created: '2026-11-01T00:00:00Z',
          seed: repository,
        }),
      ),
    );
    console.log(`pushed ${REPOSITORIES * TAGS} tags in ${fmt(pushMs)}`);

    await migrateToLatest(knex);
    const collector = new RegistryCollector(
      new RegistrySnapshotStore(knex),
      readImageSettings(
        new ConfigReader({
          runtimeStack: {
            images: {
              registries: [{ host: registry.host, insecure: true }],
              concurrency: 8,
            },
          },
        }),
      ),
      quietLogger,
    );
    const references = repositories.map(r => `${registry.host}/${r}:1.0.0`);
    const rows: string[][] = [];
    for (const run of ['first run', 'second run']) {
      const [ms, result] = await timed(() => collector.collect(references));
      if (result.failures > 0)
        throw new Error(`${result.failures} repositories failed`);
      rows.push([
        run,
        fmt(ms),
        `${result.requests}`,
        `${result.tagsListed}`,
        `${result.tags}`,
        `${((100 * result.cacheHits) / result.tags).toFixed(1)}%`,
      ]);
    }
    const header = [
      'collection',
      'time',
      'requests',
      'tags listed',
      'with digest',
      'cache hits',
    ];
    const widths = header.map((h, i) =>
      Math.max(h.length, ...rows.map(r => r[i].length)),
    );
    const line = (cells: string[]) =>
      cells.map((c, i) => c.padEnd(widths[i])).join('  ');
    console.log(
      `\n${line(header)}\n${widths.map(w => '-'.repeat(w)).join('  ')}`,
    );
    for (const row of rows) console.log(line(row));
  } finally {
    await knex.destroy();
    await registry.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
