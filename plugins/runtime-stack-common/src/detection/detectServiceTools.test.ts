import { detectServiceTools } from './detectServiceTools';
import {
  checkoutDeployment,
  checkoutIngress,
  checkoutPod,
  checkoutPodLabels,
  checkoutService,
} from './__fixtures__/checkoutService';
import {
  deployment,
  ingress,
  ingressClass,
  persistentVolumeClaim,
  pod,
  resource,
  runtimeClass,
} from './__fixtures__/kubernetesObjects';
import { platformObjects } from './__fixtures__/platformCluster';
import type { ClusterObject } from '../cluster/clusterObjects';

function detect(serviceObjects: ClusterObject[], others: ClusterObject[] = []) {
  return detectServiceTools({
    serviceObjects,
    clusterObjects: [...platformObjects, ...others, ...serviceObjects],
  });
}

const toolsOf = (
  serviceObjects: ClusterObject[],
  others: ClusterObject[] = [],
) => detect(serviceObjects, others).map(f => f.tool);

const meshedPod = (
  containers: Array<{ name: string; image: string }>,
  annotations = {},
) =>
  pod('checkout-6f7b9c8d4-x2x9k', {
    namespace: 'shop',
    labels: checkoutPodLabels,
    annotations,
    containers: [
      { name: 'checkout', image: 'ghcr.io/acme/checkout:1.4.2' },
      ...containers,
    ],
  });

