/*
 * The portal's Helm chart (deploy/helm/runtime-stack-portal), checked with a
 * real helm and the validator the software template uses: helm lint, helm
 * template and every rendered manifest against the Kubernetes schemas.
 */

import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createValidateChartAction } from '@internal/backstage-plugin-scaffolder-backend-module-runtime-stack';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = resolve(__dirname, '../../..');
const CHART_PATH = 'runtime-stack-portal';
// `helm install runtime-stack-portal` in the namespace catalog-info.yaml names.
const RELEASE = 'runtime-stack-portal';
const NAMESPACE = 'platform';
const HOST = 'portal.example.com';

type K8sObject = {
  kind: string;
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: any;
};

// Each case spawns helm twice and loads the Kubernetes schemas in a worker.
jest.setTimeout(120_000);

let helmPath: string;
let workspace: string;
let valuesCount = 0;

beforeAll(() => {
  helmPath = execFileSync('bash', [resolve(ROOT, 'scripts/ensure-helm.sh')], {
    encoding: 'utf8',
  }).trim();
  // The action only takes charts inside its workspace.
  workspace = mkdtempSync(join(tmpdir(), 'portal-chart-'));
  cpSync(
    join(ROOT, 'deploy/helm/runtime-stack-portal'),
    join(workspace, CHART_PATH),
    { recursive: true },
  );
});

afterAll(() => {
  rmSync(workspace, { recursive: true, force: true });
});

/** A values file in the workspace (JSON is YAML), as the action takes them. */
function valuesFile(values: Record<string, unknown>): string {
  const file = `values-${valuesCount++}.yaml`;
  writeFileSync(join(workspace, file), JSON.stringify(values));
  return file;
}

/** Runs runtime-stack:chart:validate and returns its `kinds` output. */
async function validate(file: string): Promise<string[]> {
  const ctx = createMockActionContext({
    input: { chartPath: CHART_PATH, valuesFiles: [file], releaseName: RELEASE },
    workspacePath: workspace,
  });
  await createValidateChartAction({ helmPath }).handler(ctx);
  const kinds = (ctx.output as jest.Mock).mock.calls.find(
    ([name]) => name === 'kinds',
  )?.[1];
  return kinds as string[];
}

function helm(args: string[]): string {
  return execFileSync(helmPath, args, {
    cwd: workspace,
    encoding: 'utf8',
    env: {
      ...process.env,
      HELM_CACHE_HOME: join(workspace, '.helm/cache'),
      HELM_CONFIG_HOME: join(workspace, '.helm/config'),
      HELM_DATA_HOME: join(workspace, '.helm/data'),
    },
  });
}

