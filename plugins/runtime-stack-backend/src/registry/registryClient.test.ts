import {
  hasDockerRegistry,
  pushImage,
  startRegistry,
  startTokenServer,
  type PushedImage,
  type RunningRegistry,
  type TokenServer,
} from '@internal/oci-registry-testkit';
import { OciRegistryClient } from './registryClient';
import { failure } from './__testUtils__/failure';
import { realServerAvailable } from '../__testUtils__/realServers';

jest.setTimeout(60_000);

const OCI = 'org.opencontainers.image.';
const describeWithRegistry = realServerAvailable(
  hasDockerRegistry(),
  'the real-registry tests of OciRegistryClient',
  'docker-registry',
)
  ? describe
  : describe.skip;

const clientFor = (
  registry: RunningRegistry,
  auth?: ConstructorParameters<typeof OciRegistryClient>[0]['auth'],
) => new OciRegistryClient({ host: registry.host, insecure: true, auth });

describeWithRegistry('OciRegistryClient against docker-registry', () => {
  let registry: RunningRegistry;
  let oci: PushedImage;
  let docker: PushedImage;
  let index: PushedImage;

  beforeAll(async () => {
    registry = await startRegistry();
    oci = await pushImage(registry.url, {
      repository: 'team/oci-app',
      tags: ['1.0.0', '1.1.0'],
      format: 'oci',
      created: '2025-02-01T10:00:00Z',
      labels: { [`${OCI}source`]: 'https://example.com/label-source' },
      annotations: { [`${OCI}revision`]: 'abc123' },
    });
    docker = await pushImage(registry.url, {
      repository: 'team/docker-app',
      tags: ['3.2.0'],
      format: 'docker',
      created: '2024-11-20T16:00:00Z',
      labels: { [`${OCI}version`]: '3.2.0', team: 'payments' },
    });
    index = await pushImage(registry.url, {
      repository: 'team/multi-arch',
      tags: ['2.0.0', 'latest'],
      format: 'oci-index',
      created: '2025-03-01T12:00:00Z',
      labels: {
        [`${OCI}source`]: 'https://example.com/from-label',
        [`${OCI}created`]: '2025-03-01T12:00:00Z',
      },
      annotations: {
        [`${OCI}source`]: 'https://example.com/multi-arch',
        [`${OCI}revision`]: 'def456',
        [`${OCI}version`]: '2.0.0',
      },
    });
  });

  afterAll(async () => {
    await registry?.stop();
  });

  it('probes the registry', async () => {
    expect(await clientFor(registry).probe()).toEqual({
      reachable: true,
      auth: 'none',
    });
  });

  it('lists tags (this registry ignores n and answers in one page)', async () => {
    const client = clientFor(registry);
    expect((await client.listTags('team/multi-arch')).sort()).toEqual([
      '2.0.0',
      'latest',
    ]);
    expect(
      (await client.listTags('team/oci-app', { pageSize: 1 })).sort(),
    ).toEqual(['1.0.0', '1.1.0']);
  });

  it('resolves tags to the pushed digests in every format', async () => {
    const client = clientFor(registry);
    expect(await client.resolveDigest('team/oci-app', '1.1.0')).toBe(
      oci.digest,
    );
    expect(await client.resolveDigest('team/docker-app', '3.2.0')).toBe(
      docker.digest,
    );
    expect(await client.resolveDigest('team/multi-arch', 'latest')).toBe(
      index.digest,
    );
    expect(await client.resolveDigest('team/oci-app', oci.digest)).toBe(
      oci.digest,
    );
    // One HEAD each: no challenge, no body.
    expect(client.requestCount).toBe(4);
  });

  it('gets manifests and answers notModified for an unchanged one', async () => {
    const client = clientFor(registry);
    const manifest = await client.getManifest('team/oci-app', '1.0.0');
    if ('notModified' in manifest) throw new Error('expected a manifest');
    expect(manifest).toMatchObject({
      digest: oci.digest,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      etag: `"${oci.digest}"`,
      body: { config: { digest: oci.configDigest } },
    });

    expect(
      await client.getManifest('team/oci-app', '1.0.0', {
        ifNoneMatch: manifest.etag,
      }),
    ).toEqual({ notModified: true });
    expect(
      await client.getManifest('team/oci-app', '1.0.0', {
        ifNoneMatch: manifest.digest,
      }),
    ).toEqual({ notModified: true });
    const changed = await client.getManifest('team/docker-app', '3.2.0', {
      ifNoneMatch: manifest.digest,
    });
    expect(changed).toMatchObject({
      digest: docker.digest,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    });
  });

  it('describes a multi-arch OCI index', async () => {
    const client = clientFor(registry);
    expect(await client.describeImage('team/multi-arch', '2.0.0')).toEqual({
      repository: 'team/multi-arch',
      reference: '2.0.0',
      digest: index.digest,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      platforms: ['linux/amd64', 'linux/arm64/v8'],
      created: '2025-03-01T12:00:00Z',
      labels: {
        [`${OCI}source`]: 'https://example.com/from-label',
        [`${OCI}created`]: '2025-03-01T12:00:00Z',
      },
      annotations: {
        [`${OCI}source`]: 'https://example.com/multi-arch',
        [`${OCI}revision`]: 'def456',
        [`${OCI}version`]: '2.0.0',
      },
      source: 'https://example.com/multi-arch',
      revision: 'def456',
      version: '2.0.0',
    });
    // index, amd64 manifest, config blob
    expect(client.requestCount).toBe(3);
  });

  it('describes single-platform OCI and Docker images', async () => {
    const client = clientFor(registry);
    expect(
      await client.describeImage('team/oci-app', oci.digest),
    ).toMatchObject({
      digest: oci.digest,
      platforms: ['linux/amd64'],
      created: '2025-02-01T10:00:00Z',
      source: 'https://example.com/label-source',
      revision: 'abc123',
    });
    const described = await client.describeImage('team/docker-app', '3.2.0');
    expect(described).toMatchObject({
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      platforms: ['linux/amd64'],
      created: '2024-11-20T16:00:00Z',
      labels: { [`${OCI}version`]: '3.2.0', team: 'payments' },
      annotations: {},
      version: '3.2.0',
    });
  });

  it('answers 404 for an unknown tag or repository', async () => {
    const client = clientFor(registry);
    expect(await client.resolveDigest('team/oci-app', '9.9.9')).toBeUndefined();
    const error = await failure(client.getManifest('team/oci-app', '9.9.9'));
    expect(error.status).toBe(404);
    expect(error.message).toBe(
      `GET ${registry.host}/v2/team/oci-app/manifests/9.9.9 answered 404: MANIFEST_UNKNOWN manifest unknown`,
    );
    await expect(
      client.describeImage('team/oci-app', '9.9.9'),
    ).rejects.toMatchObject({ status: 404 });
    await expect(client.listTags('team/nothing-here')).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('NAME_UNKNOWN'),
    });
  });
});

