import { trimObject } from './trimObject';

const SECRET = 'hunter2';
const container = (name: string) => ({
  name,
  image: `${name}:1.0`,
  env: [{ name: 'DB_PASSWORD', value: SECRET }],
  envFrom: [{ secretRef: { name: `${name}-secrets` } }],
});
const podSpec = () => ({
  serviceAccountName: 'worker',
  initContainers: [container('migrate')],
  containers: [container('app')],
  ephemeralContainers: [container('debugger')],
});

describe('trimObject', () => {
  it.each([
    ['a Pod', { apiVersion: 'v1', kind: 'Pod', spec: podSpec() }],
    [
      'a Deployment',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        spec: { replicas: 2, template: { spec: podSpec() } },
      },
    ],
    [
      'a CronJob',
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        spec: {
          schedule: '0 * * * *',
          jobTemplate: { spec: { template: { spec: podSpec() } } },
        },
      },
    ],
    [
      'a custom resource with a pod template of its own',
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        spec: { strategy: { canary: {} }, template: { spec: podSpec() } },
      },
    ],
  ])('keeps no container environment of %s', (_, raw) => {
    const trimmed = trimObject({
      ...raw,
      metadata: { name: 'cart', namespace: 'shop' },
    });
    const stored = JSON.stringify(trimmed);
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain('-secrets');
    expect(stored).not.toMatch(/"env(From)?"/);
    // What is not environment stays: images, names, the rest of the spec.
    for (const name of ['migrate', 'app', 'debugger']) {
      expect(stored).toContain(`"image":"${name}:1.0"`);
    }
    expect(stored).toContain('"serviceAccountName":"worker"');
  });

  it('leaves keys named like container lists alone when they hold no list', () => {
    const trimmed = trimObject({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { containers: 3, env: 'production' },
    });
    expect(trimmed.spec).toEqual({ containers: 3, env: 'production' });
  });

  it('drops managed fields and the last-applied copy, and keeps identity and labels', () => {
    const trimmed = trimObject({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'cart',
        namespace: 'shop',
        uid: 'u-1',
        labels: { 'backstage.io/kubernetes-id': 'cart' },
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': `{"env":"${SECRET}"}`,
          'prometheus.io/scrape': 'true',
        },
        managedFields: [{ manager: 'kubectl' }],
      },
      spec: { ports: [{ port: 80 }] },
    });
    expect(trimmed.metadata).toEqual({
      name: 'cart',
      namespace: 'shop',
      uid: 'u-1',
      labels: { 'backstage.io/kubernetes-id': 'cart' },
      annotations: { 'prometheus.io/scrape': 'true' },
    });
    expect(JSON.stringify(trimmed)).not.toContain(SECRET);
  });

  it('keeps the top-level settings of StorageClasses and RuntimeClasses under spec', () => {
    const storage = trimObject({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'gp3' },
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3' },
      reclaimPolicy: 'Delete',
    });
    expect(storage.spec).toEqual({
      provisioner: 'ebs.csi.aws.com',
      parameters: { type: 'gp3' },
      reclaimPolicy: 'Delete',
    });
    const sandbox = trimObject({
      apiVersion: 'node.k8s.io/v1',
      kind: 'RuntimeClass',
      metadata: { name: 'gvisor' },
      handler: 'runsc',
      overhead: { podFixed: { memory: '120Mi', cpu: '250m' } },
      scheduling: { nodeSelector: { 'sandbox.gke.io/runtime': 'gvisor' } },
    });
    expect(sandbox.spec).toEqual({
      handler: 'runsc',
      overhead: { podFixed: { memory: '120Mi', cpu: '250m' } },
      scheduling: { nodeSelector: { 'sandbox.gke.io/runtime': 'gvisor' } },
    });
  });

  it('keeps what a vulnerability report says about the image, not its vulnerability list', () => {
    const summary = { criticalCount: 1, highCount: 3, mediumCount: 8 };
    const trimmed = trimObject({
      apiVersion: 'aquasecurity.github.io/v1alpha1',
      kind: 'VulnerabilityReport',
      metadata: { name: 'replicaset-cart-7d9f-cart', namespace: 'checkout' },
      report: {
        artifact: { repository: 'checkout/cart', tag: '2.4.1' },
        scanner: { name: 'Trivy', version: '0.52.0' },
        summary,
        updateTimestamp: '2024-10-01T06:00:00Z',
        vulnerabilities: Array.from({ length: 500 }, (_, i) => ({
          vulnerabilityID: `CVE-2024-${i}`,
        })),
      },
    });
    expect(trimmed.spec).toEqual({
      artifact: { repository: 'checkout/cart', tag: '2.4.1' },
      scanner: { name: 'Trivy', version: '0.52.0' },
      summary,
      updateTimestamp: '2024-10-01T06:00:00Z',
    });
    expect(JSON.stringify(trimmed)).not.toContain('CVE-2024-');
  });
});
