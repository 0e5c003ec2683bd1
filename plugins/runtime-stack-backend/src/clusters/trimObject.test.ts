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

describe('trimObject of GitOps objects', () => {
  const helmSource = () => ({
    repoURL: 'https://charts.bitnami.com/bitnami',
    chart: 'postgresql',
    targetRevision: '15.5.0',
    helm: {
      releaseName: 'orders-db',
      valueFiles: ['values-prod.yaml'],
      values: `auth:\n  postgresPassword: ${SECRET}\n`,
      valuesObject: { auth: { password: SECRET } },
      parameters: [{ name: 'auth.password', value: SECRET }],
    },
  });
  const pluginSource = () => ({
    repoURL: 'https://github.com/acme/shop-deploy.git',
    path: 'apps/orders',
    targetRevision: 'main',
    plugin: {
      name: 'argocd-vault-plugin',
      env: [{ name: 'AVP_SECRET', value: SECRET }],
      parameters: [{ name: 'token', string: SECRET }],
    },
  });
  const keptHelmSource = {
    repoURL: 'https://charts.bitnami.com/bitnami',
    chart: 'postgresql',
    targetRevision: '15.5.0',
    helm: { releaseName: 'orders-db', valueFiles: ['values-prod.yaml'] },
  };
  const keptPluginSource = {
    repoURL: 'https://github.com/acme/shop-deploy.git',
    path: 'apps/orders',
    targetRevision: 'main',
    plugin: { name: 'argocd-vault-plugin' },
  };
  const destination = {
    server: 'https://kubernetes.default.svc',
    namespace: 'orders',
  };

  it('keeps where an Argo CD Application deploys from and to, not the values it passes, in every copy of its source', () => {
    const trimmed = trimObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'orders', namespace: 'argocd' },
      spec: {
        project: 'shop',
        source: helmSource(),
        destination,
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
      status: {
        sync: {
          status: 'Synced',
          revision: '15.5.0',
          comparedTo: { source: helmSource(), destination },
        },
        health: { status: 'Healthy' },
        history: [
          {
            id: 3,
            revision: '15.5.0',
            deployedAt: '2024-10-01T06:00:00Z',
            source: helmSource(),
          },
        ],
        operationState: {
          phase: 'Succeeded',
          operation: {
            sync: {
              revision: '15.5.0',
              source: helmSource(),
              manifests: [`{"kind":"Secret","stringData":"${SECRET}"}`],
            },
          },
          syncResult: { revision: '15.5.0', source: helmSource() },
        },
        sourceType: 'Helm',
        resources: [
          { kind: 'StatefulSet', name: 'orders-db', status: 'Synced' },
        ],
      },
    });
    expect(JSON.stringify(trimmed)).not.toContain(SECRET);
    expect(trimmed.spec).toEqual({
      project: 'shop',
      source: keptHelmSource,
      destination,
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    });
    expect(trimmed.status).toEqual({
      sync: {
        status: 'Synced',
        revision: '15.5.0',
        comparedTo: { source: keptHelmSource, destination },
      },
      health: { status: 'Healthy' },
      history: [
        {
          id: 3,
          revision: '15.5.0',
          deployedAt: '2024-10-01T06:00:00Z',
          source: keptHelmSource,
        },
      ],
      operationState: {
        phase: 'Succeeded',
        operation: { sync: { revision: '15.5.0', source: keptHelmSource } },
        syncResult: { revision: '15.5.0', source: keptHelmSource },
      },
      sourceType: 'Helm',
      resources: [{ kind: 'StatefulSet', name: 'orders-db', status: 'Synced' }],
    });
  });

  it('does the same for an Application of several sources', () => {
    const sources = () => [
      helmSource(),
      pluginSource(),
      { repoURL: 'https://github.com/acme/values.git', ref: 'values' },
    ];
    const kept = [
      keptHelmSource,
      keptPluginSource,
      { repoURL: 'https://github.com/acme/values.git', ref: 'values' },
    ];
    const trimmed = trimObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'orders', namespace: 'argocd' },
      spec: { project: 'shop', sources: sources(), destination },
      status: {
        sync: { status: 'OutOfSync', comparedTo: { sources: sources() } },
        history: [{ id: 1, revisions: ['15.5.0', 'abc'], sources: sources() }],
        operationState: {
          operation: { sync: { sources: sources() } },
          syncResult: { sources: sources() },
        },
      },
    });
    expect(JSON.stringify(trimmed)).not.toContain(SECRET);
    expect(trimmed.spec).toEqual({
      project: 'shop',
      sources: kept,
      destination,
    });
    expect(trimmed.status).toEqual({
      sync: { status: 'OutOfSync', comparedTo: { sources: kept } },
      history: [{ id: 1, revisions: ['15.5.0', 'abc'], sources: kept }],
      operationState: {
        operation: { sync: { sources: kept } },
        syncResult: { sources: kept },
      },
    });
  });

  it("keeps an ApplicationSet's template to its sources' locations", () => {
    const trimmed = trimObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'orders', namespace: 'argocd' },
      spec: {
        generators: [
          {
            matrix: {
              generators: [
                { clusters: { values: { dbPassword: SECRET } } },
                { list: { elements: [{ cluster: 'prod', token: SECRET }] } },
                { list: { elementsYaml: `- token: ${SECRET}` } },
                {
                  plugin: {
                    configMapRef: { name: 'orders-plugin' },
                    input: { parameters: { token: SECRET } },
                  },
                },
              ],
            },
          },
        ],
        template: {
          metadata: { name: '{{cluster}}-orders' },
          spec: { project: 'shop', source: pluginSource(), destination },
        },
      },
    });
    expect(JSON.stringify(trimmed)).not.toContain(SECRET);
    expect(trimmed.spec).toEqual({
      // Which generators make the Applications stays; what they hand the
      // template does not.
      generators: [
        {
          matrix: {
            generators: [
              { clusters: {} },
              { list: {} },
              { list: {} },
              { plugin: { configMapRef: { name: 'orders-plugin' } } },
            ],
          },
        },
      ],
      template: {
        metadata: { name: '{{cluster}}-orders' },
        spec: { project: 'shop', source: keptPluginSource, destination },
      },
    });
  });

  it("keeps a Flux HelmRelease's chart and where its values come from, not the values", () => {
    const trimmed = trimObject({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'orders-db', namespace: 'orders' },
      spec: {
        interval: '10m',
        chart: {
          spec: {
            chart: 'postgresql',
            version: '15.5.x',
            sourceRef: { kind: 'HelmRepository', name: 'bitnami' },
          },
        },
        values: { auth: { postgresPassword: SECRET } },
        postRenderers: [
          {
            kustomize: {
              patches: [
                {
                  patch: `- op: add\n  path: /spec/template/spec/containers/0/env/-\n  value: {name: PGPASSWORD, value: ${SECRET}}`,
                },
              ],
            },
          },
        ],
        valuesFrom: [
          { kind: 'Secret', name: 'orders-db-values', valuesKey: 'prod.yaml' },
        ],
      },
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        history: [
          {
            chartName: 'postgresql',
            chartVersion: '15.5.0',
            status: 'deployed',
          },
        ],
      },
    });
    expect(trimmed.spec).toEqual({
      interval: '10m',
      chart: {
        spec: {
          chart: 'postgresql',
          version: '15.5.x',
          sourceRef: { kind: 'HelmRepository', name: 'bitnami' },
        },
      },
      valuesFrom: [
        { kind: 'Secret', name: 'orders-db-values', valuesKey: 'prod.yaml' },
      ],
    });
    expect(trimmed.status).toMatchObject({
      history: [{ chartName: 'postgresql', chartVersion: '15.5.0' }],
    });
    expect(JSON.stringify(trimmed)).not.toContain(SECRET);
  });

  it("keeps a k3s HelmChart's chart and where its values come from, not the values", () => {
    const trimmed = trimObject({
      apiVersion: 'helm.cattle.io/v1',
      kind: 'HelmChart',
      metadata: { name: 'orders-db', namespace: 'kube-system' },
      spec: {
        chart: 'postgresql',
        repo: 'https://charts.bitnami.com/bitnami',
        version: '15.5.0',
        targetNamespace: 'orders',
        valuesContent: `auth:\n  postgresPassword: ${SECRET}\n`,
        set: { 'auth.postgresPassword': SECRET },
        valuesSecrets: [{ name: 'orders-db-values', keys: ['prod.yaml'] }],
      },
    });
    expect(JSON.stringify(trimmed)).not.toContain(SECRET);
    expect(trimmed.spec).toEqual({
      chart: 'postgresql',
      repo: 'https://charts.bitnami.com/bitnami',
      version: '15.5.0',
      targetNamespace: 'orders',
      valuesSecrets: [{ name: 'orders-db-values', keys: ['prod.yaml'] }],
    });
  });

  it("keeps a Flux Kustomization's source and where its variables come from, not the variables or inline patches", () => {
    const trimmed = trimObject({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'orders', namespace: 'flux-system' },
      spec: {
        interval: '10m',
        path: './deploy/prod',
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'orders' },
        targetNamespace: 'orders',
        patches: [
          {
            patch: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: db}\ndata: {password: ${SECRET}}`,
          },
        ],
        postBuild: {
          substitute: { DB_PASSWORD: SECRET },
          substituteFrom: [{ kind: 'Secret', name: 'orders-vars' }],
        },
      },
    });
    expect(trimmed.spec).toEqual({
      interval: '10m',
      path: './deploy/prod',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'orders' },
      targetNamespace: 'orders',
      postBuild: {
        substituteFrom: [{ kind: 'Secret', name: 'orders-vars' }],
      },
    });
    expect(JSON.stringify(trimmed)).not.toContain(SECRET);
  });

  it.each([
    [
      'an Argo Workflow template',
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Workflow',
        spec: {
          entrypoint: 'migrate',
          templates: [
            {
              name: 'migrate',
              container: {
                image: 'flyway:10',
                env: [{ name: 'FLYWAY_PASSWORD', value: SECRET }],
              },
            },
            {
              name: 'report',
              script: {
                image: 'python:3.12',
                source: 'print(1)',
                env: [
                  {
                    name: 'TOKEN',
                    valueFrom: { secretKeyRef: { name: 'tok', key: 'k' } },
                  },
                ],
              },
            },
          ],
        },
        status: {
          storedTemplates: {
            'namespaced/migrate': {
              container: {
                image: 'flyway:10',
                env: [{ name: 'FLYWAY_PASSWORD', value: SECRET }],
              },
            },
          },
        },
      },
    ],
    [
      'a Tekton TaskRun',
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'TaskRun',
        spec: {
          taskSpec: {
            stepTemplate: {
              env: [{ name: 'REGISTRY_PASSWORD', value: SECRET }],
            },
            steps: [
              {
                name: 'push',
                image: 'gcr.io/kaniko-project/executor:v1.23.0',
                env: [{ name: 'REGISTRY_PASSWORD', value: SECRET }],
              },
            ],
          },
        },
        status: {
          taskSpec: {
            steps: [
              {
                name: 'push',
                image: 'gcr.io/kaniko-project/executor:v1.23.0',
                env: [{ name: 'REGISTRY_PASSWORD', value: SECRET }],
              },
            ],
          },
        },
      },
    ],
  ])('keeps no environment of %s, in spec or status', (_, raw) => {
    const stored = JSON.stringify(
      trimObject({ ...raw, metadata: { name: 'run-1', namespace: 'ci' } }),
    );
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain('secretKeyRef');
    expect(stored).not.toMatch(/"env"/);
    expect(stored).toMatch(/"image":"(flyway:10|gcr\.io\/kaniko)/);
  });

  it('drops the copies kapp and Rancher keep of what they applied', () => {
    const trimmed = trimObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'cart',
        namespace: 'shop',
        annotations: {
          'kapp.k14s.io/original': `{"spec":{"env":"${SECRET}"}}`,
          'kapp.k14s.io/identity': 'v1;shop/apps/Deployment/cart;apps/v1',
          'objectset.rio.cattle.io/applied': 'H4sIAAAAAAAA/6pWyk',
        },
      },
      spec: { replicas: 1 },
    });
    expect(trimmed.metadata.annotations).toEqual({
      'kapp.k14s.io/identity': 'v1;shop/apps/Deployment/cart;apps/v1',
    });
  });
});
