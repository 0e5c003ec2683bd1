import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { basicAuthorization } from './basicCredentials';
import {
  exampleImagesDay,
  exampleRunningDigests,
  pushExampleImages,
} from './exampleImages';
import { findFreePort } from './freePort';
import { MediaTypes } from './mediaTypes';
import { pushImage } from './pushImage';
import {
  hasDockerRegistry,
  startRegistry,
  type RunningRegistry,
} from './registryProcess';
import { startTokenServer, type TokenServer } from './tokenServer';

jest.setTimeout(60_000);

const installed = hasDockerRegistry();
if (!installed) {
  const reason =
    'docker-registry is not installed (apt-get install docker-registry)';
  // CI sets this: there a missing registry is an error, not a skip.
  if (process.env.RUNTIME_STACK_REQUIRE_REAL_SERVERS) {
    throw new Error(`The testkit's registry tests need it: ${reason}`);
  }
  // eslint-disable-next-line no-console
  console.warn(`Skipping the docker-registry tests of the testkit: ${reason}`);
}
const describeWithRegistry = installed ? describe : describe.skip;

const manifestAccept = [
  MediaTypes.ociIndex,
  MediaTypes.ociManifest,
  MediaTypes.dockerManifest,
].join(', ');

describeWithRegistry('startRegistry and pushImage', () => {
  let registry: RunningRegistry;

  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(() => registry?.stop());

  it('answers /v2/ on loopback', async () => {
    expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
    const response = await fetch(`${registry.url}/v2/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('docker-distribution-api-version')).toBe(
      'registry/2.0',
    );
  });

  it.each(['oci', 'docker', 'oci-index'] as const)(
    'pushes a %s image under every tag',
    async format => {
      const pushed = await pushImage(registry.url, {
        repository: `formats/${format}`,
        tags: ['1.0.0', 'latest'],
        format,
        labels: { a: 'b' },
      });
      for (const tag of pushed.tags) {
        const response = await fetch(
          `${registry.url}/v2/formats/${format}/manifests/${tag}`,
          { headers: { accept: manifestAccept } },
        );
        expect(response.status).toBe(200);
        expect(response.headers.get('docker-content-digest')).toBe(
          pushed.digest,
        );
        expect(response.headers.get('content-type')).toBe(pushed.mediaType);
      }
      const config = await fetch(
        `${registry.url}/v2/formats/${format}/blobs/${pushed.configDigest}`,
      );
      expect((await config.json()).config.Labels).toEqual({ a: 'b' });
      expect(pushed.platforms.map(p => p.platform)).toEqual(
        format === 'oci-index' ? ['linux/amd64', 'linux/arm64/v8'] : [],
      );
    },
  );

  it('pushes many tags quickly, uploading the blobs once', async () => {
    const tags = Array.from({ length: 50 }, (_, i) => `1.0.${i}`);
    const started = Date.now();
    await pushImage(registry.url, { repository: 'many/tags', tags });
    expect(Date.now() - started).toBeLessThan(10_000);
    const list = await (
      await fetch(`${registry.url}/v2/many/tags/tags/list`)
    ).json();
    expect(list.tags.sort()).toEqual([...tags].sort());
  });

  it('pushes the example images, which the example clusters run', async () => {
    const day = exampleImagesDay('2026-12-04');
    const pushed = await pushExampleImages(registry.url, day);
    expect(pushed).toHaveLength(26);
    expect(
      pushed
        .filter(p => p.repository === 'payments/payments-api')
        .map(p => p.tags.join(',')),
    ).toEqual(['1.14.0', '1.14.1', '1.14.2', '1.15.0']);
    expect(new Set(pushed.map(p => p.digest)).size).toBe(pushed.length);

    // What the registry serves is what the clusters run, but for the one
    // tag pushed again after its rollout.
    const running = exampleRunningDigests(day);
    const moved = pushed.flatMap(p =>
      p.tags
        .filter(
          tag =>
            running.get(`registry.example.com/${p.repository}:${tag}`) !==
            p.digest,
        )
        .map(tag => `${p.repository}:${tag}`),
    );
    expect(moved).toEqual(['payments/payments-api:1.14.2']);
    const tags = await (
      await fetch(`${registry.url}/v2/payments/payments-api/tags/list`)
    ).json();
    expect(tags.tags.sort()).toEqual(['1.14.0', '1.14.1', '1.14.2', '1.15.0']);
  });

  it('refuses a port that is taken', async () => {
    await expect(
      startRegistry({ port: Number(registry.host.split(':')[1]) }),
    ).rejects.toThrow(/is not free/);
  });
});

describeWithRegistry('stop', () => {
  it('ends the process and removes the storage', async () => {
    const registry = await startRegistry();
    await pushImage(registry.url, { repository: 'a/b', tags: ['1'] });
    expect(existsSync(registry.storageDirectory)).toBe(true);
    await registry.stop();
    await registry.stop();
    expect(existsSync(registry.storageDirectory)).toBe(false);
    await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow();
  });
});

describeWithRegistry('token auth', () => {
  let tokenServer: TokenServer;
  let registry: RunningRegistry;

  beforeAll(async () => {
    tokenServer = await startTokenServer({
      users: [{ username: 'robot', password: 's3cret' }],
    });
    registry = await startRegistry({ auth: { token: tokenServer } });
  });
  afterAll(async () => {
    await registry?.stop();
    await tokenServer?.stop();
  });

  it('challenges for a bearer token from the token server', async () => {
    const response = await fetch(`${registry.url}/v2/`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer realm="${tokenServer.realm}",service="${tokenServer.service}"`,
    );
  });

  it('pushes with Basic credentials traded for a token, or with a token', async () => {
    await pushImage(
      registry.url,
      { repository: 'secure/app', tags: ['1'] },
      { username: 'robot', password: 's3cret' },
    );
    expect(tokenServer.requests.at(-1)).toEqual({
      service: tokenServer.service,
      scopes: ['repository:secure/app:pull,push'],
      username: 'robot',
      granted: true,
    });
    const bearer = tokenServer.issueToken([
      { type: 'repository', name: 'secure/other', actions: ['pull', 'push'] },
    ]);
    await pushImage(
      registry.url,
      { repository: 'secure/other', tags: ['1'] },
      { bearer },
    );

    const denied = await fetch(`${registry.url}/v2/secure/app/tags/list`, {
      headers: { authorization: `Bearer ${bearer}` },
    });
    expect(denied.status).toBe(401);
  });

  it('refuses wrong credentials at the token server', async () => {
    await expect(
      pushImage(
        registry.url,
        { repository: 'secure/app', tags: ['2'] },
        { username: 'robot', password: 'wrong' },
      ),
    ).rejects.toThrow(/Token request to 127\.0\.0\.1:\d+\/token failed: 401/);
  });
});

