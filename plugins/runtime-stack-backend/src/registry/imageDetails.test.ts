import { choosePlatformManifest, summarizeImage } from './imageDetails';
import type { ImageIndex, ImageManifest } from './manifests';

const descriptor = (digest: string, os: string, architecture: string) => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest,
  size: 1,
  platform: { os, architecture },
});

const manifest: ImageManifest = {
  schemaVersion: 2,
  config: { mediaType: 'c', digest: 'sha256:c', size: 1 },
  layers: [],
  annotations: {
    'org.opencontainers.image.revision': 'from-manifest',
    'org.opencontainers.image.version': 'manifest-version',
  },
};

describe('choosePlatformManifest', () => {
  it('prefers linux/amd64 and skips attestations', () => {
    const index: ImageIndex = {
      schemaVersion: 2,
      manifests: [
        descriptor('sha256:att', 'unknown', 'unknown'),
        descriptor('sha256:arm', 'linux', 'arm64'),
        descriptor('sha256:amd', 'linux', 'amd64'),
      ],
    };
    expect(choosePlatformManifest(index)?.digest).toBe('sha256:amd');
    index.manifests.pop();
    expect(choosePlatformManifest(index)?.digest).toBe('sha256:arm');
  });
});

describe('summarizeImage', () => {
  const base = {
    repository: 'team/app',
    reference: '1.0.0',
    digest: 'sha256:top',
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    manifest,
  };

  it('lets annotations win over labels and the index over the manifest', () => {
    const details = summarizeImage({
      ...base,
      index: {
        schemaVersion: 2,
        manifests: [descriptor('sha256:amd', 'linux', 'amd64')],
        annotations: { 'org.opencontainers.image.revision': 'from-index' },
      },
      config: {
        created: '2024-05-01T00:00:00Z',
        config: {
          Labels: {
            'org.opencontainers.image.source': 'https://example.com/label',
            'org.opencontainers.image.revision': 'from-label',
            'org.opencontainers.image.created': '2024-06-01T00:00:00Z',
          },
        },
      },
    });
    expect(details).toMatchObject({
      platforms: ['linux/amd64'],
      source: 'https://example.com/label',
      revision: 'from-index',
      version: 'manifest-version',
      created: '2024-06-01T00:00:00Z',
    });
  });

  it('falls back to the config date and platform, and ignores epoch dates', () => {
    const details = summarizeImage({
      ...base,
      manifest: { ...manifest, annotations: undefined },
      config: {
        created: '2024-05-01T00:00:00Z',
        os: 'linux',
        architecture: 'arm',
        variant: 'v7',
        config: { Labels: null },
      },
    });
    expect(details).toEqual({
      repository: 'team/app',
      reference: '1.0.0',
      digest: 'sha256:top',
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      platforms: ['linux/arm/v7'],
      created: '2024-05-01T00:00:00Z',
      labels: {},
      annotations: {},
    });
    expect(
      summarizeImage({
        ...base,
        config: { created: '1970-01-01T00:00:00Z' },
      }).created,
    ).toBeUndefined();
  });
});
