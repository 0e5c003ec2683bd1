import {
  generateTestPki,
  startFakeKubeApiServer,
  type FakeKubeApiServer,
  type KubeObject,
} from '@internal/fake-kube-apiserver';
import type { KubernetesCredential } from '@backstage/plugin-kubernetes-node';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AzureIdentityStrategy } from '@backstage/plugin-kubernetes-backend';
import {
  ClusterCredentials,
  kubernetesPluginStrategies,
} from './clusterCredentials';
import { BUILT_IN_RESOURCES } from './collectedResources';
import { KubernetesClusterClient } from './KubernetesClusterClient';

const pods = BUILT_IN_RESOURCES.find(r => r.plural === 'pods')!;

const pod = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop' },
  spec: { containers: [{ name: 'app', image: 'cart:1.0' }] },
});

describe('KubernetesClusterClient.listAll', () => {
  let server: FakeKubeApiServer;
  let client: KubernetesClusterClient;

  beforeEach(async () => {
    server = await startFakeKubeApiServer({
      objects: Array.from({ length: 7 }, (_, i) => pod(`cart-${i}`)),
    });
    client = new KubernetesClusterClient(
      {
        name: 'prod-eu-1',
        url: server.url,
        serviceAccountToken: server.token,
        skipTLSVerify: false,
      },
      { requestTimeoutMs: 2_000, pageSize: 3 },
    );
  });
  afterEach(() => server.close());

  const listRequests = () =>
    server.requests.filter(r => r.path === '/api/v1/pods');

  it('pages with limit and continue, mapping each item as it arrives', async () => {
    const list = await client.listAll(pods, item => item.metadata.name);
    expect(list.items).toEqual(
      Array.from({ length: 7 }, (_, i) => `cart-${i}`),
    );
    expect(listRequests().map(r => Boolean(r.query.continue))).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('starts the list over when its continue token expires mid-way', async () => {
    let compacted = false;
    const list = await client.listAll(pods, item => {
      if (!compacted) {
        // The cluster moves on and forgets the snapshot the first page read.
        compacted = true;
        server.apply(pod('cart-new'));
        server.compactHistory();
      }
      return item.metadata.name as string;
    });

    expect(list.items).toHaveLength(8);
    expect(new Set(list.items).size).toBe(8);
    expect(list.items).toContain('cart-new');
    const requests = listRequests();
    expect(requests[1]).toMatchObject({ status: 410 });
    expect(requests[2].query.continue).toBeUndefined();
  });

  it('gives up with the 410 when every fresh start expires too', async () => {
    await expect(
      client.listAll(pods, item => {
        server.apply(pod(`churn-${Math.random()}`));
        server.compactHistory();
        return item;
      }),
    ).rejects.toMatchObject({ status: 410 });
    // The first attempt and two fresh starts, each stopped at its second page.
    expect(listRequests().filter(r => !r.query.continue)).toHaveLength(3);
  });

  it('gives up on a server that hands out a continue token again', async () => {
    const NEXT_TOKEN: Record<string, string> = { '': 'a', a: 'b', b: 'a' };
    const looping = createServer((request, response) => {
      const token = new URL(request.url!, 'http://x').searchParams.get(
        'continue',
      );
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          kind: 'PodList',
          apiVersion: 'v1',
          // a, then b, then a again.
          metadata: { continue: NEXT_TOKEN[token ?? ''] },
          items: [pod(`cart-${token ?? 'first'}`)],
        }),
      );
    });
    await new Promise<void>(resolve => looping.listen(0, '127.0.0.1', resolve));
    const { port } = looping.address() as AddressInfo;
    try {
      await expect(
        new KubernetesClusterClient(
          {
            name: 'prod-eu-1',
            url: `http://127.0.0.1:${port}`,
            serviceAccountToken: 'token',
            skipTLSVerify: false,
          },
          { requestTimeoutMs: 2_000, pageSize: 1 },
        ).listAll(pods),
      ).rejects.toThrow(
        /prod-eu-1: LIST \/api\/v1\/pods gave a continue token it had given before/,
      );
    } finally {
      looping.close();
    }
  });

  it('does not start over on a 410 of the first page', async () => {
    server.failNext(1, 410, '/api/v1/pods');
    await expect(client.listAll(pods)).rejects.toMatchObject({ status: 410 });
    expect(listRequests()).toHaveLength(1);
  });
});