describeWithRegistry('htpasswd auth', () => {
  let registry: RunningRegistry;

  beforeAll(async () => {
    registry = await startRegistry({
      auth: { htpasswd: [{ username: 'robot', password: 's3cret' }] },
    });
  });
  afterAll(() => registry?.stop());

  it('accepts the bcrypt password it was given', async () => {
    expect((await fetch(`${registry.url}/v2/`)).status).toBe(401);
    const ok = await fetch(`${registry.url}/v2/`, {
      headers: { authorization: basicAuthorization('robot', 's3cret') },
    });
    expect(ok.status).toBe(200);
    await pushImage(
      registry.url,
      { repository: 'basic/app', tags: ['1'] },
      { username: 'robot', password: 's3cret' },
    );
    await expect(
      pushImage(
        registry.url,
        { repository: 'basic/app', tags: ['2'] },
        { username: 'robot', password: 'wrong' },
      ),
    ).rejects.toThrow(/answered 401/);
  });
});

describeWithRegistry('cli', () => {
  it('serves the example images until SIGTERM', async () => {
    const port = await findFreePort();
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        join(__dirname, 'cli.ts'),
        '--port',
        String(port),
        '--example',
        '--example-day',
        '2026-12-04',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>(resolve =>
      child.once('exit', code => resolve(code)),
    );
    let stderr = '';
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    const line = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', chunk => {
        stdout += chunk;
        if (stdout.includes('\n')) resolve(stdout);
      });
      exited.then(() => reject(new Error(`cli exited: ${stderr}`)));
    });
    expect(line).toBe(
      `OCI registry listening on http://127.0.0.1:${port} with 27 example tags in 13 repositories, built as of 2026-12-04\n`,
    );
    const catalog = await (
      await fetch(`http://127.0.0.1:${port}/v2/_catalog`)
    ).json();
    expect(catalog.repositories).toHaveLength(13);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/v2/`)).rejects.toThrow();
  });
});
