import { defaultLayerModel } from '../layers/defaultLayerModel';
import { defaultDetectionRules } from './defaultDetectionRules';
import { validateDetectionRules } from './validateDetectionRules';

const capabilityTools = new Map(
  defaultLayerModel.layers.flatMap(l =>
    l.capabilities.map(c => [c.id, c.tools.map(t => t.id)] as const),
  ),
);

/** The categories product asked for, and the capabilities that hold them. */
const categories: Record<string, string[]> = {
  CNI: ['cni-networking'],
  CSI: ['block-storage', 'file-storage'],
  ingress: ['service-proxy'],
  'load balancing': ['load-balancing'],
  'external DNS': ['external-dns'],
  certificates: ['certificate-management'],
  mesh: ['service-mesh'],
  policy: ['policy'],
  GitOps: ['gitops'],
  packaging: ['package-management'],
  backup: ['data-protection'],
  'runtime security': ['runtime-security'],
  logging: ['logging'],
  metrics: ['metrics'],
  tracing: ['tracing'],
  'container runtime': ['container-runtime'],
  DNS: ['service-discovery'],
};

describe('defaultDetectionRules', () => {
  it('validates against the default layer model', () => {
    expect(
      validateDetectionRules(defaultDetectionRules, defaultLayerModel),
    ).toEqual([]);
  });

  it('only names tools the default model lists under the capability', () => {
    const strays = defaultDetectionRules
      .filter(r => !capabilityTools.get(r.capability)?.includes(r.tool))
      .map(r => `${r.capability}/${r.tool}`);
    expect(strays).toEqual([]);
  });

  it('recognises at least 30 distinct tools', () => {
    expect(
      new Set(defaultDetectionRules.map(r => r.tool)).size,
    ).toBeGreaterThanOrEqual(30);
  });

  it('has one rule per tool and capability, so findings merge predictably', () => {
    const keys = defaultDetectionRules.map(r => `${r.capability}/${r.tool}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(Object.entries(categories))(
    'covers %s',
    (_category, capabilities) => {
      const tools = defaultDetectionRules.filter(r =>
        capabilities.includes(r.capability),
      );
      expect(tools.length).toBeGreaterThan(0);
    },
  );

  it('covers the tools the roadmap names', () => {
    const tools = new Set(defaultDetectionRules.map(r => r.tool));
    for (const tool of [
      'cilium',
      'calico',
      'flannel',
      'aws-vpc-cni',
      'amazon-ebs',
      'longhorn',
      'ingress-nginx',
      'traefik',
      'metallb',
      'external-dns',
      'cert-manager',
      'istio',
      'linkerd',
      'kyverno',
      'opa-gatekeeper',
      'argo-cd',
      'flux',
      'helm',
      'velero',
      'falco',
      'fluent-bit',
      'prometheus',
      'jaeger',
      'opentelemetry',
      'containerd',
      'coredns',
    ]) {
      expect(tools).toContain(tool);
    }
  });

  it('is plain JSON, so the same rules can come from app-config', () => {
    expect(JSON.parse(JSON.stringify(defaultDetectionRules))).toEqual(
      defaultDetectionRules,
    );
  });
});
