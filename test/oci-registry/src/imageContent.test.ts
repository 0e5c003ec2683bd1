import { buildImageContent } from './imageContent';
import { MediaTypes } from './mediaTypes';

describe('buildImageContent', () => {
  it('is deterministic, and the seed changes the digests', () => {
    const a = buildImageContent({ repository: 'a/b' });
    expect(buildImageContent({ repository: 'a/b' }).manifest.digest).toBe(
      a.manifest.digest,
    );
    expect(
      buildImageContent({ repository: 'a/b', seed: 'other' }).manifest.digest,
    ).not.toBe(a.manifest.digest);
  });

  it('builds an OCI index of linux/amd64 and linux/arm64', () => {
    const content = buildImageContent({
      repository: 'a/b',
      format: 'oci-index',
      annotations: { 'org.opencontainers.image.version': '1' },
    });
    const index = JSON.parse(content.manifest.bytes.toString());
    expect(index.mediaType).toBe(MediaTypes.ociIndex);
    expect(index.annotations).toEqual({
      'org.opencontainers.image.version': '1',
    });
    expect(
      index.manifests.map((m: { platform: object }) => m.platform),
    ).toEqual([
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ]);
    expect(content.platformManifests.map(m => m.digest)).toEqual(
      index.manifests.map((m: { digest: string }) => m.digest),
    );
    expect(content.blobs).toHaveLength(4);
  });

  it('builds Docker v2 images with a gzipped layer and no annotations', () => {
    const content = buildImageContent({
      repository: 'a/b',
      format: 'docker',
      labels: { team: 'x' },
      annotations: { ignored: 'yes' },
      layerBytes: 2000,
    });
    const manifest = JSON.parse(content.manifest.bytes.toString());
    expect(manifest.mediaType).toBe(MediaTypes.dockerManifest);
    expect(manifest.annotations).toBeUndefined();
    expect(manifest.layers[0].mediaType).toBe(MediaTypes.dockerLayer);
    const [config, layer] = content.blobs;
    expect(JSON.parse(config.bytes.toString()).config.Labels).toEqual({
      team: 'x',
    });
    expect(layer.bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });
});
