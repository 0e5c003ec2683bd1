import { ConfigReader } from '@backstage/config';
import {
  readClusterDefinitions,
  readCollectionSettings,
  readServiceLocatorMethod,
} from './clusterConfig';

const kubernetes = (clusters: object[], extra: object[] = []) => ({
  kubernetes: {
    clusterLocatorMethods: [{ type: 'config', clusters }, ...extra],
  },
});

describe('readClusterDefinitions', () => {
  it('reads the Kubernetes plugin’s config clusters and ignores other locators', () => {
    const clusters = readClusterDefinitions(
      new ConfigReader(
        kubernetes(
          [
            {
              name: 'prod-eu-1',
              url: 'https://eu.example.com',
              authProvider: 'serviceAccount',
              serviceAccountToken: 'abc',
              caData: 'LS0t',
              dashboardUrl: 'https://dash/eu',
            },
            {
              name: 'lab',
              url: 'https://lab',
              skipTLSVerify: true,
              caFile: '/ca.pem',
            },
          ],
          [{ type: 'catalog' }],
        ),
      ),
    );
    expect(clusters).toEqual([
      {
        name: 'prod-eu-1',
        url: 'https://eu.example.com',
        authProvider: 'serviceAccount',
        serviceAccountToken: 'abc',
        caData: 'LS0t',
        caFile: undefined,
        skipTLSVerify: false,
        dashboardUrl: 'https://dash/eu',
      },
      {
        name: 'lab',
        url: 'https://lab',
        authProvider: 'serviceAccount',
        serviceAccountToken: undefined,
        // No token: the pod's own, as the Kubernetes plugin falls back to.
        serviceAccountTokenFile:
          '/var/run/secrets/kubernetes.io/serviceaccount/token',
        caData: undefined,
        caFile: '/ca.pem',
        skipTLSVerify: true,
        dashboardUrl: undefined,
      },
    ]);
  });

  it('keeps how the Kubernetes tab links to each cluster’s dashboard', () => {
    const [gke, plain] = readClusterDefinitions(
      new ConfigReader(
        kubernetes([
          {
            name: 'gke',
            url: 'https://gke',
            dashboardApp: 'gke',
            dashboardParameters: {
              projectId: 'p',
              region: 'r',
              clusterName: 'c',
            },
          },
          { name: 'plain', url: 'https://plain', dashboardParameters: 'x' },
        ]),
      ),
    );
    expect(gke).toMatchObject({
      dashboardApp: 'gke',
      dashboardParameters: { projectId: 'p', region: 'r', clusterName: 'c' },
    });
    expect(plain).not.toHaveProperty('dashboardApp');
    expect(plain).not.toHaveProperty('dashboardParameters');
  });

  it('keeps other auth providers, without a token file, for the collector to report', () => {
    const [oidc] = readClusterDefinitions(
      new ConfigReader(
        kubernetes([
          { name: 'corp', url: 'https://corp', authProvider: 'oidc' },
        ]),
      ),
    );
    expect(oidc.authProvider).toBe('oidc');
    expect(oidc).not.toHaveProperty('serviceAccountTokenFile');
  });

  it("reads the auth settings the Kubernetes plugin reads, with the authMetadata block's provider first", () => {
    const [eks, aks] = readClusterDefinitions(
      new ConfigReader(
        kubernetes([
          {
            name: 'eks',
            url: 'https://eks',
            authProvider: 'aws',
            assumeRole: 'arn:aws:iam::1:role/reader',
            externalId: 'ext-1',
            authMetadata: {
              'kubernetes.io/x-k8s-aws-id': 'prod-eks',
              'kubernetes.io/aws-external-id': 'ext-2',
            },
          },
          {
            name: 'aks',
            url: 'https://aks',
            serviceAccountToken: 'secret',
            authMetadata: {
              'kubernetes.io/auth-provider': 'azure',
              serviceAccountToken: 'also-secret',
            },
          },
        ]),
      ),
    );
    expect(eks).toMatchObject({
      authProvider: 'aws',
      authMetadata: {
        'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/reader',
        'kubernetes.io/aws-external-id': 'ext-2',
        'kubernetes.io/x-k8s-aws-id': 'prod-eks',
      },
    });
    expect(aks.authProvider).toBe('azure');
    expect(aks.authMetadata).toEqual({
      'kubernetes.io/auth-provider': 'azure',
    });
    expect(aks).not.toHaveProperty('serviceAccountTokenFile');
  });

  it('reads the local kubectl proxy locator as the Kubernetes plugin names it', () => {
    expect(
      readClusterDefinitions(
        new ConfigReader({
          kubernetes: {
            clusterLocatorMethods: [{ type: 'localKubectlProxy' }],
          },
        }),
      ),
    ).toEqual([
      {
        name: 'local',
        url: 'http://127.0.0.1:8001',
        authProvider: 'localKubectlProxy',
        skipTLSVerify: false,
      },
    ]);
  });

  it('has no clusters without Kubernetes config', () => {
    expect(readClusterDefinitions(new ConfigReader({}))).toEqual([]);
  });

  it('refuses a cluster name used twice', () => {
    expect(() =>
      readClusterDefinitions(
        new ConfigReader(
          kubernetes([
            { name: 'a', url: 'https://1' },
            { name: 'a', url: 'https://2' },
          ]),
        ),
      ),
    ).toThrow(/cluster name 'a' is used twice/);
  });
});

