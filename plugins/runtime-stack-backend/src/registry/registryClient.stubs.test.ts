import { OciRegistryClient } from './registryClient';
import { failure } from './__testUtils__/failure';
import { ociImage } from './__testUtils__/ociImage';
import {
  json,
  startStubServer,
  type StubServer,
} from '../__testUtils__/stubServer';

const servers: StubServer[] = [];
const stub = async (...args: Parameters<typeof startStubServer>) => {
  const server = await startStubServer(...args);
  servers.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => s.close()));
});

const clientFor = (
  server: { host: string },
  options: Partial<ConstructorParameters<typeof OciRegistryClient>[0]> = {},
) =>
  new OciRegistryClient({
    host: server.host,
    insecure: true,
    backoffMs: 1,
    ...options,
  });

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

describe('listTags pagination', () => {
  const ALL = ['a', 'b', 'c', 'd', 'e'];

  it('follows relative and absolute next links and de-duplicates', async () => {
    const registry = await stub((request, response, self) => {
      const url = new URL(request.url, self.url);
      const n = Number(url.searchParams.get('n'));
      const last = url.searchParams.get('last');
      // Starts each later page one tag early, as a registry might.
      const start = last ? ALL.indexOf(last) : 0;
      const page = ALL.slice(start, start + n);
      const done = start + n >= ALL.length;
      const next = `/v2/team/app/tags/list?n=${n}&last=${
        page[page.length - 1]
      }`;
      json(
        response,
        200,
        { name: 'team/app', tags: page },
        done
          ? {}
          : { link: `<${start === 0 ? next : self.url + next}>; rel="next"` },
      );
    });
    const client = clientFor(registry);

    expect(await client.listTags('team/app', { pageSize: 2 })).toEqual(ALL);
    expect(registry.requests.map(r => r.url)).toEqual([
      '/v2/team/app/tags/list?n=2',
      '/v2/team/app/tags/list?n=2&last=b',
      '/v2/team/app/tags/list?n=2&last=c',
      '/v2/team/app/tags/list?n=2&last=d',
    ]);
    expect(client.requestCount).toBe(4);
  });

  it('stops at a link that loops back', async () => {
    const registry = await stub((_request, response) =>
      json(
        response,
        200,
        { tags: ['a'] },
        { link: '</v2/team/app/tags/list>; rel="next"' },
      ),
    );
    expect(await clientFor(registry).readTagList('team/app')).toEqual({
      tags: ['a'],
      incomplete:
        "the registry's tag list links back to a page already read, after 1 page(s)",
    });
    expect(registry.requests).toHaveLength(1);
  });

  it('stops after 1,000 pages and says the list goes on', async () => {
    const registry = await stub((request, response) => {
      const page = Number(
        new URL(request.url, 'http://x').searchParams.get('page') ?? 0,
      );
      json(
        response,
        200,
        { tags: [`t${page}`] },
        { link: `</v2/team/app/tags/list?page=${page + 1}>; rel="next"` },
      );
    });
    const list = await clientFor(registry).readTagList('team/app');
    expect(list.tags).toHaveLength(1000);
    expect(list.tags[999]).toBe('t999');
    expect(list.incomplete).toBe(
      "the registry's tag list goes on past 1000 pages, which is where reading it stops",
    );
    expect(registry.requests).toHaveLength(1000);
  });

  it('says nothing is missing from a list whose pages end', async () => {
    const registry = await stub((_request, response) =>
      json(response, 200, { tags: ['a', 'b'] }),
    );
    expect(await clientFor(registry).readTagList('team/app')).toEqual({
      tags: ['a', 'b'],
    });
  });

  it('refuses a next link to another host', async () => {
    const registry = await stub((_request, response) =>
      json(
        response,
        200,
        { tags: ['a'] },
        {
          link: '<https://elsewhere.example.com/v2/team/app/tags/list?last=a>; rel="next"',
        },
      ),
    );
    const error = await failure(clientFor(registry).listTags('team/app'));
    expect(error.message).toMatch(/next page link leaves 127\.0\.0\.1/);
  });

  it('reads a repository without tags as no tags', async () => {
    const registry = await stub((_request, response) =>
      json(response, 200, { name: 'team/app', tags: null }),
    );
    expect(await clientFor(registry).listTags('team/app')).toEqual([]);
  });
});

