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

const strict: CatalogLocatorOptions = {
  dangerouslyAllowClusterUrls: [],
  dangerouslyAllowSkipTLSVerify: false,
};

const clusterResource = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'kubernetes.io/api-server': `https://${name}.example`,
      'kubernetes.io/api-server-certificate-authority': 'Q0EgZGF0YQ==',
      'kubernetes.io/auth-provider': 'aws',
      ...annotations,
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
});

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
        }),
      ),
    ).toEqual({
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
  it('accepts HTTPS to a public address', async () => {
    await expect(
      checkClusterUrl('https://34.90.1.2:443', strict),
    ).resolves.toBeUndefined();
  });

  it('refuses private, loopback and link-local addresses, also behind a name', async () => {
    for (const url of [
      'https://10.1.2.3',
      'https://127.0.0.1:6443',
      'https://169.254.169.254',
      'https://[::1]:6443',
      'https://localhost:6443',
    ]) {
      await expect(checkClusterUrl(url, strict)).rejects.toThrow(
        /is not a public address/,
      );
    }
  });

  it('refuses plain HTTP, other schemes, credentials and non-URLs', async () => {
    await expect(checkClusterUrl('http://34.90.1.2', strict)).rejects.toThrow(
      'must use https unless dangerouslyAllowClusterUrls',
    );
    await expect(checkClusterUrl('ftp://34.90.1.2', strict)).rejects.toThrow(
      'must use http or https',
    );
    await expect(
      checkClusterUrl('https://user:pw@34.90.1.2', strict),
    ).rejects.toThrow('must not contain credentials');
    await expect(checkClusterUrl('not a url', strict)).rejects.toThrow(
      "'not a url' is not a valid URL",
    );
  });

  it('lets dangerouslyAllowClusterUrls name hosts and domains that are exempt', async () => {
    const allowing = {
      ...strict,
      dangerouslyAllowClusterUrls: ['127.0.0.1', '*.corp.internal'],
    };
    await expect(
      checkClusterUrl('http://127.0.0.1:6443', allowing),
    ).resolves.toBeUndefined();
    await expect(
      checkClusterUrl('https://eks.corp.internal', allowing),
    ).resolves.toBeUndefined();
    await expect(
      checkClusterUrl('https://corp.internal', allowing),
    ).resolves.toBeUndefined();
    await expect(checkClusterUrl('https://10.0.0.8', allowing)).rejects.toThrow(
      /not a public address/,
    );
  });
});

describe('readCatalogClusters', () => {
  const read = async (
    entities: Entity[],
    options: CatalogLocatorOptions = strict,
  ) => {
    const logger = mockServices.logger.mock();
    const clusters = await readCatalogClusters({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger,
      options,
    });
    return { clusters, warnings: logger.warn.mock.calls.map(c => c[0]) };
  };

  it('reads kubernetes-cluster Resources as the Kubernetes plugin does', async () => {
    const { clusters, warnings } = await read([
      clusterResource('prod-eks', {
        'kubernetes.io/api-server': 'https://34.90.1.2',
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
        url: 'https://34.90.1.2',
        authProvider: 'aws',
        authMetadata: {
          'kubernetes.io/api-server': 'https://34.90.1.2',
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
        'kubernetes.io/api-server': 'https://34.90.1.3',
        'kubernetes.io/auth-provider': 'serviceAccount',
      }),
      clusterResource('metadata-service', {
        'kubernetes.io/api-server': 'https://169.254.169.254',
      }),
      clusterResource('good', {
        'kubernetes.io/api-server': 'https://34.90.1.4',
      }),
    ]);
    expect(clusters.map(c => c.name)).toEqual(['good']);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Not collecting kubernetes-cluster Resource 'token-cluster': the serviceAccount auth provider needs a token/,
      ),
      expect.stringMatching(
        /^Not collecting kubernetes-cluster Resource 'metadata-service': .*169\.254\.169\.254 is not a public address/,
      ),
    ]);
  });

  it('ignores Resources of other types and clusters without an API server, CA or provider', async () => {
    const database: Entity = {
      ...clusterResource('db', {
        'kubernetes.io/api-server': 'https://34.90.1.5',
      }),
      spec: { type: 'database', owner: 'platform-team' },
    };
    const withoutCa = clusterResource('no-ca', {
      'kubernetes.io/api-server': 'https://34.90.1.6',
    });
    delete withoutCa.metadata.annotations![
      'kubernetes.io/api-server-certificate-authority'
    ];
    const { clusters } = await read([database, withoutCa]);
    expect(clusters).toEqual([]);
  });

  it('turns TLS verification off only where the locator allows it', async () => {
    const skipping = clusterResource('lab', {
      'kubernetes.io/api-server': 'https://34.90.1.7',
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