describe('readCollectionSettings', () => {
  it('defaults to a 5 minute schedule, watching until shortly before the next run', () => {
    const settings = readCollectionSettings(new ConfigReader({}));
    expect(settings.schedule.frequency).toEqual({ minutes: 5 });
    expect(settings.watch).toBe(true);
    expect(settings.watchWindowMs).toBe(5 * 60_000 - 15_000);
    expect(settings.staleAfterMs).toBe(15 * 60_000);
    expect(settings.requestTimeoutMs).toBe(30_000);
    expect(settings.concurrency).toBe(4);
    expect(settings.clusterConcurrency).toBe(8);
    expect(settings.resources.map(r => r.plural)).toContain('pods');
    expect(settings.resources.map(r => r.plural)).not.toContain('secrets');
    expect(
      settings.customResources.has('servicemonitors.monitoring.coreos.com'),
    ).toBe(true);
  });

  it('collects the custom resources the Kubernetes plugin is set to show, unless excluded', () => {
    const settings = readCollectionSettings(
      new ConfigReader({
        kubernetes: {
          customResources: [
            {
              group: 'argoproj.io',
              apiVersion: 'v1alpha1',
              plural: 'rollouts',
            },
          ],
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'eu',
                  url: 'https://eu',
                  customResources: [
                    {
                      group: 'keda.sh',
                      apiVersion: 'v1alpha1',
                      plural: 'scaledobjects',
                    },
                    {
                      group: 'flagger.app',
                      apiVersion: 'v1beta1',
                      plural: 'canaries',
                    },
                  ],
                },
              ],
            },
          ],
        },
        runtimeStack: {
          clusters: {
            excludeResources: ['policies.kyverno.io', 'canaries.flagger.app'],
          },
        },
      }),
    );
    expect(settings.customResources.has('rollouts.argoproj.io')).toBe(true);
    expect(settings.customResources.has('scaledobjects.keda.sh')).toBe(true);
    expect(settings.customResources.has('canaries.flagger.app')).toBe(false);
    expect(settings.customResources.has('policies.kyverno.io')).toBe(false);
  });

  it.each([
    ['cron', { cron: '*/10 * * * *' }],
    ['manually triggered', { trigger: 'manual' }],
  ])(
    'counts a %s schedule as the default period for its windows',
    (_, frequency) => {
      const settings = readCollectionSettings(
        new ConfigReader({
          runtimeStack: {
            clusters: {
              schedule: { frequency, timeout: { minutes: 10 } },
            },
          },
        }),
      );
      expect(settings.staleAfterMs).toBe(15 * 60_000);
      expect(settings.watchWindowMs).toBe(5 * 60_000 - 15_000);
    },
  );

  it('reads durations, exclusions and extra custom resources', () => {
    const settings = readCollectionSettings(
      new ConfigReader({
        runtimeStack: {
          clusters: {
            schedule: { frequency: { minutes: 10 }, timeout: { minutes: 2 } },
            requestTimeout: { seconds: 5 },
            staleAfter: '1h',
            pageSize: 100,
            clusterConcurrency: 3,
            excludeResources: ['persistentvolumeclaims', 'policies.kyverno.io'],
            customResources: ['rollouts.argoproj.io'],
          },
        },
      }),
    );
    expect(settings.requestTimeoutMs).toBe(5_000);
    expect(settings.staleAfterMs).toBe(3_600_000);
    expect(settings.pageSize).toBe(100);
    expect(settings.clusterConcurrency).toBe(3);
    // The watch ends before the task's own timeout.
    expect(settings.watchWindowMs).toBe(2 * 60_000 - 15_000);
    expect(settings.resources.map(r => r.plural)).not.toContain(
      'persistentvolumeclaims',
    );
    expect(settings.customResources.has('policies.kyverno.io')).toBe(false);
    expect(settings.customResources.has('rollouts.argoproj.io')).toBe(true);
  });

  it('names the bad entry of excludeResources and customResources', () => {
    expect(() =>
      readCollectionSettings(
        new ConfigReader({
          runtimeStack: { clusters: { excludeResources: ['podz'] } },
        }),
      ),
    ).toThrow(/excludeResources: 'podz' is not a collected resource/);
    expect(() =>
      readCollectionSettings(
        new ConfigReader({
          runtimeStack: { clusters: { customResources: ['Rollout'] } },
        }),
      ),
    ).toThrow(/customResources: 'Rollout' must be written plural.group/);
  });

  it.each(['pageSize', 'concurrency', 'clusterConcurrency'])(
    'refuses a %s below 1, naming it',
    key => {
      expect(() =>
        readCollectionSettings(
          new ConfigReader({ runtimeStack: { clusters: { [key]: 0 } } }),
        ),
      ).toThrow(`Invalid runtimeStack.clusters.${key}: must be a whole number`);
    },
  );
});

describe('readServiceLocatorMethod', () => {
  const locatorOf = (type?: string) =>
    readServiceLocatorMethod(
      new ConfigReader(
        type ? { kubernetes: { serviceLocatorMethod: { type } } } : {},
      ),
    );

  it('reads the Kubernetes plugin’s locator, multiTenant without one', () => {
    expect(locatorOf()).toEqual({ method: 'multiTenant' });
    expect(locatorOf('catalogRelation')).toEqual({
      method: 'catalogRelation',
    });
    expect(locatorOf('singleTenant')).toEqual({ method: 'singleTenant' });
  });

  it('reads a module’s own locator as multiTenant, naming it', () => {
    expect(locatorOf('byTeam')).toEqual({
      method: 'multiTenant',
      unknown: 'byTeam',
    });
  });
});