describe('KubernetesClusterClient identity', () => {
  let server: FakeKubeApiServer;
  let dir: string;

  beforeEach(async () => {
    server = await startFakeKubeApiServer({ objects: [pod('cart-0')] });
    dir = await mkdtemp(join(tmpdir(), 'runtime-stack-token-'));
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const clientWith = (cluster: object) =>
    new KubernetesClusterClient(
      { name: 'in-cluster', url: server.url, skipTLSVerify: false, ...cluster },
      { requestTimeoutMs: 2_000, pageSize: 10, maxAttempts: 1 },
    );

  it('reads the token from the service account token file when none is configured', async () => {
    const tokenFile = join(dir, 'token');
    await writeFile(tokenFile, server.token);
    const list = await clientWith({
      serviceAccountTokenFile: tokenFile,
    }).listAll(pods, item => item.metadata.name);
    expect(list.items).toEqual(['cart-0']);
  });

  it('names the token file when it cannot be read', async () => {
    const tokenFile = join(dir, 'missing');
    await expect(
      clientWith({ serviceAccountTokenFile: tokenFile }).listAll(pods),
    ).rejects.toThrow(
      `in-cluster: no serviceAccountToken is configured, and the token file ${tokenFile} cannot be read (ENOENT`,
    );
    expect(server.requests).toEqual([]);
  });

  it('sends a configured token, even where a token file is named', async () => {
    const list = await clientWith({
      serviceAccountToken: server.token,
      serviceAccountTokenFile: join(dir, 'missing'),
    }).listAll(pods);
    expect(list.items).toHaveLength(1);
  });
});

describe('KubernetesClusterClient with the Kubernetes plugin auth providers', () => {
  const logger = mockServices.logger.mock();
  const credentials = () =>
    new ClusterCredentials(
      kubernetesPluginStrategies(new ConfigReader({}), logger),
    );
  const clientFor = (
    server: FakeKubeApiServer,
    cluster: object,
    using = credentials(),
  ) =>
    new KubernetesClusterClient(
      { name: 'eks-prod', url: server.url, skipTLSVerify: false, ...cluster },
      { requestTimeoutMs: 2_000, pageSize: 10, maxAttempts: 1 },
      using,
    );

  describe('aws', () => {
    const identity = {
      clusterId: 'prod-eu-eks',
      accessKeyId: 'AKIAFAKECOLLECTOR',
      secretAccessKey: 'collector/secret',
    };
    const saved = { ...process.env };
    beforeEach(() => {
      // The AWS SDK's default chain finds these before any file or metadata service.
      process.env.AWS_ACCESS_KEY_ID = identity.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = identity.secretAccessKey;
      process.env.AWS_REGION = 'eu-west-1';
    });
    afterEach(() => {
      process.env = { ...saved };
    });

    it('signs in with an EKS token for the cluster id of its authMetadata', async () => {
      const server = await startFakeKubeApiServer({
        objects: [pod('cart-0')],
        awsIam: identity,
        token: 'not-sent',
      });
      try {
        const list = await clientFor(server, {
          authProvider: 'aws',
          authMetadata: { 'kubernetes.io/x-k8s-aws-id': identity.clusterId },
        }).listAll(pods, item => item.metadata.name);
        expect(list.items).toEqual(['cart-0']);
      } finally {
        await server.close();
      }
    });

    it('is refused by a cluster of another id: the token names the cluster', async () => {
      const server = await startFakeKubeApiServer({ awsIam: identity });
      try {
        await expect(
          clientFor(server, { authProvider: 'aws' }).listAll(pods),
        ).rejects.toMatchObject({ status: 401 });
      } finally {
        await server.close();
      }
    });
  });

  it('sends the Azure token of the AKS scope, fetched once for many requests', async () => {
    const server = await startFakeKubeApiServer({
      objects: [pod('cart-0')],
      token: 'aks-access-token',
    });
    const scopes: string[] = [];
    const azure = new AzureIdentityStrategy(logger, {
      getToken: async scope => {
        scopes.push(String(scope));
        return {
          token: 'aks-access-token',
          expiresOnTimestamp: Date.now() + 3_600_000,
        };
      },
    });
    const using = new ClusterCredentials(async provider =>
      provider === 'azure' ? azure : undefined,
    );
    try {
      const client = clientFor(server, { authProvider: 'azure' }, using);
      await client.listAll(pods);
      await client.listAll(pods);
      expect(server.requests.map(r => r.status)).toEqual([200, 200]);
      expect(scopes).toEqual(['6dae42f8-4368-4678-94ff-3960e28e3630/.default']);
    } finally {
      await server.close();
    }
  });

  it('sends no credentials through kubectl proxy', async () => {
    const server = await startFakeKubeApiServer({
      objects: [pod('cart-0')],
      anonymous: true,
    });
    try {
      const list = await clientFor(server, {
        authProvider: 'localKubectlProxy',
      }).listAll(pods);
      expect(list.items).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('refuses auth providers that sign in as each user, without a request', async () => {
    const server = await startFakeKubeApiServer();
    try {
      await expect(
        clientFor(server, { authProvider: 'oidc' }).listAll(pods),
      ).rejects.toThrow(
        "eks-prod: no credential from authProvider 'oidc': authProvider 'oidc' signs in as each user of the Kubernetes tab, and a scheduled collection has no user",
      );
      await expect(
        clientFor(server, { authProvider: 'vault' }).listAll(pods),
      ).rejects.toThrow(
        "authProvider 'vault' is not one the collector knows; use serviceAccount, aws, azure, googleServiceAccount, localKubectlProxy, or add a strategy",
      );
      // Names an object's prototype carries are not providers.
      await expect(
        clientFor(server, { authProvider: 'constructor' }).listAll(pods),
      ).rejects.toThrow(
        "authProvider 'constructor' is not one the collector knows",
      );
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('names the provider when it cannot sign in, without a request', async () => {
    const server = await startFakeKubeApiServer();
    const using = new ClusterCredentials(async () => ({
      getCredential: async () => {
        throw new Error('CredentialUnavailableError: no managed identity');
      },
      validateCluster: () => [],
      presentAuthMetadata: () => ({}),
    }));
    try {
      await expect(
        clientFor(server, { authProvider: 'azure' }, using).listAll(pods),
      ).rejects.toThrow(
        "eks-prod: no credential from authProvider 'azure': CredentialUnavailableError: no managed identity",
      );
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('reuses a strategy token across requests, and asks a new strategy after a failure', async () => {
    const server = await startFakeKubeApiServer({
      objects: Array.from({ length: 5 }, (_, i) => pod(`cart-${i}`)),
      token: 'minted',
    });
    let strategies = 0;
    let calls = 0;
    const using = new ClusterCredentials(async () => {
      strategies++;
      return {
        getCredential: async () => {
          calls++;
          if (calls === 1) throw new Error('metadata service not ready');
          return { type: 'bearer token' as const, token: 'minted' };
        },
        validateCluster: () => [],
        presentAuthMetadata: () => ({}),
      };
    });
    try {
      await expect(
        clientFor(server, { authProvider: 'aws' }, using).listAll(pods),
      ).rejects.toThrow('metadata service not ready');
      const client = new KubernetesClusterClient(
        {
          name: 'eks-prod',
          url: server.url,
          skipTLSVerify: false,
          authProvider: 'aws',
        },
        { requestTimeoutMs: 2_000, pageSize: 2, maxAttempts: 1 },
        using,
      );
      await client.listAll(pods);
      await client.listAll(pods);
      expect(server.requests.map(r => r.status)).toEqual([
        200, 200, 200, 200, 200, 200,
      ]);
      expect(calls).toBe(2);
      expect(strategies).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('does not follow a redirect, which would lead the token elsewhere', async () => {
    const elsewhere = await startFakeKubeApiServer({ anonymous: true });
    const redirecting = createServer((_, response) => {
      response.writeHead(302, { location: `${elsewhere.url}/api/v1/pods` });
      response.end();
    });
    await new Promise<void>(resolve =>
      redirecting.listen(0, '127.0.0.1', resolve),
    );
    const { port } = redirecting.address() as AddressInfo;
    try {
      await expect(
        clientFor({ url: `http://127.0.0.1:${port}` } as FakeKubeApiServer, {
          authProvider: 'localKubectlProxy',
        }).listAll(pods),
      ).rejects.toThrow(/answered 302/);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      redirecting.close();
      await elsewhere.close();
    }
  });
});

describe('KubernetesClusterClient over TLS', () => {
  const pki = generateTestPki({ user: 'runtime-stack' });
  const stranger = generateTestPki();
  const base64 = (pem: string) => Buffer.from(pem).toString('base64');
  let server: FakeKubeApiServer;

  beforeAll(async () => {
    server = await startFakeKubeApiServer({
      objects: [pod('cart-0')],
      tls: { ...pki.server, clientCa: pki.ca.cert },
    });
  });
  afterAll(() => server.close());

  const clientWith = (cluster: object, credentials?: ClusterCredentials) =>
    new KubernetesClusterClient(
      { name: 'tls-prod', url: server.url, skipTLSVerify: false, ...cluster },
      { requestTimeoutMs: 2_000, pageSize: 10, maxAttempts: 1 },
      credentials,
    );

  /** A module's strategy that signs in with this credential. */
  const signingInWith = (credential: KubernetesCredential) =>
    new ClusterCredentials(
      async () => undefined,
      new Map([
        [
          'certs',
          {
            getCredential: async () => credential,
            validateCluster: () => [],
            presentAuthMetadata: () => ({}),
          },
        ],
      ]),
    );

  it('verifies the API server against caData', async () => {
    const list = await clientWith({
      caData: base64(pki.ca.cert),
      serviceAccountToken: server.token,
    }).listAll(pods, item => item.metadata.name);
    expect(list.items).toEqual(['cart-0']);
  });

  it('keeps its connection from request to request, and closes it for good when done', async () => {
    const client = clientWith({
      caData: base64(pki.ca.cert),
      serviceAccountToken: server.token,
    });
    const before = server.connectionCount();
    const requestsBefore = server.requests.length;
    for (let i = 0; i < 3; i++) await client.listAll(pods);
    expect(server.requests.length - requestsBefore).toBe(3);
    // TLS is set up once, not per request.
    expect(server.connectionCount() - before).toBe(1);

    // A request after close opens no new pool, which nothing would close.
    client.close();
    await expect(client.listAll(pods)).rejects.toThrow(
      'tls-prod: no request after the client was closed',
    );
    const stop = new AbortController();
    await expect(
      client.watch(pods, '1', { signal: stop.signal, timeoutSeconds: 1 }, () =>
        Promise.resolve(),
      ),
    ).rejects.toThrow('no request after the client was closed');
    expect(server.requests.length - requestsBefore).toBe(3);
    expect(server.connectionCount() - before).toBe(1);
  });

  it('refuses an API server its CA did not sign, unless skipTLSVerify says so', async () => {
    const before = server.requests.length;
    await expect(
      clientWith({
        caData: base64(stranger.ca.cert),
        serviceAccountToken: server.token,
      }).listAll(pods),
    ).rejects.toThrow(/tls-prod: GET \/api\/v1\/pods failed: .*certificate/);
    expect(server.requests.length).toBe(before);

    const list = await clientWith({
      caData: base64(stranger.ca.cert),
      skipTLSVerify: true,
      serviceAccountToken: server.token,
    }).listAll(pods);
    expect(list.items).toHaveLength(1);
  });

  it('signs in with the client certificate a strategy gives, in the TLS handshake', async () => {
    const before = server.requests.length;
    const list = await clientWith(
      { caData: base64(pki.ca.cert), authProvider: 'certs' },
      signingInWith({
        type: 'x509 client certificate',
        cert: pki.client.cert,
        key: pki.client.key,
      }),
    ).listAll(pods);
    expect(list.items).toHaveLength(1);
    expect(
      server.requests.slice(before).map(r => r.clientCertificateUser),
    ).toEqual(['runtime-stack']);
  });

  it('is refused with a client certificate of another CA', async () => {
    await expect(
      clientWith(
        { caData: base64(pki.ca.cert), authProvider: 'certs' },
        signingInWith({
          type: 'x509 client certificate',
          cert: stranger.client.cert,
          key: stranger.client.key,
        }),
      ).listAll(pods),
    ).rejects.toThrow(/answered 401/);
  });
});

/** A client of the API server at `url`, with a service account token. */
const clientAt = (url: string, requestTimeoutMs = 1_000) =>
  new KubernetesClusterClient(
    {
      name: 'prod-eu-1',
      url,
      serviceAccountToken: 't',
      skipTLSVerify: false,
    },
    { requestTimeoutMs, pageSize: 10 },
  );

/** A server on a free local port, answering with `handler`. */
async function localServer(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

describe('KubernetesClusterClient waits and cancellation', () => {
  /** An API server that answers every request 429 with this Retry-After. */
  async function overloadedServer(retryAfter: string) {
    let requests = 0;
    const server = createServer((_, response) => {
      requests++;
      response.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': retryAfter,
      });
      response.end(
        JSON.stringify({ kind: 'Status', code: 429, message: 'slow down' }),
      );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      requests: () => requests,
      close: () =>
        new Promise<void>(resolve => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }

  it('stops waiting out a Retry-After as soon as the run is cancelled', async () => {
    const server = await overloadedServer('6');
    try {
      const cancel = new AbortController();
      const started = Date.now();
      const listing = clientAt(server.url).listAll(pods, x => x, cancel.signal);
      setTimeout(() => cancel.abort(new Error('backend stopping')), 200);

      await expect(listing).rejects.toThrow('backend stopping');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(server.requests()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('gives up at once when Retry-After asks for more than a minute', async () => {
    const server = await overloadedServer('120');
    try {
      const started = Date.now();
      await expect(clientAt(server.url).listAll(pods)).rejects.toMatchObject({
        status: 429,
        message: expect.stringContaining('slow down'),
      });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(server.requests()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('ends a request in flight when the run is cancelled, not at its timeout', async () => {
    const server = await startFakeKubeApiServer({
      objects: [pod('cart-0')],
      latencyMs: 5_000,
    });
    try {
      const cancel = new AbortController();
      const started = Date.now();
      const listing = new KubernetesClusterClient(
        {
          name: 'prod-eu-1',
          url: server.url,
          serviceAccountToken: server.token,
          skipTLSVerify: false,
        },
        { requestTimeoutMs: 10_000, pageSize: 10 },
      ).listAll(pods, x => x, cancel.signal);
      setTimeout(() => cancel.abort(new Error('cluster left')), 200);

      await expect(listing).rejects.toThrow('cluster left');
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await server.close();
    }
  });
});

describe('KubernetesClusterClient.watch', () => {
  it('keeps a character whose bytes arrive in two chunks', async () => {
    const team = 'équipe-日本';
    const event = Buffer.from(
      `${JSON.stringify({
        type: 'ADDED',
        object: {
          ...pod('cart-0'),
          metadata: { name: 'cart-0', labels: { team } },
        },
      })}\n`,
    );
    // Inside the three bytes of 日.
    const split = event.indexOf(Buffer.from('日')) + 1;
    const server = await localServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write(event.subarray(0, split));
      setTimeout(() => response.end(event.subarray(split)), 50);
    });
    try {
      const client = clientAt(server.url, 2_000);
      const labels: unknown[] = [];
      const outcome = await client.watch(
        pods,
        '1',
        { signal: new AbortController().signal, timeoutSeconds: 5 },
        async ({ object }) => {
          labels.push(object.metadata.labels);
        },
      );
      client.close();
      expect(outcome).toBe('ended');
      expect(labels).toEqual([{ team }]);
    } finally {
      await server.close();
    }
  });

  it('ends a watch whose stream outlives its timeout in silence, as a dropped connection does, so it resumes', async () => {
    // Headers, then nothing: a proxy dropped the connection without a reset.
    const server = await localServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('');
    });
    try {
      const client = clientAt(server.url, 300);
      const started = Date.now();
      const outcome = await client.watch(
        pods,
        '1',
        { signal: new AbortController().signal, timeoutSeconds: 1 },
        async () => {},
      );
      client.close();
      expect(outcome).toBe('ended');
      // The server's timeout and a request timeout more, not for ever.
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_200);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await server.close();
    }
  });
});
