export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_MANIFEST_LIST =
  'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST =
  'application/vnd.docker.distribution.manifest.v2+json';

/**
 * Sent on every manifest request: registries only serve OCI manifests to
 * clients that accept them (distribution answers 404 otherwise).
 */
export const MANIFEST_ACCEPT = [
  OCI_INDEX,
  OCI_MANIFEST,
  DOCKER_MANIFEST_LIST,
  DOCKER_MANIFEST,
].join(', ');

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}

/** An OCI image index or a Docker manifest list. */
export interface ImageIndex {
  schemaVersion: number;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

/** An OCI image manifest or a Docker v2 manifest. */
export interface ImageManifest {
  schemaVersion: number;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export type ManifestDocument = ImageIndex | ImageManifest;

/** The parts of an image config this client reads. */
export interface ImageConfig {
  created?: string;
  os?: string;
  architecture?: string;
  variant?: string;
  config?: { Labels?: Record<string, string> | null };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isDescriptor = (value: unknown): value is Descriptor =>
  isObject(value) && typeof value.digest === 'string';

export const isImageIndex = (
  document: ManifestDocument,
): document is ImageIndex => 'manifests' in document;

/** Checks the shape this client relies on; undefined if it is not a manifest. */
export function asManifestDocument(
  value: unknown,
): ManifestDocument | undefined {
  if (!isObject(value)) return undefined;
  if (Array.isArray(value.manifests) && value.manifests.every(isDescriptor)) {
    return value as unknown as ImageIndex;
  }
  if (isDescriptor(value.config) && Array.isArray(value.layers)) {
    return value as unknown as ImageManifest;
  }
  return undefined;
}

export const asImageConfig = (value: unknown): ImageConfig | undefined =>
  isObject(value) ? (value as ImageConfig) : undefined;

/** `os/architecture[/variant]` */
export const formatPlatform = (platform: Platform) =>
  [platform.os, platform.architecture, platform.variant]
    .filter(Boolean)
    .join('/');
