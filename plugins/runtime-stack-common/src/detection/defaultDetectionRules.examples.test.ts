import type { ClusterObject } from '../cluster/clusterObjects';
import { defaultDetectionRules } from './defaultDetectionRules';
import { detectClusterTools } from './detectClusterTools';
import {
  crd,
  csiDriver,
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

/**
 * One object per rule, as the tool's own installation (Helm chart,
 * operator, managed add-on) creates it, with the image paths and names the
 * projects publish. A rule whose pattern drifts from what the tool really
 * installs fails here.
 */
const ds = (ns: string, name: string, image: string) =>
  daemonSet(name, { namespace: ns, containers: [{ name, image }] });
const dep = (ns: string, name: string, image: string) =>
  deployment(name, { namespace: ns, containers: [{ name, image }] });
const sts = (ns: string, name: string, image: string) =>
  statefulSet(name, { namespace: ns, containers: [{ name, image }] });
const podRunning = (
  ns: string,
  name: string,
  containers: Array<{ name: string; image: string }>,
  annotations?: Record<string, string>,
) => pod(name, { namespace: ns, containers, annotations });
const app = { name: 'app', image: 'ghcr.io/acme/shop:1.4.2' };

/** Nodes also show the cluster's Kubernetes and container runtime. */
const NODE_EXTRAS = ['scheduling/kubernetes', 'container-runtime/containerd'];

interface Example {
  objects: ClusterObject[];
  /** What else the object rightly proves, beside the rule's own tool. */
  alsoFinds?: string[];
}

const EXAMPLES: Record<string, Example> = {
  'platform/aws': {
    objects: [
      node('ip-10-0-1-12.eu-west-1.compute.internal', 'containerd://1.7.22'),
    ],
    alsoFinds: NODE_EXTRAS,
  },
  'platform/gcp': {
    objects: [
      node('gke-prod-default-pool-1a2b3c4d-x1y2', 'containerd://1.7.23', {
        providerID:
          'gce://acme-prod/europe-west1-b/gke-prod-default-pool-1a2b3c4d-x1y2',
        labels: { 'cloud.google.com/gke-nodepool': 'default-pool' },
      }),
    ],
    alsoFinds: NODE_EXTRAS,
  },
  'platform/azure': {
    objects: [
      node('aks-nodepool1-12345678-vmss000000', 'containerd://1.7.20', {
        providerID:
          'azure:///subscriptions/0000/resourceGroups/mc_rg/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1-12345678-vmss/virtualMachines/0',
        labels: { 'kubernetes.azure.com/cluster': 'MC_rg_aks_westeurope' },
      }),
    ],
    alsoFinds: NODE_EXTRAS,
  },
  'platform/openstack': {
    objects: [
      node('k8s-worker-0', 'containerd://1.7.22', {
        providerID: 'openstack:///4f1e9b9a-2c55-4a8e-9b0c-5d3c2a1e0f11',
      }),
    ],
    alsoFinds: NODE_EXTRAS,
  },
  'platform/vmware-vsphere': {
    objects: [
      node('tkc-worker-0', 'containerd://1.7.22', {
        providerID: 'vsphere://4231e5c6-8c0b-7f3e-1d2a-9b8c7d6e5f40',
      }),
    ],
    alsoFinds: NODE_EXTRAS,
  },
  'scheduling/kubernetes': {
    objects: [node('worker-1', 'containerd://1.7.22', { providerID: null })],
    alsoFinds: ['container-runtime/containerd'],
  },
  'container-runtime/containerd': {
    objects: [node('worker-1', 'containerd://1.7.22', { providerID: null })],
    alsoFinds: ['scheduling/kubernetes'],
  },
  'container-runtime/cri-o': {
    objects: [node('worker-1', 'cri-o://1.30.4', { providerID: null })],
    alsoFinds: ['scheduling/kubernetes'],
  },
  'container-runtime/docker': {
    objects: [node('worker-1', 'docker://24.0.7', { providerID: null })],
    alsoFinds: ['scheduling/kubernetes'],
  },
  'container-runtime/gvisor': { objects: [runtimeClass('gvisor', 'runsc')] },
  'container-runtime/kata-containers': {
    objects: [runtimeClass('kata-qemu', 'kata-qemu')],
  },
  'service-discovery/coredns': {
    objects: [
      dep('kube-system', 'coredns', 'registry.k8s.io/coredns/coredns:v1.11.3'),
    ],
  },
  'service-discovery/kube-dns': {
    objects: [
      dep('kube-system', 'kube-dns', 'registry.k8s.io/k8s-dns-kube-dns:1.23.0'),
    ],
  },
  'service-discovery/consul': {
    objects: [sts('consul', 'consul-server', 'hashicorp/consul:1.19.2')],
  },
  'cni-networking/cilium': {
    objects: [ds('kube-system', 'cilium', 'quay.io/cilium/cilium:v1.16.3')],
  },
  'cni-networking/calico': {
    objects: [
      ds('calico-system', 'calico-node', 'docker.io/calico/node:v3.28.2'),
    ],
  },
  'cni-networking/flannel': {
    objects: [
      ds(
        'kube-flannel',
        'kube-flannel-ds',
        'docker.io/flannel/flannel:v0.25.7',
      ),
    ],
  },
  'cni-networking/weave-net': {
    objects: [ds('kube-system', 'weave-net', 'weaveworks/weave-kube:2.8.1')],
  },
  'cni-networking/aws-vpc-cni': {
    objects: [
      ds(
        'kube-system',
        'aws-node',
        '602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon-k8s-cni:v1.18.5',
      ),
    ],
  },
  'cni-networking/antrea': {
    objects: [
      ds('kube-system', 'antrea-agent', 'antrea/antrea-agent-ubuntu:v2.1.0'),
    ],
  },
  'cni-networking/multus': {
    objects: [
      ds(
        'kube-system',
        'kube-multus-ds',
        'ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.2',
      ),
    ],
  },
  'cni-networking/ovn-kubernetes': {
    objects: [crd('egressips', 'k8s.ovn.org', 'EgressIP')],
  },
  'cni-networking/openshift-sdn': { objects: [namespace('openshift-sdn')] },
  'block-storage/amazon-ebs': { objects: [csiDriver('ebs.csi.aws.com')] },
  'block-storage/google-persistent-disk': {
    objects: [csiDriver('pd.csi.storage.gke.io')],
  },
  'block-storage/azure-disk': { objects: [csiDriver('disk.csi.azure.com')] },
  'block-storage/vmware-vsphere': {
    objects: [csiDriver('csi.vsphere.vmware.com')],
  },
  'block-storage/openstack-cinder': {
    objects: [csiDriver('cinder.csi.openstack.org')],
  },
  'block-storage/ceph-rbd': {
    objects: [csiDriver('rook-ceph.rbd.csi.ceph.com')],
  },
  'block-storage/longhorn': { objects: [csiDriver('driver.longhorn.io')] },
  'file-storage/amazon-efs': { objects: [csiDriver('efs.csi.aws.com')] },
  'file-storage/azure-files': { objects: [csiDriver('file.csi.azure.com')] },
  'file-storage/google-cloud-filestore': {
    objects: [csiDriver('filestore.csi.storage.gke.io')],
  },
  'file-storage/cephfs': {
    objects: [csiDriver('rook-ceph.cephfs.csi.ceph.com')],
  },
  'file-storage/nfs': { objects: [csiDriver('nfs.csi.k8s.io')] },
  'object-storage/minio': {
    objects: [
      sts(
        'minio-tenant',
        'myminio-pool-0',
        'quay.io/minio/minio:RELEASE.2024-10-02T17-50-41Z',
      ),
    ],
  },
  'service-proxy/ingress-nginx': {
    objects: [ingressClass('nginx', 'k8s.io/ingress-nginx')],
  },
  'service-proxy/traefik': {
    objects: [ingressClass('traefik', 'traefik.io/ingress-controller')],
  },
  'service-proxy/contour': {
    objects: [ingressClass('contour', 'projectcontour.io/ingress-controller')],
  },
  'service-proxy/haproxy': {
    objects: [
      ingressClass('haproxy', 'haproxy.org/ingress-controller/haproxy'),
    ],
  },
  'service-proxy/kong': {
    objects: [ingressClass('kong', 'ingress-controllers.konghq.com/kong')],
  },
  'service-proxy/istio': {
    objects: [ingressClass('istio', 'istio.io/ingress-controller')],
  },
  'service-proxy/gateway-api': {
    objects: [crd('httproutes', 'gateway.networking.k8s.io', 'HTTPRoute')],
  },
  'service-proxy/envoy': {
    objects: [
      dep(
        'envoy-gateway-system',
        'envoy-gateway',
        'docker.io/envoyproxy/gateway:v1.2.1',
      ),
    ],
  },
  'load-balancing/metallb': {
    objects: [
      dep('metallb-system', 'controller', 'quay.io/metallb/controller:v0.14.8'),
    ],
  },
  'load-balancing/aws-load-balancer-controller': {
    objects: [ingressClass('alb', 'ingress.k8s.aws/alb')],
  },
  'external-dns/external-dns': {
    objects: [
      dep(
        'external-dns',
        'external-dns',
        'registry.k8s.io/external-dns/external-dns:v0.15.0',
      ),
    ],
  },
  'service-mesh/istio': {
    objects: [
      podRunning(
        'shop',
        'checkout-6f7b9c8d4-x2x9k',
        [app, { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.23.2' }],
        { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' },
      ),
    ],
  },
  'service-mesh/linkerd': {
    objects: [
      podRunning('shop', 'checkout-6f7b9c8d4-x2x9k', [
        app,
        {
          name: 'linkerd-proxy',
          image: 'cr.l5d.io/linkerd/proxy:stable-2.14.10',
        },
      ]),
    ],
  },
  'service-mesh/consul-connect': {
    objects: [
      podRunning('shop', 'checkout-6f7b9c8d4-x2x9k', [app], {
        'consul.hashicorp.com/connect-inject-status': 'injected',
      }),
    ],
  },
  'service-mesh/kuma': {
    objects: [
      podRunning('shop', 'checkout-6f7b9c8d4-x2x9k', [
        app,
        { name: 'kuma-sidecar', image: 'docker.io/kumahq/kuma-dp:2.9.0' },
      ]),
    ],
  },
  'certificate-management/cert-manager': {
    objects: [
      dep(
        'cert-manager',
        'cert-manager',
        'quay.io/jetstack/cert-manager-controller:v1.15.3',
      ),
    ],
  },
  'policy/kyverno': {
    objects: [
      dep(
        'kyverno',
        'kyverno-admission-controller',
        'ghcr.io/kyverno/kyverno:v1.12.5',
      ),
    ],
  },
  'policy/opa-gatekeeper': {
    objects: [
      dep(
        'gatekeeper-system',
        'gatekeeper-controller-manager',
        'openpolicyagent/gatekeeper:v3.17.1',
      ),
    ],
  },
  'policy/kubernetes-network-policy': {
    objects: [
      resource('networking.k8s.io/v1', 'NetworkPolicy', 'default-deny', {
        namespace: 'shop',
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      }),
    ],
  },
  'policy/jspolicy': {
    objects: [dep('jspolicy', 'jspolicy', 'loftsh/jspolicy:0.2.2')],
  },
  'policy/polaris': {
    objects: [
      dep('polaris', 'polaris-dashboard', 'quay.io/fairwinds/polaris:9.4'),
    ],
  },
  'runtime-security/falco': {
    objects: [
      ds('falco', 'falco', 'docker.io/falcosecurity/falco-no-driver:0.39.1'),
    ],
  },
  'runtime-security/neuvector': {
    objects: [
      dep(
        'neuvector',
        'neuvector-controller-pod',
        'docker.io/neuvector/controller:5.4.0',
      ),
    ],
  },
  'runtime-security/sysdig': {
    objects: [
      ds('sysdig-agent', 'sysdig-agent', 'quay.io/sysdig/agent-slim:13.5.0'),
    ],
    alsoFinds: ['syscall-tracing/sysdig'],
  },
  'syscall-tracing/sysdig': {
    objects: [
      ds('sysdig-agent', 'sysdig-agent', 'quay.io/sysdig/agent:13.5.0'),
    ],
    alsoFinds: ['runtime-security/sysdig'],
  },
  'runtime-security/tetragon': {
    objects: [ds('kube-system', 'tetragon', 'quay.io/cilium/tetragon:v1.2.0')],
  },
  'runtime-security/aqua-security': {
    objects: [
      ds('aqua', 'aqua-enforcer-ds', 'registry.aquasec.com/enforcer:2022.4'),
    ],
  },
  'runtime-security/prisma-cloud': {
    objects: [
      ds(
        'twistlock',
        'twistlock-defender-ds',
        'registry-auth.twistlock.com/tw_abc123/twistlock/defender:defender_32_07_123',
      ),
    ],
  },
  'build-security/trivy': {
    objects: [
      dep(
        'trivy-system',
        'trivy-operator',
        'mirror.gcr.io/aquasec/trivy-operator:0.29.0',
      ),
    ],
  },
  'build-security/snyk': {
    objects: [
      dep('snyk-monitor', 'snyk-monitor', 'snyk/kubernetes-monitor:2.14.5'),
    ],
  },
  'key-management/hashicorp-vault': {
    objects: [
      podRunning(
        'shop',
        'checkout-6f7b9c8d4-x2x9k',
        [app, { name: 'vault-agent', image: 'hashicorp/vault:1.17.5' }],
        {
          'vault.hashicorp.com/agent-inject': 'true',
          'vault.hashicorp.com/agent-inject-status': 'injected',
        },
      ),
    ],
  },
  'key-management/azure-key-vault': {
    objects: [
      ds(
        'kube-system',
        'aks-secrets-store-provider-azure',
        'mcr.microsoft.com/oss/azure/secrets-store/provider-azure:v1.5.3',
      ),
    ],
  },
  'gitops/argo-cd': {
    objects: [
      dep('argocd', 'argocd-server', 'quay.io/argoproj/argocd:v2.12.4'),
    ],
  },
  'gitops/flux': {
    objects: [
      dep(
        'flux-system',
        'source-controller',
        'ghcr.io/fluxcd/source-controller:v1.4.1',
      ),
    ],
  },
  'gitops/kapp-controller': {
    objects: [
      dep(
        'kapp-controller',
        'kapp-controller',
        'ghcr.io/carvel-dev/kapp-controller:v0.53.1',
      ),
    ],
  },
  'package-management/helm': {
    objects: [
      service('checkout', {
        namespace: 'shop',
        labels: { 'app.kubernetes.io/managed-by': 'Helm' },
      }),
    ],
  },
  'package-management/carvel': {
    objects: [
      resource('v1', 'ConfigMap', 'checkout-config', {
        namespace: 'shop',
        labels: { 'kapp.k14s.io/app': '1712345678901234567' },
      }),
    ],
  },
  'data-protection/velero': {
    objects: [dep('velero', 'velero', 'velero/velero:v1.14.1')],
  },
  'data-protection/kasten': {
    objects: [
      dep('kasten-io', 'catalog-svc', 'gcr.io/kasten-images/catalog:7.0.11'),
    ],
  },
  'ci-cd/tekton': {
    objects: [crd('pipelineruns', 'tekton.dev', 'PipelineRun')],
  },
  'ci-cd/jenkins': {
    objects: [
      sts('jenkins', 'jenkins', 'docker.io/jenkins/jenkins:2.479-jdk17'),
    ],
  },
  'build-service/kpack': { objects: [crd('builds', 'kpack.io', 'Build')] },
  'build-service/kaniko': {
    objects: [
      podRunning('ci', 'build-checkout-7f9c', [
        { name: 'kaniko', image: 'gcr.io/kaniko-project/executor:v1.23.2' },
      ]),
    ],
  },
  'build-service/buildpacks': {
    objects: [
      podRunning('ci', 'build-checkout-7f9c', [
        { name: 'build', image: 'buildpacksio/lifecycle:0.20.2' },
      ]),
    ],
  },
  'application-catalog/kubeapps': {
    objects: [
      dep(
        'kubeapps',
        'kubeapps-internal-kubeappsapis',
        'docker.io/bitnami/kubeapps-apis:2.12.0',
      ),
    ],
  },
  'application-catalog/chartmuseum': {
    objects: [
      dep('chartmuseum', 'chartmuseum', 'ghcr.io/helm/chartmuseum:v0.16.2'),
    ],
  },
  'cluster-lifecycle/cluster-api': {
    objects: [
      dep(
        'capi-system',
        'capi-controller-manager',
        'registry.k8s.io/cluster-api/cluster-api-controller:v1.8.4',
      ),
    ],
  },
  'conformance/sonobuoy': {
    objects: [
      podRunning('sonobuoy', 'sonobuoy', [
        { name: 'kube-sonobuoy', image: 'sonobuoy/sonobuoy:v0.57.2' },
      ]),
    ],
  },
  'logging/fluent-bit': {
    objects: [
      ds('logging', 'fluent-bit', 'cr.fluentbit.io/fluent/fluent-bit:3.1.9'),
    ],
  },
  'logging/fluentd': {
    objects: [
      ds(
        'logging',
        'fluentd',
        'fluent/fluentd-kubernetes-daemonset:v1.17-debian-elasticsearch8-1',
      ),
    ],
  },
  'logging/promtail': {
    objects: [ds('monitoring', 'promtail', 'docker.io/grafana/promtail:3.2.0')],
  },
  'logging/loki': {
    objects: [sts('monitoring', 'loki', 'docker.io/grafana/loki:3.2.0')],
  },
  'logging/vector': {
    objects: [ds('vector', 'vector', 'timberio/vector:0.41.1-distroless-libc')],
  },
  'metrics/prometheus': {
    objects: [
      sts(
        'monitoring',
        'prometheus-k8s',
        'quay.io/prometheus/prometheus:v2.54.1',
      ),
    ],
  },
  'metrics/prometheus-operator': {
    objects: [
      dep(
        'monitoring',
        'prometheus-operator',
        'quay.io/prometheus-operator/prometheus-operator:v0.77.1',
      ),
    ],
  },
  'alerting/alertmanager': {
    objects: [
      sts(
        'monitoring',
        'alertmanager-main',
        'quay.io/prometheus/alertmanager:v0.27.0',
      ),
    ],
  },
  'visualization/grafana': {
    objects: [dep('monitoring', 'grafana', 'docker.io/grafana/grafana:11.2.2')],
  },
  'tracing/jaeger': {
    objects: [
      dep('observability', 'jaeger', 'jaegertracing/all-in-one:1.62.0'),
    ],
  },
  'tracing/opentelemetry': {
    objects: [
      dep(
        'observability',
        'otel-collector',
        'otel/opentelemetry-collector-contrib:0.111.0',
      ),
    ],
  },
  'tracing/zipkin': {
    objects: [dep('observability', 'zipkin', 'openzipkin/zipkin:3.4')],
  },
  'authentication/dex': {
    objects: [dep('dex', 'dex', 'ghcr.io/dexidp/dex:v2.41.1')],
  },
  'authentication/keycloak': {
    objects: [sts('keycloak', 'keycloak', 'quay.io/keycloak/keycloak:26.0.0')],
  },
  'authentication/pinniped': {
    objects: [
      crd(
        'jwtauthenticators',
        'authentication.concierge.pinniped.dev',
        'JWTAuthenticator',
      ),
    ],
  },
  'messaging/strimzi': {
    objects: [
      dep(
        'kafka',
        'strimzi-cluster-operator',
        'quay.io/strimzi/operator:0.43.0',
      ),
    ],
  },
  'messaging/nats': {
    objects: [sts('nats', 'nats', 'nats:2.10.21-alpine')],
  },
  'database-operators/vitess': {
    objects: [
      dep('vitess', 'vitess-operator', 'planetscale/vitess-operator:v2.13.0'),
    ],
  },
  'database-operators/rook': {
    objects: [
      dep('rook-ceph', 'rook-ceph-operator', 'docker.io/rook/ceph:v1.15.3'),
    ],
  },
  'database-operators/tikv': {
    objects: [
      dep(
        'tidb-admin',
        'tidb-controller-manager',
        'pingcap/tidb-operator:v1.6.0',
      ),
    ],
  },
  'database-operators/cass-operator': {
    objects: [
      dep(
        'cass-operator',
        'cass-operator-controller-manager',
        'cr.k8ssandra.io/k8ssandra/cass-operator:v1.22.4',
      ),
    ],
  },
};

const ruleKeys = defaultDetectionRules.map(r => `${r.capability}/${r.tool}`);

describe('defaultDetectionRules on what each tool installs', () => {
  it('has an example for every rule, and no example without a rule', () => {
    expect(ruleKeys.filter(key => !(key in EXAMPLES))).toEqual([]);
    expect(
      Object.keys(EXAMPLES).filter(key => !ruleKeys.includes(key)),
    ).toEqual([]);
  });

  it.each(Object.entries(EXAMPLES))(
    'recognises %s, and nothing it does not prove',
    (key, example) => {
      const found = detectClusterTools(example.objects)
        .map(f => `${f.capability}/${f.tool}`)
        .sort();
      expect(found).toEqual([key, ...(example.alsoFinds ?? [])].sort());
    },
  );
});