describeWithRegistry(
  'OciRegistryClient against docker-registry with token auth',
  () => {
    let tokenServer: TokenServer;
    let registry: RunningRegistry;
    let pushed: PushedImage;

    beforeAll(async () => {
      tokenServer = await startTokenServer({
        users: [{ username: 'robot', password: 's3cret' }],
      });
      registry = await startRegistry({ auth: { token: tokenServer } });
      pushed = await pushImage(
        registry.url,
        {
          repository: 'secure/app',
          tags: ['1.0.0', '1.1.0'],
          format: 'oci-index',
        },
        { username: 'robot', password: 's3cret' },
      );
    });

    afterAll(async () => {
      await registry?.stop();
      await tokenServer?.stop();
    });

    it('probes the scheme', async () => {
      expect(await clientFor(registry).probe()).toEqual({
        reachable: true,
        auth: 'bearer',
      });
    });

    it('fetches one token per repository through the challenge', async () => {
      const before = tokenServer.requests.length;
      const client = clientFor(registry, {
        username: 'robot',
        password: 's3cret',
      });
      expect((await client.listTags('secure/app')).sort()).toEqual([
        '1.0.0',
        '1.1.0',
      ]);
      expect(await client.resolveDigest('secure/app', '1.0.0')).toBe(
        pushed.digest,
      );
      const details = await client.describeImage('secure/app', '1.1.0');
      expect(details.platforms).toEqual(['linux/amd64', 'linux/arm64/v8']);

      const tokenRequests = tokenServer.requests.slice(before);
      expect(tokenRequests).toEqual([
        {
          service: tokenServer.service,
          scopes: ['repository:secure/app:pull'],
          username: 'robot',
          granted: true,
        },
      ]);
      // challenge + token + tags, HEAD, index + manifest + config
      expect(client.requestCount).toBe(7);
    });

    it('uses a static token as it is', async () => {
      const token = tokenServer.issueToken([
        { type: 'repository', name: 'secure/app', actions: ['pull'] },
      ]);
      const client = clientFor(registry, { token });
      expect(await client.resolveDigest('secure/app', '1.0.0')).toBe(
        pushed.digest,
      );
      expect(client.requestCount).toBe(1);
    });

    it('fails without credentials and with wrong ones, revealing neither', async () => {
      const anonymous = await failure(
        clientFor(registry).listTags('secure/app'),
      );
      expect(anonymous).toMatchObject({
        name: 'RegistryRequestError',
        status: 401,
      });

      const wrong = await failure(
        clientFor(registry, {
          username: 'robot',
          password: 'not-the-password',
        }).listTags('secure/app'),
      );
      expect(wrong.status).toBe(401);
      expect(wrong.message).toMatch(
        /^GET 127\.0\.0\.1:\d+\/token answered 401/,
      );
      expect(wrong.message).not.toContain('not-the-password');

      const token = tokenServer.issueToken([
        { type: 'repository', name: 'secure/other', actions: ['pull'] },
      ]);
      const wrongScope = await failure(
        clientFor(registry, { token }).listTags('secure/app'),
      );
      expect(wrongScope.status).toBe(401);
      expect(wrongScope.message).not.toContain(token);
    });
  },
);

