import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  checkClusterUrl,
  readCatalogClusters,
  readCatalogLocatorOptions,
  type CatalogLocatorOptions,
} from './catalogClusters';
import { clusterResource } from '../__testUtils__/clusterResource';

const strict: CatalogLocatorOptions = {
  allowedHosts: ['*.eks.amazonaws.com', '34.90.1.2', '10.1.2.3', 'localhost'],
  dangerouslyAllowClusterUrls: [],
  dangerouslyAllowSkipTLSVerify: false,
};

describe('readCatalogLocatorOptions', () => {
  it('reads the catalog locator, and nothing without one', () => {
    expect(
      readCatalogLocatorOptions(
        new ConfigReader({
          kubernetes: {
            clusterLocatorMethods: [
              { type: 'config', clusters: [] },
              {
                type: 'catalog',
                dangerouslyAllowClusterUrls: ['*.corp.internal'],
              },
            ],
          },
          runtimeStack: {
            clusters: { catalog: { allowedHosts: ['*.azmk8s.io'] } },
          },
        }),
      ),
    ).toEqual({
      allowedHosts: ['*.azmk8s.io'],
      dangerouslyAllowClusterUrls: ['*.corp.internal'],
      dangerouslyAllowSkipTLSVerify: false,
    });
    expect(
      readCatalogLocatorOptions(
        new ConfigReader({
          kubernetes: { clusterLocatorMethods: [{ type: 'config' }] },
        }),
      ),
    ).toBeUndefined();
  });
});

describe('checkClusterUrl', () => {
  const check =
    (url: string, options = strict) =>
    () =>
      checkClusterUrl(url, options);

  it('accepts HTTPS to an allowed public host', () => {
    expect(check('https://abc.gr7.eu-west-1.eks.amazonaws.com')).not.toThrow();
    expect(check('https://34.90.1.2:443')).not.toThrow();
  });

  it('refuses a host the operator did not allow, however public', () => {
    expect(check('https://attacker.example')).toThrow(
      'kubernetes.io/api-server host attacker.example is not in runtimeStack.clusters.catalog.allowedHosts',
    );
    expect(check('https://34.90.1.9')).toThrow(/not in .*allowedHosts/);
    expect(
      check('https://abc.eks.amazonaws.com', { ...strict, allowedHosts: [] }),
    ).toThrow(/not in .*allowedHosts/);
  });

  it('refuses private and loopback addresses even when allowed, as the Kubernetes plugin does', () => {
    expect(check('https://10.1.2.3')).toThrow(
      /10\.1\.2\.3 is not a public address/,
    );
    const allowingLoopback = { ...strict, allowedHosts: ['::1', '127.0.0.1'] };
    expect(check('https://[::1]:6443', allowingLoopback)).toThrow(
      /not a public address/,
    );
    expect(check('https://127.0.0.1:6443', allowingLoopback)).toThrow(
      /not a public address/,
    );
  });

  it('refuses plain HTTP, other schemes, credentials and non-URLs', () => {
    expect(check('http://34.90.1.2')).toThrow(
      'must use https unless dangerouslyAllowClusterUrls',
    );
    expect(check('ftp://34.90.1.2')).toThrow('must use http or https');
    expect(check('https://user:pw@34.90.1.2')).toThrow(
      'must not contain credentials',
    );
    expect(check('not a url')).toThrow("'not a url' is not a valid URL");
  });

  it('lets dangerouslyAllowClusterUrls exempt allowed hosts and domains from HTTPS and the public rule', () => {
    const exempting = {
      ...strict,
      allowedHosts: ['127.0.0.1', '*.corp.internal'],
      dangerouslyAllowClusterUrls: ['127.0.0.1', '*.corp.internal'],
    };
    expect(check('http://127.0.0.1:6443', exempting)).not.toThrow();
    expect(check('http://eks.corp.internal', exempting)).not.toThrow();
    expect(check('https://corp.internal', exempting)).not.toThrow();
    // The exemption alone does not allow a host.
    expect(
      check('http://127.0.0.1:6443', { ...exempting, allowedHosts: [] }),
    ).toThrow(/not in .*allowedHosts/);
  });
});

