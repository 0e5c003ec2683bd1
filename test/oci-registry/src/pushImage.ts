import {
  buildImageContent,
  type ContentBlob,
  type ImageContentOptions,
} from './imageContent';
import { PushSession, type PushAuth } from './pushSession';

export interface PushImageOptions extends ImageContentOptions {
  tags: string[];
}

export interface PushedImage {
  repository: string;
  tags: string[];
  /** Of the manifest the tags point at: the index for `oci-index`. */
  digest: string;
  mediaType: string;
  /** The config of the image, or of its linux/amd64 manifest for an index. */
  configDigest: string;
  /** For an index: the manifest of each platform, as `os/arch[/variant]`. */
  platforms: Array<{ platform: string; digest: string }>;
}

async function expectStatus(
  response: Response,
  expected: number,
  what: string,
): Promise<void> {
  if (response.status === expected) return;
  const body = (await response.text()).slice(0, 500);
  throw new Error(
    `${what} answered ${response.status} (expected ${expected}): ${body}`,
  );
}

async function uploadBlob(
  session: PushSession,
  repository: string,
  blob: ContentBlob,
): Promise<void> {
  const existing = await session.request(
    'HEAD',
    `/v2/${repository}/blobs/${blob.digest}`,
  );
  await existing.arrayBuffer();
  if (existing.status === 200) return;

  const started = await session.request(
    'POST',
    `/v2/${repository}/blobs/uploads/`,
  );
  await expectStatus(started, 202, `Starting an upload to ${repository}`);
  await started.arrayBuffer();
  const location = started.headers.get('location');
  if (!location) throw new Error('Upload started without a Location');
  // Location may be relative and already carry query parameters (state).
  const uploadUrl = new URL(location, started.url);
  uploadUrl.searchParams.set('digest', blob.digest);
  const finished = await session.request('PUT', uploadUrl.toString(), {
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(blob.size),
    },
    body: blob.bytes,
  });
  await expectStatus(
    finished,
    201,
    `Uploading ${blob.digest} to ${repository}`,
  );
  await finished.arrayBuffer();
}

async function putManifest(
  session: PushSession,
  repository: string,
  reference: string,
  manifest: ContentBlob,
): Promise<void> {
  const response = await session.request(
    'PUT',
    `/v2/${repository}/manifests/${reference}`,
    { headers: { 'content-type': manifest.mediaType }, body: manifest.bytes },
  );
  await expectStatus(response, 201, `Putting ${repository}:${reference}`);
  await response.arrayBuffer();
  const digest = response.headers.get('docker-content-digest');
  if (digest && digest !== manifest.digest) {
    throw new Error(
      `Registry stored ${repository}:${reference} as ${digest}, not ${manifest.digest}`,
    );
  }
}

/**
 * Pushes an image the way docker/buildx do: every blob through a real
 * upload (POST, then PUT with its digest), the manifests of an index by
 * digest, then the manifest once per tag. Blobs already there are skipped.
 */
export async function pushImage(
  registryUrl: string,
  options: PushImageOptions,
  auth?: PushAuth,
): Promise<PushedImage> {
  const content = buildImageContent(options);
  const { repository } = options;
  const session = new PushSession(registryUrl, repository, auth);
  for (const blob of content.blobs) {
    await uploadBlob(session, repository, blob);
  }
  for (const manifest of content.platformManifests) {
    await putManifest(session, repository, manifest.digest, manifest);
  }
  for (const tag of options.tags) {
    await putManifest(session, repository, tag, content.manifest);
  }
  return {
    repository,
    tags: [...options.tags],
    digest: content.manifest.digest,
    mediaType: content.manifest.mediaType,
    configDigest: content.configDigest,
    platforms: content.platformManifests.map(m => ({
      platform: [m.platform.os, m.platform.architecture, m.platform.variant]
        .filter(Boolean)
        .join('/'),
      digest: m.digest,
    })),
  };
}