describe('bearer challenge', () => {
  async function tokenFlow(options: { expiresIn?: number } = {}) {
    const tokens = await stub((request, response) => {
      if (request.headers.authorization !== basic('robot', 's3cret')) {
        json(response, 401, { details: 'bad credentials' });
        return;
      }
      const scope = new URL(request.url, 'http://x').searchParams.get('scope');
      json(response, 200, {
        token: `token-for-${scope}`,
        expires_in: options.expiresIn ?? 300,
      });
    });
    const registry = await stub((request, response, self) => {
      const repository = /^\/v2\/(.+)\/(?:tags|manifests|blobs)\//.exec(
        request.url,
      )?.[1];
      const scope = repository ? `repository:${repository}:pull` : undefined;
      if (
        request.headers.authorization !== `Bearer token-for-${scope ?? null}`
      ) {
        json(
          response,
          401,
          {
            errors: [
              { code: 'UNAUTHORIZED', message: 'authentication required' },
            ],
          },
          {
            'www-authenticate': `Bearer realm="${tokens.url}/token",service="${
              self.host
            }"${scope ? `,scope="${scope}"` : ''}`,
          },
        );
        return;
      }
      if (request.url.includes('/tags/list')) {
        json(response, 200, { tags: ['1.0.0'] });
      } else {
        response
          .writeHead(200, {
            'docker-content-digest': `sha256:${'1'.repeat(64)}`,
          })
          .end();
      }
    });
    return { tokens, registry };
  }

  it('trades Basic credentials for a token per scope and reuses it', async () => {
    const { tokens, registry } = await tokenFlow();
    const client = clientFor(registry, {
      auth: { username: 'robot', password: 's3cret' },
    });

    expect(await client.listTags('team/app')).toEqual(['1.0.0']);
    // The challenge, the token and the retry.
    expect(client.requestCount).toBe(3);
    expect(await client.resolveDigest('team/app', '1.0.0')).toBe(
      `sha256:${'1'.repeat(64)}`,
    );
    expect(client.requestCount).toBe(4);
    expect(await client.listTags('team/other')).toEqual(['1.0.0']);
    // A new scope costs a token request, not another challenge.
    expect(client.requestCount).toBe(6);

    expect(tokens.requests.map(r => new URL(r.url, 'http://x').search)).toEqual(
      [
        `?service=${encodeURIComponent(
          registry.host,
        )}&scope=repository%3Ateam%2Fapp%3Apull`,
        `?service=${encodeURIComponent(
          registry.host,
        )}&scope=repository%3Ateam%2Fother%3Apull`,
      ],
    );
  });

  it('reports refused credentials without revealing them', async () => {
    const { registry } = await tokenFlow();
    const client = clientFor(registry, {
      auth: { username: 'robot', password: 'wrong-password' },
    });
    const error = await failure(client.listTags('team/app'));
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/^GET 127\.0\.0\.1:\d+\/token answered 401/);
    expect(error.message).not.toContain('wrong-password');
    expect(error.message).not.toContain('scope');
  });

  it('probes the scheme and then authorises up front', async () => {
    const { registry } = await tokenFlow();
    const client = clientFor(registry, {
      auth: { username: 'robot', password: 's3cret' },
    });
    expect(await client.probe()).toEqual({ reachable: true, auth: 'bearer' });
    expect(await client.listTags('team/app')).toEqual(['1.0.0']);
    // probe, token, tags: no second challenge.
    expect(client.requestCount).toBe(3);
  });
});

