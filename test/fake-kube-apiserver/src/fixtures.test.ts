import { fixtureNames, loadFixture } from './fixtures';
import { startFakeKubeApiServer } from './server';
import { getJson } from './testUtils';
import type { KubeObject } from './types';

const ID_LABEL = 'backstage.io/kubernetes-id';

const CATALOG_SERVICES: Record<
  string,
  Array<[name: string, namespace: string]>
> = {
  'prod-eu-1': [
    ['payments-api', 'payments'],
    ['payments-ledger', 'payments'],
    ['fraud-scoring', 'payments'],
    ['cart-service', 'checkout'],
    ['order-history', 'checkout'],
    ['catalog-api', 'catalog'],
    ['search-indexer', 'catalog'],
    ['image-resizer', 'catalog'],
    ['platform-ingress-gateway', 'platform'],
  ],
  'prod-us-1': [
    ['checkout-web', 'checkout'],
    ['checkout-api', 'checkout'],
    ['cart-service', 'checkout'],
    ['catalog-api', 'catalog'],
    ['catalog-admin-web', 'catalog-admin'],
  ],
};

const CLUSTER_SCOPED_BUILT_INS = new Set([
  'Namespace',
  'Node',
  'IngressClass',
  'StorageClass',
  'CSIDriver',
  'RuntimeClass',
  'CustomResourceDefinition',
]);
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'networking.k8s.io',
  'autoscaling',
  'policy',
  'storage.k8s.io',
  'node.k8s.io',
  'apiextensions.k8s.io',
]);

const groupOf = (apiVersion: string) =>
  apiVersion.includes('/') ? apiVersion.split('/')[0] : '';

const matchesLabels = (
  selector: Record<string, string>,
  labels: Record<string, string> = {},
) => Object.entries(selector).every(([key, value]) => labels[key] === value);

