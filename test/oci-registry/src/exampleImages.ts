import {
  pushImage,
  type PushedImage,
  type PushImageOptions,
} from './pushImage';

interface ExampleRepository {
  repository: string;
  source: string;
  format: NonNullable<PushImageOptions['format']>;
  /** Oldest first; a tag list pushes one image under several tags. */
  releases: Array<{ tags: string[]; created: string }>;
}

const EXAMPLE_REPOSITORIES: ExampleRepository[] = [
  {
    repository: 'payments/payments-api',
    source: 'https://github.com/example/payments-api',
    format: 'oci',
    releases: [
      { tags: ['1.14.0'], created: '2025-01-10T09:00:00Z' },
      { tags: ['1.14.1'], created: '2025-02-03T14:30:00Z' },
      { tags: ['1.14.2'], created: '2025-03-18T11:15:00Z' },
      { tags: ['1.15.0'], created: '2025-05-06T08:45:00Z' },
    ],
  },
  {
    repository: 'payments/payments-ledger',
    source: 'https://github.com/example/payments-ledger',
    format: 'docker',
    releases: [
      { tags: ['3.2.0'], created: '2024-11-20T16:00:00Z' },
      { tags: ['3.3.0'], created: '2025-04-02T10:20:00Z' },
    ],
  },
  {
    repository: 'checkout/checkout-web',
    source: 'https://github.com/example/checkout-web',
    format: 'oci-index',
    releases: [
      { tags: ['2.0.0'], created: '2025-02-14T12:00:00Z' },
      { tags: ['2.1.0', 'latest'], created: '2025-04-28T17:30:00Z' },
    ],
  },
  {
    repository: 'catalog/catalog-api',
    source: 'https://github.com/example/catalog-api',
    format: 'oci',
    releases: [
      { tags: ['5.0.0'], created: '2025-01-22T07:10:00Z' },
      { tags: ['5.1.0'], created: '2025-03-30T13:05:00Z' },
    ],
  },
];

/** A fake but stable commit id per release. */
const revisionOf = (repository: string, version: string) =>
  Buffer.from(`${repository}@${version}`)
    .toString('hex')
    .padEnd(40, '0')
    .slice(0, 40);

/** The images of the example portal, as `pushImage` options. */
export function exampleImages(): PushImageOptions[] {
  return EXAMPLE_REPOSITORIES.flatMap(
    ({ repository, source, format, releases }) =>
      releases.map(({ tags, created }) => {
        const version = tags[0];
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
          seed: `${repository}@${version}`,
          labels: { ...oci, 'org.opencontainers.image.title': repository },
          // Docker v2 manifests cannot carry annotations; labels say it all.
          annotations: format === 'docker' ? undefined : oci,
        };
      }),
  );
}

/** Pushes `exampleImages()` to a registry. */
export async function pushExampleImages(
  registryUrl: string,
): Promise<PushedImage[]> {
  const pushed: PushedImage[] = [];
  for (const image of exampleImages()) {
    pushed.push(await pushImage(registryUrl, image));
  }
  return pushed;
}
