import { createHash } from 'node:crypto';

export const digestOf = (body: string) =>
  `sha256:${createHash('sha256').update(body).digest('hex')}`;

/**
 * An OCI image manifest over `config`, as a registry serves them: the
 * config blob, the manifest that names it and the manifest's digest.
 */
export function ociImage(config: object) {
  const configBody = JSON.stringify(config);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: digestOf(configBody),
      size: configBody.length,
    },
    layers: [],
  });
  return { config: configBody, manifest, digest: digestOf(manifest) };
}