describeWithRegistry(
  'OciRegistryClient against docker-registry with htpasswd',
  () => {
    let registry: RunningRegistry;
    let pushed: PushedImage;

    beforeAll(async () => {
      registry = await startRegistry({
        auth: { htpasswd: [{ username: 'robot', password: 's3cret' }] },
      });
      pushed = await pushImage(
        registry.url,
        { repository: 'basic/app', tags: ['1.0.0'] },
        { username: 'robot', password: 's3cret' },
      );
    });

    afterAll(async () => {
      await registry?.stop();
    });

    it('sends Basic credentials after the challenge', async () => {
      const client = clientFor(registry, {
        username: 'robot',
        password: 's3cret',
      });
      expect(await client.probe()).toEqual({ reachable: true, auth: 'basic' });
      expect(await client.listTags('basic/app')).toEqual(['1.0.0']);
      expect(await client.resolveDigest('basic/app', '1.0.0')).toBe(
        pushed.digest,
      );
      // probe, then both requests authorised up front
      expect(client.requestCount).toBe(3);
    });

    it('fails with wrong credentials without revealing them', async () => {
      const error = await failure(
        clientFor(registry, {
          username: 'robot',
          password: 'not-the-password',
        }).listTags('basic/app'),
      );
      expect(error.status).toBe(401);
      expect(error.message).toBe(
        `GET ${registry.host}/v2/basic/app/tags/list answered 401: UNAUTHORIZED authentication required`,
      );
    });
  },
);