describe('fixtures', () => {
  it('lists both clusters', () => {
    expect(fixtureNames()).toEqual(['prod-eu-1', 'prod-us-1']);
    expect(() => loadFixture('prod-mars-1')).toThrow(
      /No fixture cluster 'prod-mars-1'/,
    );
  });

  describe.each(fixtureNames())('%s', name => {
    const objects = loadFixture(name);
    const of = (kind: string) => objects.filter(o => o.kind === kind);
    const crds = of('CustomResourceDefinition');
    const crdFor = (object: KubeObject) =>
      crds.find(
        crd =>
          (crd.spec as any).group === groupOf(object.apiVersion) &&
          (crd.spec as any).names.kind === object.kind,
      );
    const pods = of('Pod');

    it('holds a moderate number of well-formed, unique objects', () => {
      expect(objects.length).toBeGreaterThanOrEqual(150);
      expect(objects.length).toBeLessThanOrEqual(400);
      const keys = new Set<string>();
      for (const object of objects) {
        expect(object).toMatchObject({
          apiVersion: expect.any(String),
          kind: expect.any(String),
          metadata: { name: expect.any(String), uid: expect.any(String) },
        });
        const key = `${object.apiVersion}/${object.kind}/${
          object.metadata.namespace ?? ''
        }/${object.metadata.name}`;
        expect(keys.has(key)).toBe(false);
        keys.add(key);
      }
    });

    it('puts namespaced objects in namespaces that exist, and cluster-scoped ones outside', () => {
      const namespaces = new Set(of('Namespace').map(n => n.metadata.name));
      const misplaced = objects.filter(object => {
        const crd = crdFor(object);
        const clusterScoped =
          CLUSTER_SCOPED_BUILT_INS.has(object.kind) ||
          (crd && (crd.spec as any).scope === 'Cluster');
        return clusterScoped
          ? object.metadata.namespace !== undefined
          : !namespaces.has(object.metadata.namespace!);
      });
      expect(
        misplaced.map(
          o => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`,
        ),
      ).toEqual([]);
    });

    it('has a CRD serving the version of every custom resource', () => {
      for (const object of objects.filter(
        o => !BUILT_IN_GROUPS.has(groupOf(o.apiVersion)),
      )) {
        const crd = crdFor(object);
        expect({
          object: `${object.apiVersion} ${object.kind}`,
          crd: crd?.metadata.name,
        }).toEqual({
          object: `${object.apiVersion} ${object.kind}`,
          crd: expect.any(String),
        });
        const version = object.apiVersion.split('/')[1];
        expect((crd!.spec as any).versions).toContainEqual(
          expect.objectContaining({ name: version, served: true }),
        );
      }
    });

    it('has owner references that point at objects in the fixture', () => {
      const byUid = new Map(objects.map(o => [o.metadata.uid, o]));
      for (const object of objects) {
        for (const owner of (object.metadata.ownerReferences as any[]) ?? []) {
          const found = byUid.get(owner.uid);
          expect(found && `${found.kind}/${found.metadata.name}`).toBe(
            `${owner.kind}/${owner.name}`,
          );
          expect(found!.metadata.namespace).toBe(object.metadata.namespace);
        }
      }
    });

    it('schedules every pod on a node of the cluster, running, with pinned image digests', () => {
      const nodes = new Set(of('Node').map(n => n.metadata.name));
      expect(nodes.size).toBe(3);
      for (const pod of pods) {
        expect(nodes).toContain((pod.spec as any).nodeName);
        const status = pod.status as any;
        expect(status.phase).toBe('Running');
        for (const container of status.containerStatuses) {
          expect(container.imageID).toMatch(/@sha256:[0-9a-f]{64}$/);
          expect(container.restartCount).toEqual(expect.any(Number));
        }
      }
    });

    it('gives every catalog service a Deployment, ReplicaSet, pods and Service, labelled for Backstage', () => {
      for (const [service, namespace] of CATALOG_SERVICES[name]) {
        const selector: Record<string, string> =
          service === 'search-indexer'
            ? { 'app.kubernetes.io/name': service }
            : { [ID_LABEL]: service };
        const inNamespace = (kind: string) =>
          of(kind).filter(
            o =>
              o.metadata.namespace === namespace &&
              matchesLabels(selector, o.metadata.labels),
          );
        const [deployment] = inNamespace('Deployment');
        expect(deployment?.metadata.name).toBe(service);
        const image = (deployment.spec as any).template.spec.containers.find(
          (c: any) => c.name === service,
        ).image;
        expect(image).toMatch(
          /^registry\.example\.com\/[a-z-]+\/[a-z-]+:\d+\.\d+\.\d+$/,
        );
        const [replicaSet] = inNamespace('ReplicaSet');
        expect((replicaSet.metadata.ownerReferences as any[])[0].uid).toBe(
          deployment.metadata.uid,
        );
        const servicePods = inNamespace('Pod');
        expect(servicePods.length).toBeGreaterThanOrEqual(2);
        expect(servicePods.length).toBeLessThanOrEqual(3);
        for (const pod of servicePods) {
          expect((pod.metadata.ownerReferences as any[])[0].uid).toBe(
            replicaSet.metadata.uid,
          );
          expect((pod.status as any).containerStatuses).toContainEqual(
            expect.objectContaining({ name: service, image, ready: true }),
          );
        }
        const [kubeService] = inNamespace('Service');
        expect(kubeService.metadata.name).toBe(service);
        const selected = pods.filter(
          p =>
            p.metadata.namespace === namespace &&
            matchesLabels(
              (kubeService.spec as any).selector,
              p.metadata.labels,
            ),
        );
        expect(selected).toEqual(servicePods);
      }
    });

    it('labels search-indexer by name only, never with the Backstage id', () => {
      expect(
        objects.some(o => o.metadata.labels?.[ID_LABEL] === 'search-indexer'),
      ).toBe(false);
    });

    it('has ServiceMonitors that select a Service', () => {
      for (const monitor of of('ServiceMonitor')) {
        const selector = (monitor.spec as any).selector.matchLabels;
        expect(
          of('Service').some(
            s =>
              s.metadata.namespace === monitor.metadata.namespace &&
              matchesLabels(selector, s.metadata.labels),
          ),
        ).toBe(true);
      }
    });

    it('has a few Opaque Secrets with data, for tests to prove they are never read', () => {
      const secrets = of('Secret');
      expect(secrets.length).toBeGreaterThanOrEqual(3);
      for (const secret of secrets) {
        expect(secret.type).toBe('Opaque');
        expect(Object.keys(secret.data as object).length).toBeGreaterThan(0);
      }
    });

    it('is served as is by the fake', async () => {
      const server = await startFakeKubeApiServer({ objects });
      try {
        expect(server.list()).toHaveLength(objects.length);
        const listed = await getJson(server, '/api/v1/pods');
        expect(listed.body.items).toHaveLength(pods.length);
        const monitors = await getJson(
          server,
          '/apis/monitoring.coreos.com/v1/servicemonitors',
        );
        expect(monitors.body.items).toHaveLength(of('ServiceMonitor').length);
      } finally {
        await server.close();
      }
    });
  });

  describe('prod-eu-1 specifics', () => {
    const objects = loadFixture('prod-eu-1');
    const find = (kind: string, name: string) =>
      objects.find(o => o.kind === kind && o.metadata.name === name);

    it('runs Istio sidecars in the payments namespace', () => {
      expect(find('Namespace', 'payments')?.metadata.labels).toMatchObject({
        'istio-injection': 'enabled',
      });
      const paymentPods = objects.filter(
        o => o.kind === 'Pod' && o.metadata.namespace === 'payments',
      );
      expect(paymentPods.length).toBeGreaterThanOrEqual(6);
      for (const pod of paymentPods) {
        expect(
          pod.metadata.annotations?.['sidecar.istio.io/status'],
        ).toBeDefined();
        expect((pod.spec as any).containers.map((c: any) => c.name)).toContain(
          'istio-proxy',
        );
      }
    });

    it('has the platform tools the collector recognises', () => {
      const images = objects
        .filter(o =>
          ['Deployment', 'DaemonSet', 'StatefulSet'].includes(o.kind),
        )
        .flatMap(o =>
          (o.spec as any).template.spec.containers.map((c: any) => c.image),
        );
      expect(images).toEqual(
        expect.arrayContaining([
          'quay.io/cilium/cilium:v1.16.3',
          'registry.k8s.io/ingress-nginx/controller:v1.11.3',
          'registry.k8s.io/external-dns/external-dns:v0.15.0',
          'docker.io/falcosecurity/falco:0.39.1',
        ]),
      );
      expect((find('IngressClass', 'nginx')?.spec as any).controller).toBe(
        'k8s.io/ingress-nginx',
      );
      expect((find('StorageClass', 'gp3') as any).provisioner).toBe(
        'ebs.csi.aws.com',
      );
      expect(find('CSIDriver', 'ebs.csi.aws.com')).toBeDefined();
      expect(
        (find('Schedule', 'daily-payments-checkout')?.spec as any).template
          .includedNamespaces,
      ).toEqual(['payments', 'checkout']);
      expect(
        (
          find('Node', 'ip-10-20-1-17.eu-west-1.compute.internal')
            ?.status as any
        ).nodeInfo.containerRuntimeVersion,
      ).toBe('containerd://1.7.22');
    });

    it('sandboxes image-resizer, and only it, in the gvisor RuntimeClass', () => {
      expect((find('RuntimeClass', 'gvisor') as any).handler).toBe('runsc');
      const sandboxed = objects.filter(o => {
        const spec: any =
          o.kind === 'Pod' ? o.spec : (o.spec as any)?.template?.spec;
        return spec?.runtimeClassName === 'gvisor';
      });
      expect(new Set(sandboxed.map(o => o.kind))).toEqual(
        new Set(['Deployment', 'ReplicaSet', 'Pod']),
      );
      expect(
        new Set(sandboxed.map(o => o.metadata.labels?.[ID_LABEL])),
      ).toEqual(new Set(['image-resizer']));
    });
  });

  describe('prod-us-1 specifics', () => {
    const objects = loadFixture('prod-us-1');
    const of = (kind: string) => objects.filter(o => o.kind === kind);

    it('runs Linkerd sidecars in checkout', () => {
      const checkoutPods = of('Pod').filter(
        p => p.metadata.namespace === 'checkout',
      );
      expect(checkoutPods.length).toBeGreaterThanOrEqual(6);
      for (const pod of checkoutPods) {
        expect(pod.metadata.annotations?.['linkerd.io/proxy-version']).toBe(
          'stable-2.14.10',
        );
        expect((pod.spec as any).containers.map((c: any) => c.name)).toContain(
          'linkerd-proxy',
        );
      }
    });

    it('differs from prod-eu-1: Calico, Traefik, Flux, Longhorn, no Velero', () => {
      expect(of('DaemonSet').map(d => d.metadata.name)).toContain(
        'calico-node',
      );
      expect(of('IngressClass').map(i => (i.spec as any).controller)).toEqual(
        expect.arrayContaining([
          'traefik.io/ingress-controller',
          'k8s.io/ingress-nginx',
        ]),
      );
      expect(of('CSIDriver').map(d => d.metadata.name)).toEqual([
        'driver.longhorn.io',
      ]);
      expect(
        of('Kustomization')
          .map(k => k.metadata.name)
          .sort(),
      ).toEqual(CATALOG_SERVICES['prod-us-1'].map(([s]) => s).sort());
      expect(
        of('CustomResourceDefinition').some(c =>
          c.metadata.name.endsWith('.velero.io'),
        ),
      ).toBe(false);
    });

    it('leaves catalog-admin-web without Ingress TLS or a ServiceMonitor', () => {
      const ingress = of('Ingress').find(
        i => i.metadata.name === 'catalog-admin-web',
      );
      expect(ingress).toBeDefined();
      expect((ingress!.spec as any).tls).toBeUndefined();
      expect(
        of('ServiceMonitor').some(s => s.metadata.name === 'catalog-admin-web'),
      ).toBe(false);
    });
  });
});
