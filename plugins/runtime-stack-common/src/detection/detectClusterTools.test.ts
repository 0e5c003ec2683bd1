import { defaultLayerModel } from '../layers/defaultLayerModel';
import { extendLayerModel } from '../layers/extendLayerModel';
import { detectClusterTools } from './detectClusterTools';
import {
  crd,
  daemonSet,
  deployment,
  ingressClass,
  namespace,
  node,
  pod,
  resource,
  runtimeClass,
  service,
  statefulSet,
} from './__fixtures__/kubernetesObjects';
import { platformObjects } from './__fixtures__/platformCluster';
import type { DetectionRule } from './types';

describe('detectClusterTools', () => {
  it('finds the platform of a realistic EKS cluster, sorted by layer, capability and tool', () => {
    const findings = detectClusterTools(platformObjects);
    expect(findings.map(f => `${f.layer} ${f.capability} ${f.tool}`)).toEqual([
      '0 platform aws',
      '1 container-runtime containerd',
      '1 scheduling kubernetes',
      '1 service-discovery coredns',
      '3 block-storage amazon-ebs',
      '3 cni-networking cilium',
      '3 data-protection velero',
      '3 package-management helm',
      '3 service-proxy ingress-nginx',
      '4 certificate-management cert-manager',
      '4 gitops argo-cd',
      '4 logging fluent-bit',
      '4 metrics prometheus',
      '4 metrics prometheus-operator',
      '4 runtime-security falco',
    ]);
  });

  it('names the objects and fields that prove each tool', () => {
    const byTool = Object.fromEntries(
      detectClusterTools(platformObjects).map(f => [f.tool, f.evidence]),
    );
    expect(byTool.cilium).toEqual([
      {
        kind: 'DaemonSet',
        apiVersion: 'apps/v1',
        namespace: 'kube-system',
        name: 'cilium',
        field: 'spec.template.spec.containers[0].image',
        value:
          'quay.io/cilium/cilium:v1.16.1@sha256:0b4a3ab41a4760d86b7fc945b8783747ba1f29dcfe7bba3f15f78d4a5c5b8a8e',
      },
      expect.objectContaining({
        name: 'cilium',
        field: 'spec.template.spec.initContainers[0].image',
      }),
      expect.objectContaining({
        kind: 'Deployment',
        name: 'cilium-operator',
        value: 'quay.io/cilium/operator-generic:v1.16.1',
      }),
    ]);
    expect(byTool.kubernetes[0]).toEqual({
      kind: 'Node',
      apiVersion: 'v1',
      name: 'ip-10-0-1-12.eu-west-1.compute.internal',
      field: 'status.nodeInfo.kubeletVersion',
      value: 'v1.30.4-eks-a737599',
    });
    expect(byTool['ingress-nginx']).toContainEqual({
      kind: 'IngressClass',
      apiVersion: 'networking.k8s.io/v1',
      name: 'nginx',
      field: 'spec.controller',
      value: 'k8s.io/ingress-nginx',
    });
    expect(byTool['amazon-ebs']).toEqual([
      {
        kind: 'CSIDriver',
        apiVersion: 'storage.k8s.io/v1',
        name: 'ebs.csi.aws.com',
        field: 'metadata.name',
        value: 'ebs.csi.aws.com',
      },
      {
        kind: 'StorageClass',
        apiVersion: 'storage.k8s.io/v1',
        name: 'gp3',
        field: 'provisioner',
        value: 'ebs.csi.aws.com',
      },
    ]);
    expect(byTool['cert-manager']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'CustomResourceDefinition',
          name: 'certificates.cert-manager.io',
          field: 'spec.group',
          value: 'cert-manager.io',
        }),
        expect.objectContaining({
          kind: 'Deployment',
          namespace: 'cert-manager',
          value: 'quay.io/jetstack/cert-manager-controller:v1.15.3',
        }),
      ]),
    );
    expect(byTool.containerd).toEqual([
      {
        kind: 'Node',
        apiVersion: 'v1',
        name: 'ip-10-0-1-12.eu-west-1.compute.internal',
        field: 'status.nodeInfo.containerRuntimeVersion',
        value: 'containerd://1.7.22',
      },
      expect.objectContaining({
        name: 'ip-10-0-2-34.eu-west-1.compute.internal',
      }),
    ]);
    expect(byTool.helm).toContainEqual(
      expect.objectContaining({
        kind: 'Deployment',
        name: 'ingress-nginx-controller',
        field: 'metadata.labels[app.kubernetes.io/managed-by]',
        value: 'Helm',
      }),
    );
  });

  it('finds nothing in an empty cluster', () => {
    expect(detectClusterTools([])).toEqual([]);
  });

  it('finds nothing but Kubernetes in a cluster of look-alike but unrelated workloads', () => {
    const unrelated = [
      node('worker-1', 'unknown://0.1', {
        providerID: 'kind://docker/shop/worker-1',
        labels: { 'eks.amazonaws.com/nodegroup-image': 'ami-1' },
      }),
      namespace('shop', {
        labels: { 'istio-injection': 'disabled', team: 'payments' },
      }),
      deployment('web', {
        namespace: 'shop',
        labels: { app: 'web', 'app.kubernetes.io/managed-by': 'Kustomize' },
        containers: [
          { name: 'nginx', image: 'nginx:1.27-alpine' },
          { name: 'whoami', image: 'traefik/whoami:v1.10' },
        ],
      }),
      statefulSet('cache', {
        namespace: 'shop',
        labels: { app: 'cache' },
        containers: [{ name: 'redis', image: 'bitnami/redis:7.4' }],
      }),
      daemonSet('node-exporter-lookalike', {
        namespace: 'shop',
        labels: { app: 'agent' },
        containers: [
          { name: 'agent', image: 'mycorp/cilium-dashboard:1.0' },
          { name: 'sidecar', image: 'grafana/grafana-image-renderer:3.11' },
        ],
      }),
      pod('web-7d9c-abcde', {
        namespace: 'shop',
        labels: { app: 'web' },
        annotations: { 'prometheus.io/scrape': 'false' },
        containers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.31' }],
      }),
      service('web', { namespace: 'shop', labels: { app: 'web' } }),
      ingressClass('internal', 'example.com/ingress-controller'),
      crd('widgets', 'example.com', 'Widget'),
    ];
    expect(
      detectClusterTools(unrelated).map(f => `${f.capability}=${f.tool}`),
    ).toEqual(['scheduling=kubernetes']);
  });

  it('uses rules and a layer model it is given, and skips rules the model rejects', () => {
    const model = extendLayerModel(defaultLayerModel, {
      tools: {
        'service-proxy': [{ id: 'emissary', title: 'Emissary-ingress' }],
      },
    });
    const rules: DetectionRule[] = [
      {
        tool: 'emissary',
        capability: 'service-proxy',
        match: [
          { objectKind: 'IngressClass', controller: 'getambassador\\.io/.+' },
        ],
      },
      {
        tool: 'unknown-tool',
        capability: 'service-proxy',
        match: [{ objectKind: 'any', label: 'app' }],
      },
      {
        tool: 'traefik',
        capability: 'service-proxy',
        match: [{ objectKind: 'IngressClass', controller: '(' }],
      },
    ];
    const findings = detectClusterTools(
      [ingressClass('ambassador', 'getambassador.io/ingress-controller')],
      rules,
      model,
    );
    expect(findings).toEqual([
      {
        tool: 'emissary',
        capability: 'service-proxy',
        layer: 3,
        evidence: [
          expect.objectContaining({
            value: 'getambassador.io/ingress-controller',
          }),
        ],
      },
    ]);
  });

  it('caps evidence at 20 per finding and drops repeats', () => {
    const nodes = Array.from({ length: 30 }, (_, i) =>
      node(`node-${i}`, 'cri-o://1.30.4', { providerID: null }),
    );
    const [crio] = detectClusterTools([...nodes, ...nodes]);
    expect(crio.tool).toBe('cri-o');
    expect(crio.evidence).toHaveLength(20);
    expect(new Set(crio.evidence.map(e => e.name)).size).toBe(20);
  });

  it('tells container runtimes apart by the scheme of the runtime version', () => {
    const tools = detectClusterTools([
      node('a', 'containerd://1.7.22'),
      node('b', 'docker://24.0.7'),
      node('c', 'cri-o://1.30.4'),
    ])
      .filter(f => f.capability === 'container-runtime')
      .map(f => f.tool);
    expect(tools).toEqual(['containerd', 'cri-o', 'docker']);
  });

  it('finds the sandboxed runtimes a cluster offers by their RuntimeClass handler, stored or trimmed', () => {
    const trimmedKata = {
      ...resource('node.k8s.io/v1', 'RuntimeClass', 'kata', {
        spec: { handler: 'kata-clh' },
      }),
    };
    const findings = detectClusterTools([
      runtimeClass('gvisor', 'runsc'),
      trimmedKata,
      runtimeClass('wasm', 'spin'),
    ]);
    expect(findings.map(f => [f.tool, f.evidence[0].field])).toEqual([
      ['gvisor', 'handler'],
      ['kata-containers', 'spec.handler'],
    ]);
  });

  it('tells clouds apart by the providerID scheme or the managed service labels', () => {
    const platformOf = (...nodes: ReturnType<typeof node>[]) =>
      detectClusterTools(nodes)
        .filter(f => f.capability === 'platform')
        .map(f => [f.tool, f.evidence.map(e => `${e.field}=${e.value}`)]);

    expect(
      platformOf(
        node('gke-1', 'containerd://1.7.22', {
          providerID: 'gce://acme-prod/europe-west1-b/gke-1',
        }),
        node('aks-1', 'containerd://1.7.22', {
          providerID: 'azure:///subscriptions/1/resourceGroups/mc/providers/x',
        }),
        node('os-1', 'containerd://1.7.22', {
          providerID: 'openstack:///8f3e',
        }),
        node('vs-1', 'containerd://1.7.22', {
          providerID: 'vsphere://4237a2c8',
        }),
      ),
    ).toEqual([
      [
        'azure',
        [
          'spec.providerID=azure:///subscriptions/1/resourceGroups/mc/providers/x',
        ],
      ],
      ['gcp', ['spec.providerID=gce://acme-prod/europe-west1-b/gke-1']],
      ['openstack', ['spec.providerID=openstack:///8f3e']],
      ['vmware-vsphere', ['spec.providerID=vsphere://4237a2c8']],
    ]);
    // Managed Kubernetes without a cloud controller's providerID.
    expect(
      platformOf(
        node('eks-1', 'containerd://1.7.22', {
          providerID: null,
          labels: { 'eks.amazonaws.com/nodegroup': 'general' },
        }),
      ),
    ).toEqual([
      ['aws', ['metadata.labels[eks.amazonaws.com/nodegroup]=general']],
    ]);
    expect(
      platformOf(node('kind-1', 'containerd://1.7.22', { providerID: null })),
    ).toEqual([]);
  });
});
