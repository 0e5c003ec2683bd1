import { defaultLayerModel } from './defaultLayerModel';
import { validateLayerModel } from './validateLayerModel';

// Every category the runtime roadmap names, by layer; the model may add more.
const roadmapCapabilities: Record<number, string[]> = {
  0: ['platform', 'source-control', 'ci-cd'],
  1: ['scheduling', 'service-discovery', 'container-runtime'],
  2: ['automation-configuration', 'cluster-lifecycle'],
  3: [
    'cni-networking',
    'block-storage',
    'object-storage',
    'file-storage',
    'container-registry',
    'service-proxy',
    'load-balancing',
    'external-dns',
    'authentication',
    'package-management',
    'data-protection',
  ],
  4: [
    'policy',
    'abac',
    'certificate-management',
    'build-security',
    'runtime-security',
    'key-management',
    'conformance',
    'build-service',
    'gitops',
    'application-catalog',
    'logging',
    'metrics',
    'tracing',
    'syscall-tracing',
    'alerting',
    'visualization',
  ],
  5: ['service-mesh', 'messaging', 'database-operators'],
  6: ['workloads', 'images', 'health'],
};

describe('defaultLayerModel', () => {
  it('passes its own validation', () => {
    expect(() => validateLayerModel(defaultLayerModel)).not.toThrow();
  });

  it('has layers 0 to 6 in order', () => {
    expect(defaultLayerModel.layers.map(l => l.id)).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
  });

  it.each(Object.entries(roadmapCapabilities))(
    'layer %s holds every capability the roadmap names',
    (layerId, expected) => {
      const layer = defaultLayerModel.layers[Number(layerId)];
      expect(layer.capabilities.map(c => c.id)).toEqual(
        expect.arrayContaining(expected),
      );
    },
  );

  it('names at least one example tool for every capability', () => {
    const withoutTools = defaultLayerModel.layers
      .flatMap(l => l.capabilities)
      .filter(c => c.tools.length === 0)
      .map(c => c.id);
    expect(withoutTools).toEqual([]);
  });

  it('keeps the roadmap examples, e.g. Cilium for CNI and cert-manager for certificates', () => {
    const toolsOf = (id: string) =>
      defaultLayerModel.layers
        .flatMap(l => l.capabilities)
        .find(c => c.id === id)!
        .tools.map(t => t.id);
    expect(toolsOf('cni-networking')).toEqual(
      expect.arrayContaining(['cilium', 'calico', 'flannel', 'antrea']),
    );
    expect(toolsOf('certificate-management')).toContain('cert-manager');
    expect(toolsOf('gitops')).toEqual(
      expect.arrayContaining(['argo-cd', 'flux']),
    );
    expect(toolsOf('data-protection')).toContain('velero');
  });

  it('relates an operator or control plane to the tool it runs, per capability', () => {
    const runs = defaultLayerModel.layers
      .flatMap(l => l.capabilities)
      .flatMap(c =>
        c.tools.flatMap(t =>
          (t.runs ?? []).map(r => `${c.id}: ${t.id} > ${r}`),
        ),
      );
    expect(runs.sort()).toEqual([
      'build-service: kpack > buildpacks',
      'metrics: prometheus-operator > prometheus',
      'service-mesh: istio > envoy',
      'service-mesh: kuma > envoy',
      'service-proxy: contour > envoy',
      'service-proxy: istio > envoy',
    ]);
  });
});
