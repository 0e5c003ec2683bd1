import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { MediaTypes } from './mediaTypes';

export type ImageFormat = 'oci' | 'docker' | 'oci-index';

export interface ImageContentOptions {
  repository: string;
  /** The config's `created`. Default: a fixed date, so digests are stable. */
  created?: string;
  /** The config's `Labels`. */
  labels?: Record<string, string>;
  /**
   * Manifest annotations, e.g. `org.opencontainers.image.source`. On an
   * index they go on the index and on each platform's manifest; Docker v2
   * manifests have no annotations and drop them.
   */
  annotations?: Record<string, string>;
  /** Default `oci`. `oci-index` is linux/amd64 + linux/arm64. */
  format?: ImageFormat;
  /** Size of the one layer. Default 512. */
  layerBytes?: number;
  /** Makes the layers, and so the digests, differ. Default: the repository. */
  seed?: string;
}

export interface ContentBlob {
  mediaType: string;
  digest: string;
  size: number;
  bytes: Buffer;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface ImageContent {
  /** Config and layer blobs of every platform. */
  blobs: ContentBlob[];
  /** The per-platform manifests an index refers to, pushed by digest. */
  platformManifests: Array<ContentBlob & { platform: Platform }>;
  /** The manifest the tags point at. */
  manifest: ContentBlob;
  /** The config of the (first) platform. */
  configDigest: string;
}

const DEFAULT_CREATED = '2024-01-01T00:00:00Z';

const sha256 = (bytes: Buffer) =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

const blobOf = (mediaType: string, bytes: Buffer): ContentBlob => ({
  mediaType,
  digest: sha256(bytes),
  size: bytes.length,
  bytes,
});

const jsonBlob = (mediaType: string, value: object) =>
  blobOf(mediaType, Buffer.from(JSON.stringify(value)));

const descriptor = ({ mediaType, digest, size }: ContentBlob) => ({
  mediaType,
  digest,
  size,
});

/** Deterministic pseudo-random bytes: the same seed gives the same layer. */
function layerBytesFor(seed: string, length: number): Buffer {
  const chunks: Buffer[] = [];
  for (let counter = 0; chunks.length * 32 < length; counter++) {
    chunks.push(createHash('sha256').update(`${seed}\0${counter}`).digest());
  }
  return Buffer.concat(chunks).subarray(0, length);
}

function platformImage(
  options: ImageContentOptions,
  platform: Platform,
  docker: boolean,
) {
  const created = options.created ?? DEFAULT_CREATED;
  const uncompressed = layerBytesFor(
    `${options.seed ?? options.repository}/${platform.architecture}`,
    options.layerBytes ?? 512,
  );
  const layer = docker
    ? blobOf(MediaTypes.dockerLayer, gzipSync(uncompressed))
    : blobOf(MediaTypes.ociLayer, uncompressed);
  const config = jsonBlob(
    docker ? MediaTypes.dockerConfig : MediaTypes.ociConfig,
    {
      created,
      architecture: platform.architecture,
      ...(platform.variant ? { variant: platform.variant } : {}),
      os: platform.os,
      config: { Labels: options.labels ?? {} },
      rootfs: { type: 'layers', diff_ids: [sha256(uncompressed)] },
      history: [{ created, created_by: 'oci-registry-testkit' }],
    },
  );
  const manifest = jsonBlob(
    docker ? MediaTypes.dockerManifest : MediaTypes.ociManifest,
    {
      schemaVersion: 2,
      mediaType: docker ? MediaTypes.dockerManifest : MediaTypes.ociManifest,
      config: descriptor(config),
      layers: [descriptor(layer)],
      ...(!docker && options.annotations
        ? { annotations: options.annotations }
        : {}),
    },
  );
  return { blobs: [config, layer], manifest, configDigest: config.digest };
}

/** The blobs and manifests of one image, built in memory. */
export function buildImageContent(options: ImageContentOptions): ImageContent {
  const format = options.format ?? 'oci';
  const linuxAmd64: Platform = { os: 'linux', architecture: 'amd64' };
  if (format !== 'oci-index') {
    const image = platformImage(options, linuxAmd64, format === 'docker');
    return {
      blobs: image.blobs,
      platformManifests: [],
      manifest: image.manifest,
      configDigest: image.configDigest,
    };
  }
  const platforms: Platform[] = [
    linuxAmd64,
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
  ];
  const images = platforms.map(platform => ({
    platform,
    ...platformImage(options, platform, false),
  }));
  const index = jsonBlob(MediaTypes.ociIndex, {
    schemaVersion: 2,
    mediaType: MediaTypes.ociIndex,
    manifests: images.map(image => ({
      ...descriptor(image.manifest),
      platform: image.platform,
    })),
    ...(options.annotations ? { annotations: options.annotations } : {}),
  });
  return {
    blobs: images.flatMap(image => image.blobs),
    platformManifests: images.map(image => ({
      ...image.manifest,
      platform: image.platform,
    })),
    manifest: index,
    configDigest: images[0].configDigest,
  };
}
