import type { DetectionRule } from './types';

// Image patterns match the repository without tag or digest; `(.+/)?` admits
// any registry or pull-through mirror in front of the upstream path.

const cniRules: DetectionRule[] = [
  {
    tool: 'cilium',
    capability: 'cni-networking',
    match: [
      { objectKind: 'DaemonSet', image: '(.+/)?cilium/cilium' },
      { objectKind: 'Deployment', image: '(.+/)?cilium/operator(-[a-z]+)?' },
      // By name: Tetragon defines its TracingPolicy in the same API group.
      {
        objectKind: 'CustomResourceDefinition',
        name: 'cilium(networkpolicies|endpoints|nodes|identities)\\.cilium\\.io',
      },
    ],
  },
  {
    tool: 'calico',
    capability: 'cni-networking',
    match: [
      { objectKind: 'DaemonSet', image: '(.+/)?calico/node' },
      { objectKind: 'Deployment', image: '(.+/)?tigera/operator' },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'crd\\.projectcalico\\.org',
      },
    ],
  },
  {
    tool: 'flannel',
    capability: 'cni-networking',
    match: [
      {
        objectKind: 'DaemonSet',
        image: '(.+/)?(flannel|flannel-io|coreos)/flannel',
      },
    ],
  },
  {
    tool: 'weave-net',
    capability: 'cni-networking',
    match: [{ objectKind: 'DaemonSet', image: '(.+/)?weaveworks/weave-kube' }],
  },
  {
    tool: 'aws-vpc-cni',
    capability: 'cni-networking',
    match: [{ objectKind: 'DaemonSet', image: '(.+/)?amazon-k8s-cni' }],
  },
  {
    tool: 'antrea',
    capability: 'cni-networking',
    match: [
      {
        objectKind: 'DaemonSet',
        image: '(.+/)?antrea/antrea-(agent-|controller-)?ubuntu',
      },
      { objectKind: 'CustomResourceDefinition', group: 'crd\\.antrea\\.io' },
    ],
  },
  {
    tool: 'multus',
    capability: 'cni-networking',
    match: [
      {
        objectKind: 'DaemonSet',
        image: '(.+/)?k8snetworkplumbingwg/multus-cni',
      },
    ],
  },
  {
    tool: 'ovn-kubernetes',
    capability: 'cni-networking',
    match: [
      {
        objectKind: 'DaemonSet',
        image: '(.+/)?ovn-kubernetes/ovn-kube-(ubuntu|fedora)',
      },
      { objectKind: 'CustomResourceDefinition', group: 'k8s\\.ovn\\.org' },
      // OpenShift's own images carry no project name, its namespace does.
      { objectKind: 'Namespace', name: 'openshift-ovn-kubernetes' },
    ],
  },
  {
    tool: 'openshift-sdn',
    capability: 'cni-networking',
    match: [{ objectKind: 'Namespace', name: 'openshift-sdn' }],
  },
];

