import {
  formatPlatform,
  type Descriptor,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
} from './manifests';

export interface ImageDetails {
  repository: string;
  /** The tag or digest asked for. */
  reference: string;
  /** Of the manifest the reference names: the index for a multi-arch image. */
  digest: string;
  mediaType: string;
  /** `os/architecture[/variant]` of every image in an index, or of the one image. */
  platforms: string[];
  /** When the image was built. */
  created?: string;
  /** The config's `Labels`. */
  labels: Record<string, string>;
  /** The manifest's annotations, overlaid by the index's. */
  annotations: Record<string, string>;
  /** `org.opencontainers.image.source`, from annotations or else labels. */
  source?: string;
  revision?: string;
  version?: string;
}

const OCI_PREFIX = 'org.opencontainers.image.';

/** buildx stores attestations in an index as `unknown/unknown` images. */
const isAttestation = (descriptor: Descriptor) =>
  descriptor.platform?.os === 'unknown' ||
  descriptor.annotations?.['vnd.docker.reference.type'] ===
    'attestation-manifest';

/** The images of an index that run somewhere. */
export const runnableManifests = (index: ImageIndex) =>
  index.manifests.filter(m => !isAttestation(m));

/** linux/amd64 when there is one, as most clusters run it, else the first. */
export function choosePlatformManifest(
  index: ImageIndex,
): Descriptor | undefined {
  const runnable = runnableManifests(index);
  return (
    runnable.find(
      m => m.platform?.os === 'linux' && m.platform.architecture === 'amd64',
    ) ?? runnable[0]
  );
}

/**
 * Reproducible builds set `created` to the epoch, which says nothing about
 * when the image was built.
 */
const meaningfulDate = (value: unknown): string | undefined =>
  typeof value === 'string' &&
  !Number.isNaN(Date.parse(value)) &&
  Date.parse(value) > 0
    ? value
    : undefined;

const stringRecord = (value: unknown): Record<string, string> =>
  typeof value === 'object' && value !== null
    ? Object.fromEntries(
        Object.entries(value).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        ),
      )
    : {};

function configPlatform({ os, architecture, variant }: ImageConfig): string[] {
  return os && architecture
    ? [formatPlatform({ os, architecture, variant })]
    : [];
}

/** What describeImage reports, from the documents it fetched. */
export function summarizeImage(input: {
  repository: string;
  reference: string;
  digest: string;
  mediaType: string;
  index?: ImageIndex;
  manifest: ImageManifest;
  config: ImageConfig;
}): ImageDetails {
  const labels = stringRecord(input.config.config?.Labels);
  const annotations = {
    ...stringRecord(input.manifest.annotations),
    ...stringRecord(input.index?.annotations),
  };
  const oci = (key: string): string | undefined =>
    annotations[OCI_PREFIX + key] || labels[OCI_PREFIX + key] || undefined;
  const platforms = input.index
    ? runnableManifests(input.index).flatMap(m =>
        m.platform ? [formatPlatform(m.platform)] : [],
      )
    : configPlatform(input.config);
  const created =
    meaningfulDate(oci('created')) ?? meaningfulDate(input.config.created);
  const source = oci('source');
  const revision = oci('revision');
  const version = oci('version');
  return {
    repository: input.repository,
    reference: input.reference,
    digest: input.digest,
    mediaType: input.mediaType,
    platforms,
    ...(created ? { created } : {}),
    labels,
    annotations,
    ...(source ? { source } : {}),
    ...(revision ? { revision } : {}),
    ...(version ? { version } : {}),
  };
}