describe('basic challenge', () => {
  it('answers a Basic challenge with the credentials', async () => {
    const registry = await stub((request, response) => {
      if (request.headers.authorization !== basic('robot', 's3cret')) {
        json(
          response,
          401,
          {},
          { 'www-authenticate': 'Basic realm="registry"' },
        );
      } else {
        json(response, 200, { tags: ['x'] });
      }
    });
    const client = clientFor(registry, {
      auth: { username: 'robot', password: 's3cret' },
    });
    expect(await client.probe()).toEqual({ reachable: true, auth: 'basic' });
    expect(await client.listTags('team/app')).toEqual(['x']);
    expect(await client.listTags('team/app')).toEqual(['x']);
    expect(registry.requests.map(r => r.headers.authorization)).toEqual([
      undefined,
      basic('robot', 's3cret'),
      basic('robot', 's3cret'),
    ]);
  });
});

describe('redirects', () => {
  const { config, manifest, digest } = ociImage({
    created: '2025-01-01T00:00:00Z',
    os: 'linux',
    architecture: 'amd64',
    config: { Labels: { 'org.opencontainers.image.source': 'https://src' } },
  });

  async function registryRedirectingBlobsTo(
    location: (path: string) => string,
  ) {
    return stub((request, response) => {
      if (request.url.includes('/manifests/')) {
        response
          .writeHead(200, {
            'content-type': 'application/vnd.oci.image.manifest.v1+json',
            'docker-content-digest': digest,
          })
          .end(manifest);
      } else if (request.url.startsWith('/storage/')) {
        response.writeHead(200).end(config);
      } else {
        response.writeHead(307, { location: location(request.url) }).end();
      }
    });
  }

  it('does not forward Authorization to another host', async () => {
    const storage = await stub((_request, response) => {
      response.writeHead(200).end(config);
    });
    const registry = await registryRedirectingBlobsTo(
      path => `${storage.url}/signed${path}?X-Amz-Signature=secret`,
    );
    const client = clientFor(registry, { auth: { token: 'static-token' } });

    const details = await client.describeImage('team/app', '1.0.0');
    expect(details.source).toBe('https://src');
    expect(registry.requests.map(r => r.headers.authorization)).toEqual([
      'Bearer static-token',
      'Bearer static-token',
    ]);
    expect(storage.requests).toHaveLength(1);
    expect(storage.requests[0].url).toMatch(
      /^\/signed\/v2\/team\/app\/blobs\/sha256:/,
    );
    expect(storage.requests[0].headers.authorization).toBeUndefined();
  });

  it('keeps the signature of a storage URL out of the error when its body is too large', async () => {
    const storage = await stub((_request, response) => {
      response.writeHead(200);
      // Past the 8 MiB a registry body may have.
      response.end(Buffer.alloc(9 * 1024 * 1024, 'x'));
    });
    const registry = await registryRedirectingBlobsTo(
      path => `${storage.url}/signed${path}?X-Amz-Signature=secret`,
    );
    const error = await failure(
      clientFor(registry).describeImage('team/app', '1.0.0'),
    );
    expect(error.message).toMatch(/response larger than 8388608 bytes/);
    expect(error.message).toContain('/signed/v2/team/app/blobs/sha256:');
    expect(error.message).not.toContain('secret');
  });

  it('keeps Authorization on a redirect within the registry', async () => {
    const registry = await registryRedirectingBlobsTo(
      path => `/storage${path}`,
    );
    const client = clientFor(registry, { auth: { token: 'static-token' } });
    await client.describeImage('team/app', '1.0.0');
    expect(registry.requests.map(r => r.headers.authorization)).toEqual([
      'Bearer static-token',
      'Bearer static-token',
      'Bearer static-token',
    ]);
  });

  it('gives up after five redirects', async () => {
    const registry = await stub((request, response) => {
      response.writeHead(302, { location: `${request.url}x` }).end();
    });
    const error = await failure(clientFor(registry).listTags('team/app'));
    expect(error.message).toMatch(/more than 5 redirects/);
    expect(registry.requests).toHaveLength(6);
  });
});