// CSI drivers are named after their provisioner; StorageClasses also list
// the in-tree provisioners older clusters still use.
const storageRules: DetectionRule[] = [
  {
    tool: 'amazon-ebs',
    capability: 'block-storage',
    match: [
      { objectKind: 'CSIDriver', name: 'ebs\\.csi\\.aws\\.com' },
      {
        objectKind: 'StorageClass',
        provisioner: 'ebs\\.csi\\.aws\\.com|kubernetes\\.io/aws-ebs',
      },
    ],
  },
  {
    tool: 'google-persistent-disk',
    capability: 'block-storage',
    match: [
      { objectKind: 'CSIDriver', name: 'pd\\.csi\\.storage\\.gke\\.io' },
      {
        objectKind: 'StorageClass',
        provisioner: 'pd\\.csi\\.storage\\.gke\\.io|kubernetes\\.io/gce-pd',
      },
    ],
  },
  {
    tool: 'azure-disk',
    capability: 'block-storage',
    match: [
      { objectKind: 'CSIDriver', name: 'disk\\.csi\\.azure\\.com' },
      {
        objectKind: 'StorageClass',
        provisioner: 'disk\\.csi\\.azure\\.com|kubernetes\\.io/azure-disk',
      },
    ],
  },
  {
    tool: 'vmware-vsphere',
    capability: 'block-storage',
    match: [
      { objectKind: 'CSIDriver', name: 'csi\\.vsphere\\.vmware\\.com' },
      {
        objectKind: 'StorageClass',
        provisioner:
          'csi\\.vsphere\\.vmware\\.com|kubernetes\\.io/vsphere-volume',
      },
    ],
  },
  {
    tool: 'openstack-cinder',
    capability: 'block-storage',
    match: [
      { objectKind: 'CSIDriver', name: 'cinder\\.csi\\.openstack\\.org' },
      {
        objectKind: 'StorageClass',
        provisioner: 'cinder\\.csi\\.openstack\\.org|kubernetes\\.io/cinder',
      },
    ],
  },
  {
    tool: 'ceph-rbd',
    capability: 'block-storage',
    match: [
      // Rook prefixes the driver with its namespace: rook-ceph.rbd.csi.ceph.com.
      {
        objectKind: 'CSIDriver',
        name: '([a-z0-9-]+\\.)?rbd\\.csi\\.ceph\\.com',
      },
      {
        objectKind: 'StorageClass',
        provisioner:
          '([a-z0-9-]+\\.)?rbd\\.csi\\.ceph\\.com|kubernetes\\.io/rbd',
      },
    ],
  },
  {
    tool: 'longhorn',
    capability: 'block-storage',
    match: [
      { objectKind: 'CSIDriver', name: 'driver\\.longhorn\\.io' },
      { objectKind: 'StorageClass', provisioner: 'driver\\.longhorn\\.io' },
      { objectKind: 'CustomResourceDefinition', group: 'longhorn\\.io' },
    ],
  },
  {
    tool: 'amazon-efs',
    capability: 'file-storage',
    match: [
      { objectKind: 'CSIDriver', name: 'efs\\.csi\\.aws\\.com' },
      { objectKind: 'StorageClass', provisioner: 'efs\\.csi\\.aws\\.com' },
    ],
  },
  {
    tool: 'azure-files',
    capability: 'file-storage',
    match: [
      { objectKind: 'CSIDriver', name: 'file\\.csi\\.azure\\.com' },
      {
        objectKind: 'StorageClass',
        provisioner: 'file\\.csi\\.azure\\.com|kubernetes\\.io/azure-file',
      },
    ],
  },
  {
    tool: 'google-cloud-filestore',
    capability: 'file-storage',
    match: [
      { objectKind: 'CSIDriver', name: 'filestore\\.csi\\.storage\\.gke\\.io' },
      {
        objectKind: 'StorageClass',
        provisioner: 'filestore\\.csi\\.storage\\.gke\\.io',
      },
    ],
  },
  {
    tool: 'cephfs',
    capability: 'file-storage',
    match: [
      {
        objectKind: 'CSIDriver',
        name: '([a-z0-9-]+\\.)?cephfs\\.csi\\.ceph\\.com',
      },
      {
        objectKind: 'StorageClass',
        provisioner: '([a-z0-9-]+\\.)?cephfs\\.csi\\.ceph\\.com',
      },
    ],
  },
  {
    tool: 'nfs',
    capability: 'file-storage',
    match: [
      { objectKind: 'CSIDriver', name: 'nfs\\.csi\\.k8s\\.io' },
      { objectKind: 'StorageClass', provisioner: 'nfs\\.csi\\.k8s\\.io' },
    ],
  },
  {
    tool: 'minio',
    capability: 'object-storage',
    match: [
      { objectKind: 'workload', image: '(.+/)?minio/(minio|operator)' },
      { objectKind: 'CustomResourceDefinition', group: 'minio\\.min\\.io' },
    ],
  },
];

