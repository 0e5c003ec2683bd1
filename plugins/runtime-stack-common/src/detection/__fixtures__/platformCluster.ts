import type { ClusterObject } from '../../cluster/clusterObjects';
import {
  crd,
  csiDriver,
  daemonSet,
  deployment,
  ingressClass,
  namespace,
  node,
  statefulSet,
  storageClass,
} from './kubernetesObjects';

const helmLabels = (chart: string) => ({
  'app.kubernetes.io/managed-by': 'Helm',
  'helm.sh/chart': chart,
});

/** The platform part of an EKS cluster as a platform team would run it. */
export const ciliumAgent = daemonSet('cilium', {
  namespace: 'kube-system',
  labels: { 'k8s-app': 'cilium' },
  containers: [
    {
      name: 'cilium-agent',
      image:
        'quay.io/cilium/cilium:v1.16.1@sha256:0b4a3ab41a4760d86b7fc945b8783747ba1f29dcfe7bba3f15f78d4a5c5b8a8e',
    },
  ],
  initContainers: [
    {
      name: 'mount-cgroup',
      image:
        'quay.io/cilium/cilium:v1.16.1@sha256:0b4a3ab41a4760d86b7fc945b8783747ba1f29dcfe7bba3f15f78d4a5c5b8a8e',
    },
  ],
});

export const nginxIngressClass = ingressClass('nginx', 'k8s.io/ingress-nginx', {
  labels: { ...helmLabels('ingress-nginx-4.11.2') },
});

export const platformObjects: ClusterObject[] = [
  node('ip-10-0-1-12.eu-west-1.compute.internal', 'containerd://1.7.22'),
  node('ip-10-0-2-34.eu-west-1.compute.internal', 'containerd://1.7.22'),
  namespace('kube-system'),
  namespace('ingress-nginx'),
  namespace('cert-manager'),
  ciliumAgent,
  deployment('cilium-operator', {
    namespace: 'kube-system',
    labels: { 'io.cilium/app': 'operator' },
    containers: [
      {
        name: 'cilium-operator',
        image: 'quay.io/cilium/operator-generic:v1.16.1',
      },
    ],
  }),
  deployment('coredns', {
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns' },
    containers: [
      {
        name: 'coredns',
        image:
          '602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/coredns:v1.11.1-eksbuild.9',
      },
    ],
  }),
  daemonSet('ebs-csi-node', {
    namespace: 'kube-system',
    labels: { app: 'ebs-csi-node' },
    containers: [
      {
        name: 'ebs-plugin',
        image: 'public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.34.0',
      },
    ],
  }),
  csiDriver('ebs.csi.aws.com'),
  storageClass('gp3', 'ebs.csi.aws.com', { isDefault: true }),
  nginxIngressClass,
  deployment('ingress-nginx-controller', {
    namespace: 'ingress-nginx',
    labels: {
      'app.kubernetes.io/name': 'ingress-nginx',
      ...helmLabels('ingress-nginx-4.11.2'),
    },
    podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' },
    containers: [
      {
        name: 'controller',
        image:
          'registry.k8s.io/ingress-nginx/controller:v1.11.2@sha256:d5f8217feeac4887cb1ed21f27c2674e58be06bd8f5184cacea2a69abaf78dce',
      },
    ],
  }),
  crd('certificates', 'cert-manager.io', 'Certificate'),
  crd('clusterissuers', 'cert-manager.io', 'ClusterIssuer'),
  deployment('cert-manager', {
    namespace: 'cert-manager',
    labels: { 'app.kubernetes.io/name': 'cert-manager' },
    containers: [
      {
        name: 'cert-manager-controller',
        image: 'quay.io/jetstack/cert-manager-controller:v1.15.3',
      },
    ],
  }),
  crd('applications', 'argoproj.io', 'Application'),
  statefulSet('argocd-application-controller', {
    namespace: 'argocd',
    labels: { 'app.kubernetes.io/name': 'argocd-application-controller' },
    containers: [
      {
        name: 'argocd-application-controller',
        image: 'quay.io/argoproj/argocd:v2.12.3',
      },
    ],
  }),
  crd('servicemonitors', 'monitoring.coreos.com', 'ServiceMonitor'),
  deployment('prometheus-operator', {
    namespace: 'monitoring',
    labels: { 'app.kubernetes.io/name': 'prometheus-operator' },
    containers: [
      {
        name: 'prometheus-operator',
        image: 'quay.io/prometheus-operator/prometheus-operator:v0.76.0',
      },
    ],
  }),
  statefulSet('prometheus-k8s', {
    namespace: 'monitoring',
    labels: { 'app.kubernetes.io/name': 'prometheus' },
    containers: [
      { name: 'prometheus', image: 'quay.io/prometheus/prometheus:v2.54.1' },
      {
        name: 'config-reloader',
        image: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.76.0',
      },
    ],
  }),
  daemonSet('fluent-bit', {
    namespace: 'logging',
    labels: { 'app.kubernetes.io/name': 'fluent-bit' },
    containers: [
      { name: 'fluent-bit', image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.7' },
    ],
  }),
  daemonSet('falco', {
    namespace: 'falco',
    labels: { 'app.kubernetes.io/name': 'falco' },
    containers: [
      {
        name: 'falco',
        image: 'docker.io/falcosecurity/falco-no-driver:0.38.2',
      },
    ],
  }),
  deployment('velero', {
    namespace: 'velero',
    labels: { component: 'velero' },
    containers: [{ name: 'velero', image: 'velero/velero:v1.14.1' }],
  }),
];
