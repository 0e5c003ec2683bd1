import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  startFakeGkeApi,
  type FakeGkeApi,
  type FakeGkeCluster,
} from '@internal/fake-gke-api';
import {
  generateTestPki,
  startFakeKubeApiServer,
} from '@internal/fake-kube-apiserver';
import { ClusterCredentials } from './clusterCredentials';
import { ClusterDirectory } from './ClusterDirectory';
import { BUILT_IN_RESOURCES } from './collectedResources';
import { generateKeyPairSync } from 'node:crypto';
import {
  GkeClusters,
  googleAccessToken,
  readGkeLocators,
  type GkeLocator,
} from './gkeClusters';
import { KubernetesClusterClient } from './KubernetesClusterClient';

const locators = (...methods: object[]) =>
  readGkeLocators(
    new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'config', clusters: [] },
          ...methods.map(method => ({ type: 'gke', ...method })),
        ],
      },
    }),
  );

describe('readGkeLocators', () => {
  it('reads gke entries with the Kubernetes plugin’s defaults', () => {
    expect(locators({ projectId: 'acme-prod' })).toEqual([
      {
        projectId: 'acme-prod',
        region: '-',
        authProvider: 'google',
        skipTLSVerify: false,
        exposeDashboard: false,
        matchingResourceLabels: [],
        endpointType: 'public',
      },
    ]);
    expect(
      locators({
        projectId: 'acme-prod',
        region: 'europe-west1',
        authProvider: 'googleServiceAccount',
        matchingResourceLabels: [{ key: 'env', value: 'prod' }],
        endpointType: 'dns',
      })[0],
    ).toMatchObject({
      region: 'europe-west1',
      authProvider: 'googleServiceAccount',
      matchingResourceLabels: [{ key: 'env', value: 'prod' }],
      endpointType: 'dns',
    });
  });

  it('names the setting of an endpoint type it does not know', () => {
    expect(() =>
      locators({ projectId: 'acme-prod', endpointType: 'private' }),
    ).toThrow(
      "Invalid kubernetes.clusterLocatorMethods gke endpointType 'private': expected public or dns",
    );
  });
});

describe('googleAccessToken', () => {
  it('refuses a service account key that is not JSON when the backend starts', () => {
    expect(() =>
      googleAccessToken(
        new ConfigReader({
          kubernetes: { googleServiceAccountCredentials: '{not json' },
        }),
      ),
    ).toThrow(
      'Invalid kubernetes.googleServiceAccountCredentials: expected the JSON of a service account key',
    );
  });

  it('signs in with the configured key, else with the default credentials', async () => {
    // This machine reaches no Google host: what fails shows which way the
    // token was asked for.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const withKey = googleAccessToken(
      new ConfigReader({
        kubernetes: {
          googleServiceAccountCredentials: JSON.stringify({
            type: 'service_account',
            client_email: 'collector@acme-prod.iam.gserviceaccount.com',
            private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
          }),
        },
      }),
    );
    await expect(withKey()).rejects.toThrow(
      /googleapis\.com\/oauth2\/v4\/token/,
    );
    const withoutKey = googleAccessToken(new ConfigReader({}));
    await expect(withoutKey()).rejects.toThrow(
      /Could not load the default credentials/,
    );
  });
});