const trafficRules: DetectionRule[] = [
  {
    tool: 'ingress-nginx',
    capability: 'service-proxy',
    match: [
      { objectKind: 'IngressClass', controller: 'k8s\\.io/ingress-nginx' },
      {
        objectKind: 'workload',
        image: '(.+/)?ingress-nginx/controller(-chroot)?',
      },
    ],
  },
  {
    tool: 'traefik',
    capability: 'service-proxy',
    match: [
      {
        objectKind: 'IngressClass',
        controller: 'traefik\\.io/ingress-controller',
      },
      { objectKind: 'workload', image: '(.+/)?traefik' },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'traefik\\.io|traefik\\.containo\\.us',
      },
    ],
  },
  {
    tool: 'contour',
    capability: 'service-proxy',
    match: [
      { objectKind: 'IngressClass', controller: 'projectcontour\\.io/.+' },
      { objectKind: 'Deployment', image: '(.+/)?projectcontour/contour' },
      { objectKind: 'CustomResourceDefinition', group: 'projectcontour\\.io' },
    ],
  },
  {
    tool: 'haproxy',
    capability: 'service-proxy',
    match: [
      {
        objectKind: 'IngressClass',
        controller:
          'haproxy\\.org/ingress-controller(/.+)?|haproxy-ingress\\.github\\.io/controller',
      },
      {
        objectKind: 'workload',
        image:
          '(.+/)?(haproxytech/kubernetes-ingress|jcmoraisjr/haproxy-ingress)',
      },
    ],
  },
  {
    tool: 'kong',
    capability: 'service-proxy',
    match: [
      {
        objectKind: 'IngressClass',
        controller: 'ingress-controllers\\.konghq\\.com/kong',
      },
      {
        objectKind: 'Deployment',
        image: '(.+/)?kong/kubernetes-ingress-controller',
      },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'configuration\\.konghq\\.com',
      },
    ],
  },
  {
    tool: 'istio',
    capability: 'service-proxy',
    match: [
      {
        objectKind: 'IngressClass',
        controller: 'istio\\.io/ingress-controller',
      },
    ],
  },
  {
    tool: 'gateway-api',
    capability: 'service-proxy',
    match: [
      {
        objectKind: 'CustomResourceDefinition',
        group: 'gateway\\.networking\\.k8s\\.io',
      },
      { objectKind: 'HTTPRoute', apiGroup: 'gateway.networking.k8s.io' },
      { objectKind: 'Gateway', apiGroup: 'gateway.networking.k8s.io' },
    ],
  },
  {
    tool: 'envoy',
    capability: 'service-proxy',
    // Envoy Gateway's controller and the proxies it (or Contour) runs.
    match: [
      { objectKind: 'workload', image: '(.+/)?envoyproxy/(envoy|gateway)' },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'gateway\\.envoyproxy\\.io',
      },
    ],
  },
  {
    tool: 'metallb',
    capability: 'load-balancing',
    match: [
      { objectKind: 'workload', image: '(.+/)?metallb/(controller|speaker)' },
      { objectKind: 'CustomResourceDefinition', group: 'metallb\\.io' },
    ],
  },
  {
    tool: 'aws-load-balancer-controller',
    capability: 'load-balancing',
    match: [
      { objectKind: 'IngressClass', controller: 'ingress\\.k8s\\.aws/alb' },
      { objectKind: 'Deployment', image: '(.+/)?aws-load-balancer-controller' },
      { objectKind: 'CustomResourceDefinition', group: 'elbv2\\.k8s\\.aws' },
      // These types are served by the controller, not the in-tree provider.
      {
        objectKind: 'Service',
        annotation: 'service.beta.kubernetes.io/aws-load-balancer-type',
        value: 'external|nlb-ip',
      },
    ],
  },
  {
    tool: 'external-dns',
    capability: 'external-dns',
    match: [
      { objectKind: 'Deployment', image: '(.+/)?external-dns(/external-dns)?' },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'externaldns\\.k8s\\.io',
      },
      {
        objectKind: 'any',
        annotation: 'external-dns.alpha.kubernetes.io/hostname',
      },
    ],
  },
  {
    tool: 'istio',
    capability: 'service-mesh',
    match: [
      { objectKind: 'Pod', container: 'istio-proxy' },
      { objectKind: 'Pod', annotation: 'sidecar.istio.io/status' },
      {
        objectKind: 'Pod',
        annotation: 'ambient.istio.io/redirection',
        value: 'enabled',
      },
      { objectKind: 'Namespace', label: 'istio-injection', value: 'enabled' },
      { objectKind: 'Namespace', label: 'istio.io/rev' },
      { objectKind: 'Deployment', image: '(.+/)?istio/pilot' },
      {
        objectKind: 'CustomResourceDefinition',
        group: '(networking|security)\\.istio\\.io',
      },
      { objectKind: 'VirtualService', apiGroup: 'networking.istio.io' },
    ],
  },
  {
    tool: 'linkerd',
    capability: 'service-mesh',
    match: [
      { objectKind: 'Pod', container: 'linkerd-proxy' },
      { objectKind: 'Pod', annotation: 'linkerd.io/proxy-version' },
      {
        objectKind: 'Namespace',
        annotation: 'linkerd.io/inject',
        value: 'enabled',
      },
      { objectKind: 'Deployment', image: '(.+/)?linkerd/controller' },
      {
        objectKind: 'CustomResourceDefinition',
        group: '(policy\\.)?linkerd\\.io',
      },
    ],
  },
  {
    tool: 'consul-connect',
    capability: 'service-mesh',
    match: [
      {
        objectKind: 'Pod',
        annotation: 'consul.hashicorp.com/connect-inject-status',
        value: 'injected',
      },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'consul\\.hashicorp\\.com',
      },
    ],
  },
  {
    tool: 'kuma',
    capability: 'service-mesh',
    match: [
      { objectKind: 'Pod', container: 'kuma-sidecar' },
      {
        objectKind: 'Namespace',
        label: 'kuma.io/sidecar-injection',
        value: 'enabled',
      },
      { objectKind: 'Deployment', image: '(.+/)?kumahq/kuma-cp' },
      { objectKind: 'CustomResourceDefinition', group: 'kuma\\.io' },
    ],
  },
];