describe('retries', () => {
  it('waits as long as Retry-After says after a 429', async () => {
    let calls = 0;
    const registry = await stub((_request, response) => {
      if (++calls === 1) {
        json(
          response,
          429,
          { errors: [{ code: 'TOOMANYREQUESTS' }] },
          { 'retry-after': '1' },
        );
      } else {
        json(response, 200, { tags: ['ok'] });
      }
    });
    const client = clientFor(registry);
    const started = Date.now();
    expect(await client.listTags('team/app')).toEqual(['ok']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(client.requestCount).toBe(2);
  });

  it('gives up on 5xx after maxAttempts, naming the request', async () => {
    const registry = await stub((_request, response) => {
      json(response, 503, {
        errors: [{ code: 'UNAVAILABLE', message: 'try later' }],
      });
    });
    const client = clientFor(registry, { maxAttempts: 3 });
    const error = await failure(client.getManifest('team/app', '1.0.0'));
    expect(error.status).toBe(503);
    expect(error.message).toBe(
      `GET ${registry.host}/v2/team/app/manifests/1.0.0 answered 503: UNAVAILABLE try later`,
    );
    expect(client.requestCount).toBe(3);
  });

  it('does not wait for a Retry-After of more than a minute', async () => {
    const registry = await stub((_request, response) => {
      json(response, 429, {}, { 'retry-after': '3600' });
    });
    const client = clientFor(registry);
    const error = await failure(client.listTags('team/app'));
    expect(error.status).toBe(429);
    expect(client.requestCount).toBe(1);
  });
});

describe('timeouts', () => {
  it('fails a request that gets no answer', async () => {
    const registry = await stub(() => {
      // never answers
    });
    const client = clientFor(registry, { requestTimeoutMs: 200 });
    const started = Date.now();
    const error = await failure(client.listTags('team/app'));
    expect(error.message).toBe(
      `GET ${registry.host}/v2/team/app/tags/list failed: no answer within 200ms`,
    );
    expect(error.status).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails a response whose body stalls', async () => {
    const registry = await stub((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"tags": [');
    });
    const client = clientFor(registry, { requestTimeoutMs: 200 });
    const error = await failure(client.listTags('team/app'));
    expect(error.message).toMatch(/no answer within 200ms/);
  });
});

describe('other failures', () => {
  it('probes an unreachable or non-registry host as unreachable', async () => {
    const closed = await stub(() => {});
    const host = closed.host;
    await servers.pop()!.close();
    expect(
      await clientFor({ host }, { requestTimeoutMs: 1000 }).probe(),
    ).toEqual({
      reachable: false,
      auth: 'none',
    });
    const web = await stub((_request, response) =>
      response.writeHead(404).end(),
    );
    expect(await clientFor(web).probe()).toEqual({
      reachable: false,
      auth: 'none',
    });
  });

  it('names the network error of a refused connection', async () => {
    const closed = await stub(() => {});
    const host = closed.host;
    await servers.pop()!.close();
    const error = await failure(clientFor({ host }).listTags('team/app'));
    expect(error.message).toBe(
      `GET ${host}/v2/team/app/tags/list failed: ECONNREFUSED`,
    );
  });

  it('rejects a manifest that does not match the digest asked for', async () => {
    const registry = await stub((_request, response) => {
      response
        .writeHead(200, {
          'content-type': 'application/vnd.oci.image.manifest.v1+json',
        })
        .end('{"schemaVersion":2,"config":{"digest":"sha256:x"},"layers":[]}');
    });
    const wanted = `sha256:${'2'.repeat(64)}`;
    const error = await failure(
      clientFor(registry).getManifest('team/app', wanted),
    );
    expect(error.message).toMatch(/the content does not match sha256:2{64}/);
  });

  it('validates repositories and references before any request', async () => {
    const client = new OciRegistryClient({ host: 'registry.example.com' });
    await expect(client.listTags('Team/App')).rejects.toThrow(
      /must be lower-case/,
    );
    await expect(client.resolveDigest('team/app', '../x')).rejects.toThrow(
      /tag '..\/x' is malformed/,
    );
    await expect(client.getManifest('team/app', 'sha256:abc')).rejects.toThrow(
      /64 lower-case hex/,
    );
    expect(client.requestCount).toBe(0);
    expect(() => new OciRegistryClient({ host: 'https://x' })).toThrow(
      /Invalid registry host/,
    );
  });
});
