import { defaultLayerModel } from '../layers/defaultLayerModel';
import { extendLayerModel } from '../layers/extendLayerModel';
import { detectClusterTools } from './detectClusterTools';
import { runtimeClass } from './__fixtures__/kubernetesObjects';
import { platformObjects } from './__fixtures__/platformCluster';
import { toolsProvidedByCluster } from './toolsProvidedByCluster';

const pairs = (findings: Array<{ capability: string; tool: string }>) =>
  findings.map(f => `${f.capability}=${f.tool}`).sort();

describe('toolsProvidedByCluster', () => {
  const detected = detectClusterTools(platformObjects);

  it('keeps the platform, DNS, container runtime and CNI of a cluster, not the tools a service must opt into', () => {
    const provided = pairs(toolsProvidedByCluster(detected));
    expect(provided).toEqual([
      'cni-networking=cilium',
      'container-runtime=containerd',
      'platform=aws',
      'scheduling=kubernetes',
      'service-discovery=coredns',
    ]);
    // A service uses an ingress controller or GitOps only through its own objects.
    for (const capability of ['service-proxy', 'gitops', 'block-storage']) {
      expect(detected.some(f => f.capability === capability)).toBe(true);
      expect(provided.some(p => p.startsWith(`${capability}=`))).toBe(false);
    }
  });

  it('follows the layer model: a platform team can mark or unmark a capability', () => {
    const model = extendLayerModel(defaultLayerModel, {
      overrides: {
        'cni-networking': { providedByCluster: false },
        'runtime-security': { providedByCluster: true },
      },
    });
    const provided = pairs(toolsProvidedByCluster(detected, model));
    expect(provided.some(p => p.startsWith('cni-networking='))).toBe(false);
    expect(provided).toContain('runtime-security=falco');
  });

  it('leaves a sandboxed runtime to the pods that name its RuntimeClass', () => {
    const withSandbox = detectClusterTools([
      ...platformObjects,
      runtimeClass('gvisor', 'runsc'),
      runtimeClass('kata', 'kata-qemu'),
    ]);
    // The cluster offers both…
    expect(pairs(withSandbox)).toEqual(
      expect.arrayContaining([
        'container-runtime=gvisor',
        'container-runtime=kata-containers',
      ]),
    );
    // …but every workload runs with the nodes' containerd only.
    expect(
      pairs(toolsProvidedByCluster(withSandbox)).filter(p =>
        p.startsWith('container-runtime='),
      ),
    ).toEqual(['container-runtime=containerd']);
  });

  it('keeps the evidence that proves a tool for every workload and drops the class that only offers it', () => {
    const [containerd] = toolsProvidedByCluster([
      {
        tool: 'containerd',
        capability: 'container-runtime',
        layer: 1,
        evidence: [
          {
            kind: 'RuntimeClass',
            apiVersion: 'node.k8s.io/v1',
            name: 'default',
            field: 'handler',
            value: 'runc',
          },
          {
            kind: 'Node',
            apiVersion: 'v1',
            name: 'worker-1',
            field: 'status.nodeInfo.containerRuntimeVersion',
            value: 'containerd://1.7.22',
          },
        ],
      },
    ]);
    expect(containerd.evidence.map(e => e.kind)).toEqual(['Node']);
  });
});