const securityRules: DetectionRule[] = [
  {
    tool: 'cert-manager',
    capability: 'certificate-management',
    match: [
      {
        objectKind: 'Deployment',
        image: '(.+/)?jetstack/cert-manager-controller',
      },
      {
        objectKind: 'CustomResourceDefinition',
        group: '(acme\\.)?cert-manager\\.io',
      },
      { objectKind: 'Certificate', apiGroup: 'cert-manager.io' },
      { objectKind: 'any', annotation: 'cert-manager.io/cluster-issuer' },
      { objectKind: 'any', annotation: 'cert-manager.io/issuer' },
    ],
  },
  {
    tool: 'kyverno',
    capability: 'policy',
    match: [
      { objectKind: 'Deployment', image: '(.+/)?kyverno/kyverno' },
      { objectKind: 'CustomResourceDefinition', group: 'kyverno\\.io' },
    ],
  },
  {
    tool: 'opa-gatekeeper',
    capability: 'policy',
    match: [
      { objectKind: 'Deployment', image: '(.+/)?openpolicyagent/gatekeeper' },
      {
        objectKind: 'CustomResourceDefinition',
        group: '(templates|config|constraints)\\.gatekeeper\\.sh',
      },
    ],
  },
  {
    tool: 'kubernetes-network-policy',
    capability: 'policy',
    match: [{ objectKind: 'NetworkPolicy', apiGroup: 'networking.k8s.io' }],
  },
  {
    tool: 'falco',
    capability: 'runtime-security',
    match: [
      {
        objectKind: 'DaemonSet',
        image: '(.+/)?falcosecurity/falco(-no-driver|-distroless)?',
      },
    ],
  },
  {
    tool: 'neuvector',
    capability: 'runtime-security',
    match: [
      {
        objectKind: 'workload',
        image: '(.+/)?neuvector/(controller|enforcer|manager|scanner)',
      },
    ],
  },
  {
    tool: 'sysdig',
    capability: 'runtime-security',
    match: [{ objectKind: 'DaemonSet', image: '(.+/)?sysdig/agent(-slim)?' }],
  },
  {
    tool: 'tetragon',
    capability: 'runtime-security',
    match: [
      { objectKind: 'DaemonSet', image: '(.+/)?cilium/tetragon' },
      {
        objectKind: 'CustomResourceDefinition',
        name: 'tracingpolicies\\.cilium\\.io',
      },
    ],
  },
  {
    tool: 'aqua-security',
    capability: 'runtime-security',
    match: [
      {
        objectKind: 'workload',
        // Aqua's own registry, or a mirror of its Docker Hub images.
        image:
          'registry\\.aquasec\\.com/(enforcer|kube-enforcer)|(.+/)?aquasec/(enforcer|kube-enforcer)',
      },
    ],
  },
  {
    tool: 'prisma-cloud',
    capability: 'runtime-security',
    // Prisma Cloud Compute's Defender still ships under its Twistlock name.
    match: [{ objectKind: 'DaemonSet', image: '(.+/)?twistlock/defender' }],
  },
  {
    tool: 'sysdig',
    capability: 'syscall-tracing',
    match: [{ objectKind: 'DaemonSet', image: '(.+/)?sysdig/agent(-slim)?' }],
  },
  {
    tool: 'jspolicy',
    capability: 'policy',
    match: [
      { objectKind: 'Deployment', image: '(.+/)?loftsh/jspolicy' },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'policy\\.jspolicy\\.com',
      },
    ],
  },
  {
    tool: 'polaris',
    capability: 'policy',
    match: [
      { objectKind: 'Deployment', image: '(.+/)?fairwinds(ops)?/polaris' },
    ],
  },
  {
    tool: 'trivy',
    capability: 'build-security',
    match: [
      {
        objectKind: 'Deployment',
        image: '(.+/)?(aquasecurity|aquasec)/trivy-operator',
      },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'aquasecurity\\.github\\.io',
      },
    ],
  },
  {
    tool: 'snyk',
    capability: 'build-security',
    match: [
      { objectKind: 'Deployment', image: '(.+/)?snyk/kubernetes-monitor' },
    ],
  },
  {
    tool: 'hashicorp-vault',
    capability: 'key-management',
    match: [
      // What the Agent Injector leaves on a pod it has given secrets to.
      {
        objectKind: 'Pod',
        annotation: 'vault.hashicorp.com/agent-inject-status',
        value: 'injected',
      },
      { objectKind: 'Pod', container: 'vault-agent(-init)?' },
      {
        objectKind: 'workload',
        image:
          '(.+/)?hashicorp/(vault|vault-enterprise|vault-k8s|vault-csi-provider)',
      },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'secrets\\.hashicorp\\.com',
      },
    ],
  },
  {
    tool: 'azure-key-vault',
    capability: 'key-management',
    // The Key Vault provider of the Secrets Store CSI driver (also the AKS add-on).
    match: [
      {
        objectKind: 'DaemonSet',
        image: '(.+/)?azure/secrets-store/provider-azure',
      },
    ],
  },
];

