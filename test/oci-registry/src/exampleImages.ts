import { buildImageContent } from './imageContent';
import {
  pushImage,
  type PushedImage,
  type PushImageOptions,
} from './pushImage';

/** Where the example estate's clusters pull their images from. */
export const EXAMPLE_REGISTRY_HOST = 'registry.example.com';

interface ExampleRelease {
  /** The first tag is the version; more tags point at the same image. */
  tags: string[];
  /** Built this many days before the day the examples are made for. */
  daysAgo: number;
  /**
   * The clusters run an earlier build of this tag: the tag was pushed again
   * after the rollout, so what runs no longer matches it (digest drift).
   */
  clustersRunEarlierBuild?: boolean;
}

interface ExampleRepository {
  repository: string;
  source: string;
  format: NonNullable<PushImageOptions['format']>;
  /** Oldest first. */
  releases: ExampleRelease[];
}

/**
 * Every repository the example estate runs or declares under the registry's
 * allow-list (`payments/*`, `checkout/*`, `catalog/*`), with the tags the
 * fixture clusters run. Most services are current; the rest show each kind
 * of drift once or twice, against the default 90-day age limit.
 */
const EXAMPLE_REPOSITORIES: ExampleRepository[] = [
  {
    // Tag 1.14.2 moved after the rollout, and 1.15.0 is out.
    repository: 'payments/payments-api',
    source: 'https://github.com/acme/payments-api',
    format: 'oci',
    releases: [
      { tags: ['1.14.0'], daysAgo: 120 },
      { tags: ['1.14.1'], daysAgo: 75 },
      { tags: ['1.14.2'], daysAgo: 40, clustersRunEarlierBuild: true },
      { tags: ['1.15.0'], daysAgo: 6 },
    ],
  },
  {
    // Runs 3.2.0, built 150 days ago; 3.3.0 waits.
    repository: 'payments/payments-ledger',
    source: 'https://github.com/acme/payments-ledger',
    format: 'docker',
    releases: [
      { tags: ['3.2.0'], daysAgo: 150 },
      { tags: ['3.3.0'], daysAgo: 20 },
    ],
  },
  {
    repository: 'payments/payments-ledger-migrations',
    source: 'https://github.com/acme/payments-ledger',
    format: 'docker',
    releases: [
      { tags: ['3.2.0'], daysAgo: 150 },
      { tags: ['3.3.0'], daysAgo: 20 },
    ],
  },
  {
    repository: 'payments/fraud-scoring',
    source: 'https://github.com/acme/fraud-scoring',
    format: 'oci',
    releases: [
      { tags: ['0.9.6'], daysAgo: 60 },
      { tags: ['0.9.7'], daysAgo: 12 },
    ],
  },
  {
    repository: 'checkout/checkout-web',
    source: 'https://github.com/acme/checkout-web',
    format: 'oci-index',
    releases: [
      { tags: ['4.6.0'], daysAgo: 45 },
      { tags: ['4.7.0', 'latest'], daysAgo: 9 },
    ],
  },
  {
    // 2.12.0 is out.
    repository: 'checkout/checkout-api',
    source: 'https://github.com/acme/checkout-api',
    format: 'oci',
    releases: [
      { tags: ['2.11.3'], daysAgo: 50 },
      { tags: ['2.11.4'], daysAgo: 30 },
      { tags: ['2.12.0'], daysAgo: 3 },
    ],
  },
  {
    // prod-eu-1 runs 2.4.1, prod-us-1 is still on 2.4.0.
    repository: 'checkout/cart-service',
    source: 'https://gitlab.com/acme/cart-service',
    format: 'oci',
    releases: [
      { tags: ['2.4.0'], daysAgo: 35 },
      { tags: ['2.4.1'], daysAgo: 5 },
    ],
  },
  {
    // Nothing newer, but the build is old.
    repository: 'checkout/order-history',
    source: 'https://github.com/acme/order-history',
    format: 'oci',
    releases: [
      { tags: ['1.7.2'], daysAgo: 200 },
      { tags: ['1.8.0'], daysAgo: 110 },
    ],
  },
  {
    repository: 'catalog/catalog-api',
    source: 'https://github.com/acme/catalog-api',
    format: 'oci',
    releases: [
      { tags: ['5.0.0'], daysAgo: 80 },
      { tags: ['5.0.3'], daysAgo: 25 },
    ],
  },
  {
    repository: 'catalog/search-indexer',
    source: 'https://github.com/acme/search-indexer',
    format: 'oci',
    releases: [
      { tags: ['2.0.0'], daysAgo: 90 },
      { tags: ['2.1.0'], daysAgo: 18 },
    ],
  },
  {
    repository: 'catalog/image-resizer',
    source: 'https://github.com/acme/image-resizer',
    format: 'oci',
    releases: [{ tags: ['1.3.5'], daysAgo: 33 }],
  },
  {
    repository: 'catalog/image-resizer-worker',
    source: 'https://github.com/acme/image-resizer',
    format: 'oci',
    releases: [{ tags: ['1.3.5'], daysAgo: 33 }],
  },
  {
    repository: 'catalog/catalog-admin-web',
    source: 'https://github.com/acme/catalog-admin-web',
    format: 'oci-index',
    releases: [{ tags: ['1.2.0'], daysAgo: 14 }],
  },
];

