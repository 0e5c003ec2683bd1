import {
  formatManifestProblems,
  parseRenderedManifests,
  validateManifests,
} from './renderedManifests';

async function problemsOf(yamlText: string) {
  const { manifests, problems } = parseRenderedManifests(yamlText);
  return [...problems, ...(await validateManifests(manifests))];
}

describe('parseRenderedManifests', () => {
  it('splits helm output, keeping the source template and skipping empty documents', () => {
    const { manifests, problems } = parseRenderedManifests(`---
# Source: web/templates/sa.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
---
# Source: web/templates/empty.yaml
---
# Source: web/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  a: "1"
`);
    expect(problems).toEqual([]);
    expect(
      manifests.map(m => [m.apiVersion, m.kind, m.name, m.source]),
    ).toEqual([
      ['v1', 'ServiceAccount', 'web', 'web/templates/sa.yaml'],
      ['v1', 'ConfigMap', 'web-config', 'web/templates/cm.yaml'],
    ]);
  });

  it('reports documents without kind, name or object shape', () => {
    const { manifests, problems } = parseRenderedManifests(`---
# Source: web/templates/a.yaml
apiVersion: v1
kind: ConfigMap
metadata: {}
---
# Source: web/templates/b.yaml
just a string
---
# Source: web/templates/c.yaml
a: [unclosed
`);
    expect(manifests).toEqual([]);
    expect(problems).toEqual([
      {
        document: 'document #1',
        source: 'web/templates/a.yaml',
        violations: [{ field: 'metadata.name', message: 'is required' }],
      },
      {
        document: 'document #2',
        source: 'web/templates/b.yaml',
        violations: [
          { field: '(document)', message: 'is not a Kubernetes object' },
        ],
      },
      expect.objectContaining({
        document: 'document #3',
        violations: [expect.objectContaining({ field: '(yaml)' })],
      }),
    ]);
  });
});

describe('validateManifests', () => {
  it('accepts valid built-in kinds and unknown custom resources', async () => {
    await expect(
      problemsOf(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: [Ingress]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 2
  maxReplicas: 5
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: web
spec: {}
`),
    ).resolves.toEqual([]);
  });

  it('names the kubernetes-models field path of an invalid built-in object', async () => {
    const problems = await problemsOf(`
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  minReplicas: 2
  maxReplicas: "five"
`);
    expect(problems).toEqual([
      {
        document: 'HorizontalPodAutoscaler/web',
        violations: expect.arrayContaining([
          { field: 'spec.maxReplicas', message: 'must be integer' },
          { field: 'spec.scaleTargetRef', message: 'is required' },
        ]),
      },
    ]);
    expect(formatManifestProblems(problems)).toMatch(
      /^ {2}- HorizontalPodAutoscaler\/web: .*spec\.maxReplicas must be integer/,
    );
  });

  it('checks PrometheusRule groups and rules', async () => {
    const problems = await problemsOf(`
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: web
spec:
  groups:
    - rules:
        - alert: Down
        - expr: up == 0
`);
    expect(problems).toEqual([
      {
        document: 'PrometheusRule/web',
        violations: [
          { field: 'spec.groups[0].name', message: 'is required' },
          { field: 'spec.groups[0].rules[0].expr', message: 'is required' },
          {
            field: 'spec.groups[0].rules[1]',
            message: 'needs either alert or record',
          },
        ],
      },
    ]);
  });

  it('checks the Flux and Argo CD resources', async () => {
    const problems = await problemsOf(`
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: web
spec:
  interval: 5m
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: web
spec:
  interval: 5m
  prune: "yes"
  sourceRef:
    kind: GitRepository
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: web
`);
    expect(problems).toEqual([
      {
        document: 'HelmRelease/web',
        violations: [
          { field: 'spec', message: 'needs one of spec.chart, spec.chartRef' },
        ],
      },
      {
        document: 'Kustomization/web',
        violations: [
          { field: 'spec.prune', message: 'must be a boolean' },
          { field: 'spec.sourceRef.name', message: 'is required' },
        ],
      },
      {
        document: 'Application/web',
        violations: [{ field: 'spec', message: 'is required' }],
      },
    ]);
  });
});