const deliveryRules: DetectionRule[] = [
  {
    tool: 'argo-cd',
    capability: 'gitops',
    match: [
      { objectKind: 'workload', image: '(.+/)?argoproj/argocd' },
      // By name: Argo Workflows and Rollouts share the argoproj.io group.
      {
        objectKind: 'CustomResourceDefinition',
        name: 'applications\\.argoproj\\.io',
      },
      { objectKind: 'Application', apiGroup: 'argoproj.io' },
      { objectKind: 'any', annotation: 'argocd.argoproj.io/tracking-id' },
    ],
  },
  {
    tool: 'flux',
    capability: 'gitops',
    match: [
      {
        objectKind: 'Deployment',
        image:
          '(.+/)?fluxcd/(source|kustomize|helm|notification|image-reflector|image-automation)-controller',
      },
      {
        objectKind: 'CustomResourceDefinition',
        group: '[a-z]+\\.toolkit\\.fluxcd\\.io',
      },
      { objectKind: 'any', label: 'kustomize.toolkit.fluxcd.io/name' },
      { objectKind: 'any', label: 'helm.toolkit.fluxcd.io/name' },
    ],
  },
  {
    tool: 'kapp-controller',
    capability: 'gitops',
    match: [
      { objectKind: 'Deployment', image: '(.+/)?kapp-controller' },
      { objectKind: 'CustomResourceDefinition', group: 'kappctrl\\.k14s\\.io' },
    ],
  },
  {
    tool: 'helm',
    capability: 'package-management',
    match: [
      {
        objectKind: 'any',
        label: 'app.kubernetes.io/managed-by',
        value: 'Helm',
      },
      { objectKind: 'any', label: 'helm.sh/chart' },
      { objectKind: 'any', annotation: 'meta.helm.sh/release-name' },
    ],
  },
  {
    tool: 'carvel',
    capability: 'package-management',
    match: [{ objectKind: 'any', label: 'kapp.k14s.io/app' }],
  },
  {
    tool: 'velero',
    capability: 'data-protection',
    match: [
      { objectKind: 'Deployment', image: '(.+/)?velero/velero' },
      { objectKind: 'CustomResourceDefinition', group: 'velero\\.io' },
      { objectKind: 'Schedule', apiGroup: 'velero.io' },
    ],
  },
  {
    tool: 'kasten',
    capability: 'data-protection',
    match: [
      { objectKind: 'workload', image: '(.+/)?kasten-images/[a-z0-9-]+' },
      {
        objectKind: 'CustomResourceDefinition',
        group: '[a-z]+\\.kio\\.kasten\\.io',
      },
    ],
  },
  {
    tool: 'tekton',
    capability: 'ci-cd',
    match: [{ objectKind: 'CustomResourceDefinition', group: 'tekton\\.dev' }],
  },
  {
    tool: 'jenkins',
    capability: 'ci-cd',
    match: [{ objectKind: 'workload', image: '(.+/)?jenkins/jenkins' }],
  },
  {
    tool: 'kpack',
    capability: 'build-service',
    match: [{ objectKind: 'CustomResourceDefinition', group: 'kpack\\.io' }],
  },
  {
    tool: 'kaniko',
    capability: 'build-service',
    // Build pods, while a build runs.
    match: [{ objectKind: 'Pod', image: '(.+/)?kaniko-project/executor' }],
  },
  {
    tool: 'buildpacks',
    capability: 'build-service',
    match: [{ objectKind: 'Pod', image: '(.+/)?buildpacksio/lifecycle' }],
  },
  {
    tool: 'kubeapps',
    capability: 'application-catalog',
    match: [
      {
        objectKind: 'Deployment',
        image:
          '(.+/)?bitnami/kubeapps-(apis|dashboard|apprepository-controller|asset-syncer)',
      },
      { objectKind: 'CustomResourceDefinition', group: 'kubeapps\\.com' },
    ],
  },
  {
    tool: 'chartmuseum',
    capability: 'application-catalog',
    match: [
      { objectKind: 'workload', image: '(.+/)?(helm|chartmuseum)/chartmuseum' },
    ],
  },
  {
    tool: 'cluster-api',
    capability: 'cluster-lifecycle',
    match: [
      {
        objectKind: 'Deployment',
        image: '(.+/)?cluster-api/cluster-api-controller',
      },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'cluster\\.x-k8s\\.io',
      },
    ],
  },
  {
    tool: 'sonobuoy',
    capability: 'conformance',
    match: [{ objectKind: 'Pod', image: '(.+/)?sonobuoy/sonobuoy' }],
  },
];