/** The objects the validated render produced, for looking inside them. */
function render(file: string): { text: string; objects: K8sObject[] } {
  const text = helm([
    'template',
    RELEASE,
    CHART_PATH,
    '--namespace',
    NAMESPACE,
    '-f',
    file,
  ]);
  const objects = parseAllDocuments(text)
    .map(doc => doc.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
  return { text, objects };
}

/**
 * Validates with the action, then renders in the release's namespace (the
 * action renders in `default`, which only cluster-scoped names show).
 */
async function check(values: Record<string, unknown>) {
  const file = valuesFile(values);
  const kinds = await validate(file);
  const rendered = render(file);
  expect(rendered.objects.map(o => o.kind)).toEqual(
    kinds.map(kind => kind.split('/')[0]),
  );
  const find = (kind: string) => rendered.objects.find(o => o.kind === kind);
  const deployment = find('Deployment')!;
  return {
    ...rendered,
    kinds,
    find,
    deployment,
    pod: deployment.spec.template.spec,
    container: deployment.spec.template.spec.containers[0],
  };
}

/** The error of a validation that must fail. */
async function failure(values: Record<string, unknown>): Promise<Error> {
  try {
    await validate(valuesFile(values));
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the chart validation to fail');
}

const INGRESS_VALUES = {
  ingress: {
    enabled: true,
    className: 'nginx',
    host: HOST,
    tls: { enabled: true, secretName: 'portal-tls' },
    certManager: { clusterIssuer: 'letsencrypt' },
  },
  networkPolicy: { enabled: true },
  rbac: { clusterReader: { create: true } },
};

describe('deploy/helm/runtime-stack-portal', () => {
  it('passes helm lint --strict with defaults, everything on and one replica', () => {
    for (const values of [{}, INGRESS_VALUES, { replicaCount: 1 }]) {
      expect(
        helm(['lint', '--strict', CHART_PATH, '-f', valuesFile(values)]),
      ).toContain('0 chart(s) failed');
    }
  });

  it('renders two hardened replicas on PostgreSQL by default', async () => {
    const { kinds, text, find, deployment, pod, container } = await check({});
    expect(kinds).toEqual(
      expect.arrayContaining([
        `Deployment/${RELEASE}`,
        `Service/${RELEASE}`,
        `ServiceAccount/${RELEASE}`,
        `ConfigMap/${RELEASE}-app-config`,
        `PodDisruptionBudget/${RELEASE}`,
      ]),
    );
    for (const kind of ['Ingress', 'NetworkPolicy', 'ClusterRole']) {
      expect(find(kind)).toBeUndefined();
    }
    expect(deployment.spec.replicas).toBe(2);
    expect(find('PodDisruptionBudget')!.spec.minAvailable).toBe(1);

    expect(container.ports).toEqual([
      { name: 'http', containerPort: 7007, protocol: 'TCP' },
    ]);
    expect(container.readinessProbe.httpGet).toEqual({
      path: '/.backstage/health/v1/readiness',
      port: 'http',
    });
    expect(container.livenessProbe.httpGet).toEqual({
      path: '/.backstage/health/v1/liveness',
      port: 'http',
    });

    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    // Read-only root: Backstage's writes go to an emptyDir.
    expect(container.volumeMounts).toContainEqual({
      name: 'tmp',
      mountPath: '/tmp',
    });
    expect(pod.volumes).toContainEqual(
      expect.objectContaining({ name: 'tmp', emptyDir: expect.any(Object) }),
    );
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(
      pod.topologySpreadConstraints.map((c: any) => c.topologyKey),
    ).toContain('kubernetes.io/hostname');

    const env = Object.fromEntries(container.env.map((e: any) => [e.name, e]));
    expect(env.POSTGRES_HOST.value).toBe('postgresql');
    expect(env.POSTGRES_PORT.value).toBe('5432');
    expect(env.POSTGRES_USER.value).toBe('backstage');
    expect(env.POSTGRES_PASSWORD).toEqual({
      name: 'POSTGRES_PASSWORD',
      valueFrom: {
        secretKeyRef: {
          name: 'runtime-stack-portal-postgresql',
          key: 'password',
        },
      },
    });
    // The chart never carries a password: no Secret, no literal value.
    expect(find('Secret')).toBeUndefined();
    expect(text).not.toMatch(/password:\s*\S/i);

    // The image's CMD, then the chart's config file from the ConfigMap.
    expect(container.args).toEqual([
      'node',
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
      '--config',
      '/config/app-config.override.yaml',
    ]);
    const configMap = find('ConfigMap')!;
    expect(container.volumeMounts).toContainEqual({
      name: 'app-config',
      mountPath: '/config',
      readOnly: true,
    });
    expect(pod.volumes).toContainEqual({
      name: 'app-config',
      configMap: { name: configMap.metadata.name },
    });
    expect(configMap.data).toHaveProperty(['app-config.override.yaml']);
    expect(
      deployment.spec.template.metadata.annotations['checksum/app-config'],
    ).toMatch(/^[0-9a-f]{64}$/);
  });

  it("publishes the template's services to a writable volume, shared with a claim", async () => {
    // The image's localPublishDir is under the read-only root filesystem.
    const { find, container, pod } = await check({ replicaCount: 1 });
    const config = parse(find('ConfigMap')!.data['app-config.override.yaml']);
    expect(config.runtimeStack.scaffolder.localPublishDir).toBe(
      '/data/created-services',
    );
    expect(container.volumeMounts).toContainEqual({
      name: 'created-services',
      mountPath: '/data',
    });
    expect(pod.volumes).toContainEqual({
      name: 'created-services',
      emptyDir: {},
    });

    const shared = await check({
      createdServices: { existingClaim: 'portal-created-services' },
    });
    expect(shared.pod.volumes).toContainEqual({
      name: 'created-services',
      persistentVolumeClaim: { claimName: 'portal-created-services' },
    });
  });

  it('labels every object and the pods with the catalog entity kubernetes-id', async () => {
    const entity = parse(readFileSync(join(ROOT, 'catalog-info.yaml'), 'utf8'));
    const id = entity.metadata.annotations['backstage.io/kubernetes-id'];
    expect(id).toBe('runtime-stack-portal');

    const { objects, deployment } = await check(INGRESS_VALUES);
    for (const object of objects) {
      expect(object.metadata.labels).toMatchObject({
        'backstage.io/kubernetes-id': id,
        'app.kubernetes.io/name': 'runtime-stack-portal',
        'app.kubernetes.io/instance': RELEASE,
      });
    }
    expect(deployment.spec.template.metadata.labels).toMatchObject({
      'backstage.io/kubernetes-id': id,
    });
  });

  it('renders no PodDisruptionBudget for a single replica', async () => {
    const { find, deployment } = await check({ replicaCount: 1 });
    expect(deployment.spec.replicas).toBe(1);
    expect(find('PodDisruptionBudget')).toBeUndefined();
  });

  it('serves the ingress host over TLS and derives the base URLs from it', async () => {
    const { find } = await check(INGRESS_VALUES);
    const ingress = find('Ingress')!;
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([
      { hosts: [HOST], secretName: 'portal-tls' },
    ]);
    expect(ingress.spec.rules[0].host).toBe(HOST);
    expect(ingress.metadata.annotations).toMatchObject({
      'cert-manager.io/cluster-issuer': 'letsencrypt',
    });

    const config = parse(find('ConfigMap')!.data['app-config.override.yaml']);
    expect(config.app.baseUrl).toBe(`https://${HOST}`);
    expect(config.backend.baseUrl).toBe(`https://${HOST}`);
    expect(config.backend.cors.origin).toBe(`https://${HOST}`);

    const policy = find('NetworkPolicy')!;
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    expect(policy.spec.ingress[0].from).toContainEqual({
      namespaceSelector: {
        matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
      },
    });
  });

  it('gives the service account the reader rules of the example, never secrets or configmaps', async () => {
    const { find, pod } = await check(INGRESS_VALUES);
    const role = find('ClusterRole')!;
    for (const rule of role.rules) {
      expect(rule.verbs).toEqual(['get', 'list', 'watch']);
      for (const resource of rule.resources) {
        expect(resource).not.toMatch(/secret|configmap/i);
      }
    }
    const example = parseAllDocuments(
      readFileSync(
        join(ROOT, 'examples/kubernetes/runtime-stack-reader.yaml'),
        'utf8',
      ),
    )
      .map(doc => doc.toJS())
      .find(object => object.kind === 'ClusterRole');
    expect(role.rules).toEqual(example.rules);

    const binding = find('ClusterRoleBinding')!;
    expect(binding.roleRef.name).toBe(role.metadata.name);
    expect(binding.subjects).toEqual([
      {
        kind: 'ServiceAccount',
        name: pod.serviceAccountName,
        namespace: NAMESPACE,
      },
    ]);
    // The portal reads this cluster with the pod's own token.
    expect(pod.automountServiceAccountToken).toBe(true);
  });

  it('rejects an unknown top-level value, naming it', async () => {
    const error = await failure({ replicaCont: 3 });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/helm lint failed/);
    expect(error.message).toMatch(/'replicaCont' not allowed/);
  });

  it('rejects a replica count that is not an integer, naming it', async () => {
    const error = await failure({ replicaCount: 'two' });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/\/replicaCount'?: got string, want integer/);
  });

  it('refuses a plaintext database password in the values', async () => {
    const error = await failure({
      postgresql: { host: 'db', password: 'hunter2' },
    });
    expect(error.message).toMatch(/\/postgresql.*'password' not allowed/);
  });
});