describe('GkeClusters', () => {
  const pki = generateTestPki({ user: 'runtime-stack' });
  let gke: FakeGkeApi;
  const cluster = (
    name: string,
    extra: Partial<FakeGkeCluster> = {},
  ): FakeGkeCluster => ({
    project: 'acme-prod',
    location: 'europe-west1',
    name,
    endpoint: `10.0.0.${name.length}`,
    caCertificate: pki.ca.cert,
    ...extra,
  });
  const reader = (found: GkeLocator[], token = 'fake-gke-token') =>
    new GkeClusters(found, {
      accessToken: async () => token,
      apiUrl: gke.url,
      requestTimeoutMs: 2_000,
    });

  beforeEach(async () => {
    gke = await startFakeGkeApi({
      clusters: [
        cluster('prod-eu', { resourceLabels: { env: 'prod' } }),
        cluster('lab-eu', {
          resourceLabels: { env: 'lab' },
          dnsEndpoint: 'gke-1a2b.europe-west1.gke.goog',
        }),
        cluster('prod-us', {
          location: 'us-central1-a',
          resourceLabels: { env: 'prod' },
        }),
      ],
    });
  });
  afterEach(() => gke.close());

  it('makes each listed cluster one to collect, with its CA, as the Kubernetes plugin names it', async () => {
    const { clusters, problems } = await reader(
      locators({
        projectId: 'acme-prod',
        authProvider: 'googleServiceAccount',
        exposeDashboard: true,
      }),
    ).read();
    expect(problems).toEqual([]);
    expect(clusters.map(c => c.name)).toEqual(['prod-eu', 'lab-eu', 'prod-us']);
    expect(clusters[0]).toEqual({
      name: 'prod-eu',
      url: 'https://10.0.0.7',
      origin: 'GKE project acme-prod (every location)',
      authProvider: 'googleServiceAccount',
      authMetadata: { 'kubernetes.io/auth-provider': 'googleServiceAccount' },
      caData: Buffer.from(pki.ca.cert).toString('base64'),
      skipTLSVerify: false,
      dashboardApp: 'gke',
      dashboardParameters: {
        projectId: 'acme-prod',
        region: '-',
        clusterName: 'prod-eu',
      },
    });
    expect(gke.requests).toEqual([
      '/v1/projects/acme-prod/locations/-/clusters',
    ]);
  });

  it('keeps to the region, the resource labels and the endpoint type asked for', async () => {
    const { clusters } = await reader(
      locators(
        {
          projectId: 'acme-prod',
          region: 'europe-west1',
          matchingResourceLabels: [{ key: 'env', value: 'prod' }],
        },
        { projectId: 'acme-prod', region: 'europe-west1', endpointType: 'dns' },
      ),
    ).read();
    // The DNS endpoint is verified against the public roots, the address
    // against the cluster's CA.
    expect(clusters.map(c => [c.name, Boolean(c.caData)])).toEqual([
      ['prod-eu', true],
      ['prod-eu', true],
      ['lab-eu', false],
    ]);
    expect(clusters.map(c => [c.name, c.url])).toEqual([
      ['prod-eu', 'https://10.0.0.7'],
      // No DNS endpoint: the public one, as the Kubernetes plugin falls back.
      ['prod-eu', 'https://10.0.0.7'],
      ['lab-eu', 'https://gke-1a2b.europe-west1.gke.goog'],
    ]);
    // The same name twice is for the directory to refuse, with a reason.
    const logger = mockServices.logger.mock();
    const directory = new ClusterDirectory(
      [],
      async () => ({ clusters, problems: [] }),
      logger,
    );
    await directory.refresh();
    expect(directory.names()).toEqual(['prod-eu', 'lab-eu']);
    expect(logger.warn).toHaveBeenCalledWith(
      "Not collecting cluster 'prod-eu' of GKE project acme-prod (europe-west1): a cluster of that name is already collected",
    );
  });

  it('keeps the last list of a locator whose read fails, and says why', async () => {
    const gkeClusters = reader(locators({ projectId: 'acme-prod' }));
    expect((await gkeClusters.read()).clusters).toHaveLength(3);
    gke.setClusters([cluster('prod-eu')]);
    gke.failNext(3, 503);
    const failed = await gkeClusters.read();
    expect(failed.clusters).toHaveLength(3);
    expect(failed.problems).toEqual([
      expect.stringMatching(
        /^Listing the clusters of GKE project acme-prod \(every location\) failed, keeping the last list: GKE GET 127\.0\.0\.1:\d+\/v1\/projects\/acme-prod\/locations\/-\/clusters answered 503: Injected failure$/,
      ),
    ]);
    const recovered = await gkeClusters.read();
    expect(recovered).toEqual({
      clusters: [expect.objectContaining({ name: 'prod-eu' })],
      problems: [],
    });
  });

  it('lists no cluster once the project’s last one is deleted', async () => {
    const gkeClusters = reader(locators({ projectId: 'acme-prod' }));
    expect((await gkeClusters.read()).clusters).toHaveLength(3);
    gke.setClusters([]);
    expect(await gkeClusters.read()).toEqual({ clusters: [], problems: [] });
  });

  it('calls a read incomplete when a locator fails before it ever answered', async () => {
    const gkeClusters = reader(locators({ projectId: 'acme-prod' }));
    gke.failNext(3, 503);
    const first = await gkeClusters.read();
    expect(first.incomplete).toBe(true);
    expect(first.problems).toEqual([
      expect.stringContaining(
        'Listing the clusters of GKE project acme-prod (every location) failed, keeping the stored data of its clusters until it answers: ',
      ),
    ]);
    const second = await gkeClusters.read();
    expect(second).not.toHaveProperty('incomplete');
    expect(second.clusters).toHaveLength(3);
  });

  it('treats a list that leaves out zones GKE could not reach as one that failed', async () => {
    let missingZones: string[] = [];
    // The fake serves whole lists; this adds what GKE says in a zonal outage.
    const gkeClusters = new GkeClusters(locators({ projectId: 'acme-prod' }), {
      accessToken: async () => 'fake-gke-token',
      apiUrl: gke.url,
      requestTimeoutMs: 2_000,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const body = await response.json();
        return new Response(JSON.stringify({ ...body, missingZones }), {
          status: response.status,
          headers: response.headers,
        });
      },
    });
    missingZones = ['us-central1-a'];
    gke.setClusters([cluster('prod-eu'), cluster('lab-eu')]);
    const first = await gkeClusters.read();
    expect(first.incomplete).toBe(true);
    expect(first.problems).toEqual([
      'Listing the clusters of GKE project acme-prod (every location) failed, keeping the stored data of its clusters until it answers: the answer leaves out the clusters of us-central1-a, which GKE could not reach',
    ]);
    missingZones = [];
    gke.setClusters([
      cluster('prod-eu'),
      cluster('lab-eu'),
      cluster('prod-us', { location: 'us-central1-a' }),
    ]);
    expect((await gkeClusters.read()).clusters).toHaveLength(3);
    // prod-us's zone is out: the short list does not replace the last one.
    missingZones = ['us-central1-a'];
    gke.setClusters([cluster('prod-eu'), cluster('lab-eu')]);
    const outage = await gkeClusters.read();
    expect(outage).not.toHaveProperty('incomplete');
    expect(outage.clusters.map(c => c.name)).toEqual([
      'prod-eu',
      'lab-eu',
      'prod-us',
    ]);
    expect(outage.problems).toEqual([
      expect.stringContaining(
        'failed, keeping the last list: the answer leaves out the clusters of us-central1-a',
      ),
    ]);
  });

  it("passes on Google's own reason for a refused token or project", async () => {
    const { problems } = await reader(
      locators({ projectId: 'acme-prod' }, { projectId: 'acme-dev' }),
      'expired',
    ).read();
    expect(problems).toEqual([
      expect.stringContaining(
        'answered 401: Request had invalid authentication credentials',
      ),
      expect.stringContaining('answered 401'),
    ]);
    const denied = await reader(locators({ projectId: 'acme-dev' })).read();
    expect(denied.problems).toEqual([
      expect.stringContaining(
        "answered 403: Permission 'container.clusters.list' denied",
      ),
    ]);
  });

  it('reports a cluster without an endpoint yet and lists the rest', async () => {
    gke.setClusters([cluster('prod-eu'), cluster('new', { endpoint: '' })]);
    const { clusters, problems } = await reader(
      locators({ projectId: 'acme-prod' }),
    ).read();
    expect(clusters.map(c => c.name)).toEqual(['prod-eu']);
    expect(problems).toEqual([
      "Not collecting GKE cluster 'new': it has no control plane endpoint yet",
    ]);
  });

  it('reads a listed cluster over TLS verified by the CA GKE gave, signed in as the backend', async () => {
    const kube = await startFakeKubeApiServer({
      objects: [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'cart-0', namespace: 'shop' },
          spec: { containers: [{ name: 'app', image: 'cart:1.0' }] },
        },
      ],
      tls: pki.server,
    });
    try {
      gke.setClusters([
        cluster('prod-eu', { endpoint: new URL(kube.url).host }),
      ]);
      const [listed] = (
        await reader(
          locators({
            projectId: 'acme-prod',
            authProvider: 'googleServiceAccount',
          }),
        ).read()
      ).clusters;
      const signedIn: string[] = [];
      const client = new KubernetesClusterClient(
        listed,
        { requestTimeoutMs: 2_000, pageSize: 10, maxAttempts: 1 },
        new ClusterCredentials(
          async () => undefined,
          new Map([
            [
              'googleServiceAccount',
              {
                getCredential: async target => {
                  signedIn.push(target.name);
                  return { type: 'bearer token', token: kube.token };
                },
                validateCluster: () => [],
                presentAuthMetadata: () => ({}),
              },
            ],
          ]),
        ),
      );
      const pods = BUILT_IN_RESOURCES.find(r => r.plural === 'pods')!;
      const list = await client.listAll(pods, item => item.metadata.name);
      client.close();
      expect(list.items).toEqual(['cart-0']);
      expect(signedIn).toContain('prod-eu');
    } finally {
      await kube.close();
    }
  });
});