// Shared services platform teams run for applications: identity, messaging,
// databases.
const platformServiceRules: DetectionRule[] = [
  {
    tool: 'dex',
    capability: 'authentication',
    match: [
      { objectKind: 'workload', image: '(.+/)?dexidp/dex' },
      { objectKind: 'CustomResourceDefinition', group: 'dex\\.coreos\\.com' },
    ],
  },
  {
    tool: 'keycloak',
    capability: 'authentication',
    match: [
      { objectKind: 'workload', image: '(.+/)?(keycloak|bitnami)/keycloak' },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'k8s\\.keycloak\\.org',
      },
    ],
  },
  {
    tool: 'pinniped',
    capability: 'authentication',
    match: [
      {
        objectKind: 'CustomResourceDefinition',
        group: '([a-z]+\\.)+pinniped\\.dev',
      },
    ],
  },
  {
    tool: 'strimzi',
    capability: 'messaging',
    match: [
      { objectKind: 'Deployment', image: '(.+/)?strimzi/operator' },
      { objectKind: 'CustomResourceDefinition', group: 'kafka\\.strimzi\\.io' },
    ],
  },
  {
    tool: 'nats',
    capability: 'messaging',
    match: [
      { objectKind: 'StatefulSet', image: '(.+/)?nats' },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'jetstream\\.nats\\.io',
      },
    ],
  },
  {
    tool: 'vitess',
    capability: 'database-operators',
    match: [
      { objectKind: 'Deployment', image: '(.+/)?planetscale/vitess-operator' },
      { objectKind: 'CustomResourceDefinition', group: 'planetscale\\.com' },
    ],
  },
  {
    tool: 'rook',
    capability: 'database-operators',
    match: [
      { objectKind: 'Deployment', image: '(.+/)?rook/ceph' },
      { objectKind: 'CustomResourceDefinition', group: 'ceph\\.rook\\.io' },
    ],
  },
  {
    tool: 'tikv',
    capability: 'database-operators',
    // TiDB Operator runs TiKV clusters.
    match: [
      { objectKind: 'Deployment', image: '(.+/)?pingcap/tidb-operator' },
      { objectKind: 'CustomResourceDefinition', group: 'pingcap\\.com' },
    ],
  },
  {
    tool: 'cass-operator',
    capability: 'database-operators',
    match: [
      {
        objectKind: 'Deployment',
        image: '(.+/)?(k8ssandra|datastax)/cass-operator',
      },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'cassandra\\.datastax\\.com',
      },
    ],
  },
];