describe('readCatalogClusters', () => {
  const read = async (
    entities: Entity[],
    options: CatalogLocatorOptions = strict,
  ) => {
    const { clusters, problems } = await readCatalogClusters({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      options,
    });
    return { clusters, warnings: problems };
  };

  it('reads kubernetes-cluster Resources as the Kubernetes plugin does', async () => {
    const { clusters, warnings } = await read([
      clusterResource('prod-eks', {
        'kubernetes.io/x-k8s-aws-id': 'prod-eks-eu',
        'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/reader',
        'kubernetes.io/dashboard-app': 'aws',
        'kubernetes.io/dashboard-parameters': '{"region":"eu-west-1"}',
        'backstage.io/techdocs-ref': 'dir:.',
      }),
    ]);
    expect(warnings).toEqual([]);
    expect(clusters).toEqual([
      {
        name: 'prod-eks',
        url: 'https://prod-eks.eks.amazonaws.com',
        entityRef: 'resource:default/prod-eks',
        authProvider: 'aws',
        authMetadata: {
          'kubernetes.io/api-server': 'https://prod-eks.eks.amazonaws.com',
          'kubernetes.io/api-server-certificate-authority': 'Q0EgZGF0YQ==',
          'kubernetes.io/auth-provider': 'aws',
          'kubernetes.io/x-k8s-aws-id': 'prod-eks-eu',
          'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/reader',
          'kubernetes.io/dashboard-app': 'aws',
          'kubernetes.io/dashboard-parameters': '{"region":"eu-west-1"}',
        },
        caData: 'Q0EgZGF0YQ==',
        skipTLSVerify: false,
        dashboardApp: 'aws',
        dashboardParameters: { region: 'eu-west-1' },
      },
    ]);
  });

  it('leaves out, with a warning, what it cannot collect safely', async () => {
    const { clusters, warnings } = await read([
      clusterResource('token-cluster', {
        'kubernetes.io/auth-provider': 'serviceAccount',
      }),
      clusterResource('metadata-service', {
        'kubernetes.io/api-server': 'https://169.254.169.254',
      }),
      clusterResource('elsewhere', {
        'kubernetes.io/api-server': 'https://attacker.example',
        'kubernetes.io/x-k8s-aws-id': 'prod-eks',
      }),
      clusterResource('good', {}),
    ]);
    expect(clusters.map(c => c.name)).toEqual(['good']);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Not collecting kubernetes-cluster Resource 'token-cluster': the serviceAccount auth provider needs a token/,
      ),
      expect.stringMatching(
        /^Not collecting kubernetes-cluster Resource 'metadata-service': .*169\.254\.169\.254 is not in runtimeStack.clusters.catalog.allowedHosts/,
      ),
      expect.stringMatching(
        /^Not collecting kubernetes-cluster Resource 'elsewhere': .*attacker\.example is not in/,
      ),
    ]);
  });

  it('leaves out a cluster name declared in two namespaces, rather than pick one', async () => {
    const real = clusterResource('prod-eks', {});
    const impostor: Entity = {
      ...clusterResource('prod-eks', {}),
      metadata: {
        ...clusterResource('prod-eks', {}).metadata,
        namespace: 'team-x',
      },
    };
    const { clusters, warnings } = await read([
      real,
      impostor,
      clusterResource('lab-eks', {}),
    ]);
    expect(clusters.map(c => c.name)).toEqual(['lab-eks']);
    expect(warnings).toEqual([
      "Not collecting kubernetes-cluster 'prod-eks': it is declared in default and team-x",
    ]);
  });

  it('ignores Resources of other types and clusters without an API server, CA or provider', async () => {
    const database: Entity = {
      ...clusterResource('db', {}),
      spec: { type: 'database', owner: 'platform-team' },
    };
    const withoutCa = clusterResource('no-ca', {});
    delete withoutCa.metadata.annotations![
      'kubernetes.io/api-server-certificate-authority'
    ];
    const { clusters } = await read([database, withoutCa]);
    expect(clusters).toEqual([]);
  });

  it('refuses to answer for an empty catalog, which may be one being rebuilt', async () => {
    // Taken for 'no clusters', it would drop every cluster's data.
    await expect(read([])).rejects.toThrow(
      expect.objectContaining({
        name: 'ServiceUnavailableError',
        message: expect.stringMatching(/holds no entities yet/),
      }),
    );
    // A catalog of other entities and no clusters is believed.
    const service: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'payments-api' },
      spec: {
        type: 'service',
        owner: 'team-payments',
        lifecycle: 'production',
      },
    };
    expect(await read([service])).toEqual({ clusters: [], warnings: [] });
  });

  it('turns TLS verification off only where the locator allows it', async () => {
    const skipping = clusterResource('lab', {
      'kubernetes.io/skip-tls-verify': 'true',
    });
    expect((await read([skipping])).clusters[0].skipTLSVerify).toBe(false);
    expect(
      (
        await read([skipping], {
          ...strict,
          dangerouslyAllowSkipTLSVerify: true,
        })
      ).clusters[0].skipTLSVerify,
    ).toBe(true);
  });
});