const DAY_MS = 86_400_000;

/** A fake but stable commit id per release. */
const revisionOf = (repository: string, version: string) =>
  Buffer.from(`${repository}@${version}`)
    .toString('hex')
    .padEnd(40, '0')
    .slice(0, 40);

/**
 * Midnight UTC of `day` (`YYYY-MM-DD`), or of today. The registry and the
 * fake clusters must build the same images, so both take the day, not the
 * time: build dates, and with them digests, change once a day.
 */
export function exampleImagesDay(day?: string): Date {
  if (day === undefined) {
    return new Date(new Date().toISOString().slice(0, 10));
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) {
    throw new Error(`Invalid example images day '${day}', expected YYYY-MM-DD`);
  }
  return new Date(day);
}

function imageOf(
  { repository, source, format }: ExampleRepository,
  { tags, daysAgo }: ExampleRelease,
  day: Date,
  build = '',
): PushImageOptions {
  const version = tags[0];
  const created = new Date(
    day.getTime() - daysAgo * DAY_MS + 9 * 3_600_000,
  ).toISOString();
  const oci = {
    'org.opencontainers.image.source': source,
    'org.opencontainers.image.revision': revisionOf(repository, version),
    'org.opencontainers.image.version': version,
    'org.opencontainers.image.created': created,
  };
  return {
    repository,
    tags,
    format,
    created,
    seed: `${repository}@${version}${build}`,
    labels: { ...oci, 'org.opencontainers.image.title': repository },
    // Docker v2 manifests cannot carry annotations; labels say it all.
    annotations: format === 'docker' ? undefined : oci,
  };
}

/**
 * The images of the example portal, as `pushImage` options, built as of
 * `day` (default: today, see `exampleImagesDay`).
 */
export function exampleImages(
  day: Date = exampleImagesDay(),
): PushImageOptions[] {
  return EXAMPLE_REPOSITORIES.flatMap(repository =>
    repository.releases.map(release => imageOf(repository, release, day)),
  );
}

/**
 * What the example clusters run: the manifest digest per
 * `registry.example.com/<repository>:<tag>`, for the images of
 * `exampleImages(day)`. A release the clusters run an earlier build of
 * gets that build's digest, which the registry does not hold.
 */
export function exampleRunningDigests(
  day: Date = exampleImagesDay(),
): Map<string, string> {
  const digests = new Map<string, string>();
  for (const repository of EXAMPLE_REPOSITORIES) {
    for (const release of repository.releases) {
      const image = release.clustersRunEarlierBuild
        ? imageOf(
            repository,
            { ...release, daysAgo: release.daysAgo + 1 },
            day,
            '#earlier-build',
          )
        : imageOf(repository, release, day);
      const { digest } = buildImageContent(image).manifest;
      for (const tag of release.tags) {
        digests.set(
          `${EXAMPLE_REGISTRY_HOST}/${repository.repository}:${tag}`,
          digest,
        );
      }
    }
  }
  return digests;
}

/** Pushes `exampleImages(day)` to a registry. */
export async function pushExampleImages(
  registryUrl: string,
  day: Date = exampleImagesDay(),
): Promise<PushedImage[]> {
  const pushed: PushedImage[] = [];
  for (const image of exampleImages(day)) {
    pushed.push(await pushImage(registryUrl, image));
  }
  return pushed;
}