const observabilityRules: DetectionRule[] = [
  {
    tool: 'fluent-bit',
    capability: 'logging',
    match: [{ objectKind: 'workload', image: '(.+/)?fluent/fluent-bit' }],
  },
  {
    tool: 'fluentd',
    capability: 'logging',
    match: [
      {
        objectKind: 'workload',
        image: '(.+/)?fluent/fluentd(-kubernetes-daemonset)?',
      },
    ],
  },
  {
    tool: 'promtail',
    capability: 'logging',
    match: [{ objectKind: 'DaemonSet', image: '(.+/)?grafana/promtail' }],
  },
  {
    tool: 'loki',
    capability: 'logging',
    match: [{ objectKind: 'workload', image: '(.+/)?grafana/loki' }],
  },
  {
    tool: 'vector',
    capability: 'logging',
    match: [{ objectKind: 'workload', image: '(.+/)?timberio/vector' }],
  },
  {
    tool: 'prometheus',
    capability: 'metrics',
    match: [
      { objectKind: 'workload', image: '(.+/)?prom(etheus)?/prometheus' },
      { objectKind: 'Pod', annotation: 'prometheus.io/scrape', value: 'true' },
      {
        objectKind: 'Service',
        annotation: 'prometheus.io/scrape',
        value: 'true',
      },
    ],
  },
  {
    tool: 'prometheus-operator',
    capability: 'metrics',
    match: [
      {
        objectKind: 'Deployment',
        image: '(.+/)?prometheus-operator/prometheus-operator',
      },
      {
        objectKind: 'CustomResourceDefinition',
        group: 'monitoring\\.coreos\\.com',
      },
      { objectKind: 'ServiceMonitor', apiGroup: 'monitoring.coreos.com' },
      { objectKind: 'PodMonitor', apiGroup: 'monitoring.coreos.com' },
    ],
  },
  {
    tool: 'alertmanager',
    capability: 'alerting',
    match: [
      { objectKind: 'workload', image: '(.+/)?prom(etheus)?/alertmanager' },
    ],
  },
  {
    tool: 'grafana',
    capability: 'visualization',
    match: [
      {
        objectKind: 'workload',
        image: '(.+/)?grafana/grafana(-oss|-enterprise)?',
      },
    ],
  },
  {
    tool: 'jaeger',
    capability: 'tracing',
    match: [
      {
        objectKind: 'workload',
        image:
          '(.+/)?jaegertracing/(all-in-one|jaeger|jaeger-collector|jaeger-query|jaeger-agent|jaeger-operator)',
      },
      { objectKind: 'CustomResourceDefinition', group: 'jaegertracing\\.io' },
      { objectKind: 'Pod', container: 'jaeger-agent' },
    ],
  },
  {
    tool: 'opentelemetry',
    capability: 'tracing',
    match: [
      {
        objectKind: 'workload',
        image:
          '(.+/)?(otel|open-telemetry/opentelemetry-collector-releases)/opentelemetry-collector(-contrib|-k8s)?',
      },
      {
        objectKind: 'Deployment',
        image:
          '(.+/)?open-telemetry/opentelemetry-operator/opentelemetry-operator',
      },
      { objectKind: 'CustomResourceDefinition', group: 'opentelemetry\\.io' },
      // "false" is how a pod opts out of a namespace-wide injection.
      {
        objectKind: 'Pod',
        annotation: 'sidecar.opentelemetry.io/inject',
        value: '(?!false$).+',
      },
      {
        objectKind: 'Pod',
        annotation: 'instrumentation.opentelemetry.io/inject-java',
        value: '(?!false$).+',
      },
      {
        objectKind: 'Pod',
        annotation: 'instrumentation.opentelemetry.io/inject-nodejs',
        value: '(?!false$).+',
      },
      {
        objectKind: 'Pod',
        annotation: 'instrumentation.opentelemetry.io/inject-python',
        value: '(?!false$).+',
      },
      {
        objectKind: 'Pod',
        annotation: 'instrumentation.opentelemetry.io/inject-dotnet',
        value: '(?!false$).+',
      },
      {
        objectKind: 'Pod',
        annotation: 'instrumentation.opentelemetry.io/inject-go',
        value: '(?!false$).+',
      },
    ],
  },
  {
    tool: 'zipkin',
    capability: 'tracing',
    match: [{ objectKind: 'workload', image: '(.+/)?openzipkin/zipkin' }],
  },
];

