/*
 * Registry images at scale, against Debian's docker-registry on loopback:
 * 500 repositories with 50 versions each, services running an old one; and
 * 100 repositories tagged per build, 100 commit tags each. Measures a first
 * collection (the digests and details of the tags worth reading) and a
 * second one (digests unchanged, so details come from the store, and
 * commit tags read before are kept without a request): time, requests
 * made, tags listed and kept with their digest, cache hit rate.
 *
 *   yarn bench            (from the repository root)
 */
import { ConfigReader } from '@backstage/config';
import {
  hasDockerRegistry,
  pushImage,
  startRegistry,
  type RunningRegistry,
} from '@internal/oci-registry-testkit';
import knexFactory from 'knex';
import { mapWithConcurrency } from '../src/clusters/concurrency';
import { migrateToLatest } from '../src/database/migrations';
import { RegistryCollector } from '../src/images/RegistryCollector';
import { readImageSettings } from '../src/images/registryConfig';
import { RegistrySnapshotStore } from '../src/images/RegistrySnapshotStore';
import { fmt, timed, quietLogger } from './benchUtils';

interface Scenario {
  title: string;
  repositories: number;
  /** The tags of every repository, all on one image. */
  tags: string[];
  /** The tag the services run. */
  inUse: string;
}

const SCENARIOS: Scenario[] = [
  {
    title: 'versions: 500 repositories x 50 versions, services on an old one',
    repositories: 500,
    tags: Array.from(
      { length: 50 },
      (_, t) => `1.${Math.floor(t / 10)}.${t % 10}`,
    ),
    inUse: '1.0.0',
  },
  {
    title:
      'per-build tags: 100 repositories x 100 commit tags, services on one of them',
    repositories: 100,
    tags: Array.from(
      { length: 100 },
      (_, t) => `sha-${(0x4f2a9c1 + t * 7919).toString(16)}`,
    ),
    inUse: `sha-${(0x4f2a9c1).toString(16)}`,
  },
];

async function measure(
  registry: RunningRegistry,
  scenario: Scenario,
  prefix: string,
): Promise<string[][]> {
  const repositories = Array.from(
    { length: scenario.repositories },
    (_, r) =>
      `${prefix}-${String(r % 25).padStart(2, '0')}/service-${String(
        r,
      ).padStart(4, '0')}`,
  );
  const [pushMs] = await timed(() =>
    mapWithConcurrency(repositories, 8, repository =>
      pushImage(registry.url, {
        repository,
        tags: scenario.tags,
        created: '2026-11-01T00:00:00Z',
        seed: repository,
      }),
    ),
  );
  console.log(
    `${scenario.title}: pushed ${
      repositories.length * scenario.tags.length
    } tags in ${fmt(pushMs)}`,
  );
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
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
    const references = repositories.map(
      r => `${registry.host}/${r}:${scenario.inUse}`,
    );
    const rows: string[][] = [];
    for (const run of ['first run', 'second run']) {
      const [ms, result] = await timed(() => collector.collect(references));
      if (result.failures > 0)
        throw new Error(`${result.failures} repositories failed`);
      rows.push([
        prefix,
        run,
        fmt(ms),
        `${result.requests}`,
        `${result.tagsListed}`,
        `${result.tags}`,
        `${((100 * result.cacheHits) / result.tags).toFixed(1)}%`,
      ]);
    }
    return rows;
  } finally {
    await knex.destroy();
  }
}

async function main() {
  if (!hasDockerRegistry()) {
    console.log('Registry images: skipped, docker-registry is not installed');
    return;
  }
  console.log('Registry images on docker-registry\n');
  const registry = await startRegistry();
  try {
    const rows: string[][] = [];
    for (const [i, scenario] of SCENARIOS.entries()) {
      rows.push(
        ...(await measure(registry, scenario, ['versions', 'builds'][i])),
      );
    }
    const header = [
      'tags',
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
    await registry.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