describe('detectServiceTools', () => {
  it('reports what a realistic service uses, and not what the cluster merely runs', () => {
    const serviceObjects = [
      checkoutDeployment,
      meshedPod(
        [{ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.23.2' }],
        {
          'sidecar.istio.io/status':
            '{"initContainers":["istio-init"],"containers":["istio-proxy"]}',
        },
      ),
      checkoutService,
      ingress('checkout', {
        namespace: 'shop',
        ingressClassName: 'nginx',
        tlsSecretName: 'checkout-tls',
        annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
      }),
      persistentVolumeClaim('checkout-cache', {
        namespace: 'shop',
        storageClassName: 'gp3',
      }),
    ];
    const others = [
      resource('monitoring.coreos.com/v1', 'ServiceMonitor', 'checkout', {
        namespace: 'shop',
        spec: {
          selector: { matchLabels: { 'app.kubernetes.io/name': 'checkout' } },
          endpoints: [{ port: 'http' }],
        },
      }),
      resource('argoproj.io/v1alpha1', 'Application', 'checkout', {
        namespace: 'argocd',
        spec: { destination: { namespace: 'shop' } },
      }),
    ];
    const findings = detect(serviceObjects, others);
    expect(findings.map(f => `${f.layer} ${f.capability} ${f.tool}`)).toEqual([
      '3 block-storage amazon-ebs',
      '3 package-management helm',
      '3 service-proxy ingress-nginx',
      '4 certificate-management cert-manager',
      '4 gitops argo-cd',
      '4 metrics prometheus-operator',
      '5 service-mesh istio',
    ]);
    const certManager = findings.find(f => f.tool === 'cert-manager')!;
    expect(certManager.evidence).toEqual([
      expect.objectContaining({
        kind: 'Ingress',
        field: 'metadata.annotations[cert-manager.io/cluster-issuer]',
        value: 'letsencrypt-prod',
      }),
    ]);
    const istio = findings.find(f => f.tool === 'istio')!;
    expect(istio.evidence).toEqual([
      expect.objectContaining({
        kind: 'Pod',
        field: 'spec.containers[1].name',
        value: 'istio-proxy',
      }),
      expect.objectContaining({
        field: 'metadata.annotations[sidecar.istio.io/status]',
      }),
    ]);
  });

  it('merges evidence of one tool from several reasons without repeats', () => {
    const ebs = detect([
      persistentVolumeClaim('a', {
        namespace: 'shop',
        storageClassName: 'gp3',
      }),
    ]).find(f => f.tool === 'amazon-ebs')!;
    expect(ebs.evidence.map(e => `${e.kind} ${e.field}`)).toEqual([
      'PersistentVolumeClaim spec.storageClassName',
      'StorageClass provisioner',
      'CSIDriver metadata.name',
    ]);
  });

  it('finds nothing for a service with no platform marks', () => {
    const plain = deployment('batch', {
      namespace: 'jobs',
      labels: { app: 'batch' },
      containers: [{ name: 'batch', image: 'ghcr.io/acme/batch:2.0.0' }],
    });
    expect(detect([plain])).toEqual([]);
  });

  describe('service mesh', () => {
    it('finds Istio from its sidecar', () => {
      expect(
        toolsOf([
          meshedPod([{ name: 'istio-proxy', image: 'istio/proxyv2:1.23.2' }]),
        ]),
      ).toContain('istio');
    });

    it('finds Linkerd from its proxy container or version annotation', () => {
      expect(
        toolsOf([
          meshedPod([
            {
              name: 'linkerd-proxy',
              image: 'cr.l5d.io/linkerd/proxy:edge-24.9.2',
            },
          ]),
        ]),
      ).toEqual(['linkerd']);
      expect(
        toolsOf([meshedPod([], { 'linkerd.io/proxy-version': 'edge-24.9.2' })]),
      ).toEqual(['linkerd']);
    });

    it('finds no mesh in a pod without sidecars that opted out of injection', () => {
      expect(
        toolsOf([meshedPod([], { 'sidecar.istio.io/inject': 'false' })]),
      ).toEqual([]);
    });
  });

  describe('labels and annotations on its own objects', () => {
    const labelled = (labels: Record<string, string>, annotations = {}) =>
      deployment('checkout', {
        namespace: 'shop',
        labels,
        annotations,
        containers: [
          { name: 'checkout', image: 'ghcr.io/acme/checkout:1.4.2' },
        ],
      });

    it('finds Helm from the managed-by label or the chart label', () => {
      expect(
        toolsOf([labelled({ 'app.kubernetes.io/managed-by': 'Helm' })]),
      ).toEqual(['helm']);
      expect(
        toolsOf([labelled({ 'helm.sh/chart': 'checkout-1.4.2' })]),
      ).toEqual(['helm']);
      expect(
        toolsOf([labelled({ 'app.kubernetes.io/managed-by': 'kustomize' })]),
      ).toEqual([]);
    });

    it('finds Flux from its ownership labels', () => {
      expect(
        toolsOf([
          labelled({
            'kustomize.toolkit.fluxcd.io/name': 'apps',
            'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
          }),
        ]),
      ).toEqual(['flux']);
      expect(
        toolsOf([labelled({ 'helm.toolkit.fluxcd.io/name': 'checkout' })]),
      ).toEqual(['flux']);
    });

    it('finds Prometheus from the scrape annotation, but not when it is off', () => {
      const scraped = (value: string) =>
        pod('checkout-1', {
          namespace: 'shop',
          annotations: {
            'prometheus.io/scrape': value,
            'prometheus.io/port': '9090',
          },
          containers: [
            { name: 'checkout', image: 'ghcr.io/acme/checkout:1.4.2' },
          ],
        });
      expect(toolsOf([scraped('true')])).toEqual(['prometheus']);
      expect(toolsOf([scraped('false')])).toEqual([]);
    });
  });

  it('does not report the ingress controller of a class the service does not use', () => {
    const viaTraefik = ingress('checkout', {
      namespace: 'shop',
      ingressClassName: 'traefik',
    });
    const tools = toolsOf(
      [viaTraefik],
      [ingressClass('traefik', 'traefik.io/ingress-controller')],
    );
    expect(tools).toEqual(['traefik']);
  });

  it('leaves cluster-wide tools out even though the service runs on them', () => {
    const tools = toolsOf([
      checkoutDeployment,
      checkoutPod,
      checkoutService,
      checkoutIngress,
    ]);
    for (const clusterTool of [
      'cilium',
      'containerd',
      'coredns',
      'falco',
      'fluent-bit',
    ]) {
      expect(tools).not.toContain(clusterTool);
    }
  });

  it('reports the sandbox a service’s pods run in, placed in the container runtime layer', () => {
    const resizer = deployment('image-resizer', {
      namespace: 'media',
      containers: [{ name: 'resizer', image: 'ghcr.io/acme/resizer:2.0.1' }],
      runtimeClassName: 'gvisor',
    });
    const sandboxes = [
      runtimeClass('gvisor', 'runsc'),
      runtimeClass('kata', 'kata-qemu'),
    ];
    expect(
      detect([resizer], sandboxes).map(
        f => `${f.layer} ${f.capability} ${f.tool}`,
      ),
    ).toEqual(['1 container-runtime gvisor']);
    // Offering a sandbox does not put the checkout service in one.
    expect(toolsOf([checkoutDeployment, checkoutPod], sandboxes)).toEqual(
      toolsOf([checkoutDeployment, checkoutPod]),
    );
  });
});