// Where the Nodes run: the cloud controller's providerID, or the node
// labels a managed Kubernetes service sets.
const platformRules: DetectionRule[] = [
  {
    tool: 'aws',
    capability: 'platform',
    match: [
      { objectKind: 'Node', providerId: 'aws' },
      { objectKind: 'Node', label: 'eks.amazonaws.com/nodegroup' },
    ],
  },
  {
    tool: 'gcp',
    capability: 'platform',
    match: [
      { objectKind: 'Node', providerId: 'gce' },
      { objectKind: 'Node', label: 'cloud.google.com/gke-nodepool' },
    ],
  },
  {
    tool: 'azure',
    capability: 'platform',
    match: [
      { objectKind: 'Node', providerId: 'azure' },
      { objectKind: 'Node', label: 'kubernetes.azure.com/cluster' },
    ],
  },
  {
    tool: 'openstack',
    capability: 'platform',
    match: [{ objectKind: 'Node', providerId: 'openstack' }],
  },
  {
    tool: 'vmware-vsphere',
    capability: 'platform',
    match: [{ objectKind: 'Node', providerId: 'vsphere' }],
  },
];

const coreRuntimeRules: DetectionRule[] = [
  {
    tool: 'kubernetes',
    capability: 'scheduling',
    // Nodes whose kubelet reports a version: the evidence names a node and
    // the Kubernetes version it runs.
    match: [{ objectKind: 'Node', kubelet: 'v.+' }],
  },
  {
    tool: 'containerd',
    capability: 'container-runtime',
    match: [{ objectKind: 'Node', containerRuntime: 'containerd' }],
  },
  {
    tool: 'cri-o',
    capability: 'container-runtime',
    match: [{ objectKind: 'Node', containerRuntime: 'cri-o' }],
  },
  {
    tool: 'docker',
    capability: 'container-runtime',
    match: [{ objectKind: 'Node', containerRuntime: 'docker' }],
  },
  {
    tool: 'gvisor',
    capability: 'container-runtime',
    // runsc is gVisor's OCI runtime; GKE Sandbox registers it as `gvisor`.
    match: [{ objectKind: 'RuntimeClass', handler: 'runsc|gvisor' }],
  },
  {
    tool: 'kata-containers',
    capability: 'container-runtime',
    // kata-deploy registers one handler per hypervisor: kata-qemu, kata-clh, …
    match: [{ objectKind: 'RuntimeClass', handler: 'kata(-.+)?' }],
  },
  {
    tool: 'coredns',
    capability: 'service-discovery',
    // EKS ships it as .../eks/coredns, upstream as coredns/coredns.
    match: [{ objectKind: 'Deployment', image: '(.+/)?coredns(/coredns)?' }],
  },
  {
    tool: 'kube-dns',
    capability: 'service-discovery',
    // Not the `kube-dns` Service: CoreDNS keeps that name for compatibility.
    match: [
      { objectKind: 'Deployment', image: '(.+/)?k8s-dns-kube-dns(-amd64)?' },
    ],
  },
  {
    tool: 'consul',
    capability: 'service-discovery',
    match: [
      {
        objectKind: 'StatefulSet',
        image: '(.+/)?hashicorp/consul(-enterprise)?',
      },
    ],
  },
];

/**
 * The built-in catalogue of detection rules: how the cloud under the Nodes,
 * CNI plugins, CSI drivers, ingress controllers, meshes, policy engines,
 * secrets managers and scanners, CI, build and GitOps tools, backup tools,
 * observability agents, container runtimes, cluster DNS and the shared
 * services platform teams run (identity, messaging, database operators)
 * show up in Kubernetes objects. Every rule names a tool of the default
 * layer model.
 *
 * @public
 */
export const defaultDetectionRules: DetectionRule[] = [
  ...platformRules,
  ...coreRuntimeRules,
  ...cniRules,
  ...storageRules,
  ...trafficRules,
  ...securityRules,
  ...deliveryRules,
  ...observabilityRules,
  ...platformServiceRules,
];
