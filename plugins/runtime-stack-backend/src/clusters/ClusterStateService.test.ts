import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ClusterDirectory } from './ClusterDirectory';
import type { Entity } from '@backstage/catalog-model';
import {
  loadFixture,
  startFakeKubeApiServer,
  type FakeKubeApiServer,
} from '@internal/fake-kube-apiserver';
import {
  defaultDetectionRules,
  defaultLayerModel,
  detectClusterTools,
  detectServiceTools,
} from '@internal/backstage-plugin-runtime-stack-common';
import { migrateToLatest } from '../database/migrations';
import { ClusterCollectionService } from './ClusterCollectionService';
import { ConfigReader } from '@backstage/config';
import {
  readCollectionSettings,
  type ClusterDefinition,
} from './clusterConfig';
import { ClusterSnapshotStore } from './ClusterSnapshotStore';
import { ClusterStateService } from './ClusterStateService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments-team',
  },
});

describe.each(databases.eachSupportedId())(
  'ClusterStateService on %s',
  databaseId => {
    let servers: FakeKubeApiServer[];
    let clusters: ClusterDefinition[];
    let store: ClusterSnapshotStore;
    let now: Date;
    let state: ClusterStateService;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      store = new ClusterSnapshotStore(knex);
      servers = await Promise.all(
        ['prod-eu-1', 'prod-us-1'].map(name =>
          startFakeKubeApiServer({ objects: loadFixture(name) }),
        ),
      );
      clusters = [
        {
          name: 'prod-eu-1',
          url: servers[0].url,
          serviceAccountToken: servers[0].token,
          skipTLSVerify: false,
          dashboardUrl: 'https://dashboards.example.com/prod-eu-1',
          dashboardApp: 'standard',
        },
        {
          name: 'prod-us-1',
          url: servers[1].url,
          serviceAccountToken: servers[1].token,
          skipTLSVerify: false,
        },
        // Configured but never reachable.
        {
          name: 'staging-eu-1',
          url: 'http://127.0.0.1:9',
          serviceAccountToken: 'x',
          skipTLSVerify: false,
        },
      ];
      const collection = new ClusterCollectionService({
        clusters: new ClusterDirectory(clusters),
        settings: readCollectionSettings(
          new ConfigReader({
            runtimeStack: {
              clusters: { watch: false, requestTimeout: { seconds: 2 } },
            },
          }),
        ),
        store,
        logger: mockServices.logger.mock(),
        detectPlatform: objects =>
          detectClusterTools(objects, defaultDetectionRules, defaultLayerModel),
      });
      for (const cluster of clusters) {
        await collection
          .run(cluster, new AbortController().signal)
          .catch(() => undefined);
      }
      now = new Date();
      state = new ClusterStateService({
        clusters: new ClusterDirectory(clusters),
        store,
        staleAfterMs: 15 * 60_000,
        now: () => now,
        detectServiceTools: input =>
          detectServiceTools(input, defaultDetectionRules, defaultLayerModel),
      });
    });

    afterAll(async () => {
      await Promise.all(servers.map(s => s.close()));
    });

    it('lists every configured cluster with its freshness and platform', async () => {
      const summaries = await state.clusters();
      expect(summaries.map(s => s.name)).toEqual([
        'prod-eu-1',
        'prod-us-1',
        'staging-eu-1',
      ]);
      const [eu, us, staging] = summaries;
      expect(eu).toMatchObject({
        stale: false,
        dashboardUrl: 'https://dashboards.example.com/prod-eu-1',
        dashboardApp: 'standard',
      });
      expect(us).not.toHaveProperty('dashboardUrl');
      expect(eu.platformTools.map(t => t.tool)).toContain('cilium');
      expect(us.platformTools.map(t => t.tool)).toEqual(
        expect.arrayContaining(['calico', 'linkerd', 'flux']),
      );
      expect(us.platformTools.map(t => t.tool)).not.toContain('cilium');
      expect(staging).toMatchObject({ stale: true, objectCount: 0 });
      expect(staging.lastError).toMatch(/staging-eu-1/);
      const cilium = eu.platformTools.find(t => t.tool === 'cilium')!;
      expect(cilium.evidence[0]).toMatchObject({
        kind: expect.any(String),
        name: expect.any(String),
        field: expect.any(String),
      });
    });

    it('finds a service by kubernetes-id within its namespace and cluster annotations', async () => {
      const result = await state.entityClusters(
        component('payments-api', {
          'backstage.io/kubernetes-id': 'payments-api',
          'backstage.io/kubernetes-namespace': 'payments',
          'backstage.io/kubernetes-cluster': 'prod-eu-1',
        }),
      );
      expect(result.selector).toEqual({
        labelSelector: 'backstage.io/kubernetes-id=payments-api',
        namespace: 'payments',
        cluster: 'prod-eu-1',
      });
      expect(result.clusters.map(c => c.cluster)).toEqual(['prod-eu-1']);
      expect(result.unavailable).toEqual([]);
      const [eu] = result.clusters;
      expect(eu.namespaces).toEqual(['payments']);
      const deployment = eu.workloads.find(w => w.kind === 'Deployment')!;
      expect(deployment.name).toBe('payments-api');
      expect(deployment.pods.total).toBeGreaterThanOrEqual(2);
      expect(deployment.pods.running).toBe(deployment.pods.total);
      expect(deployment.images[0]).toMatch(/payments-api/);
      expect(eu.objects.map(o => o.kind)).toEqual(
        expect.arrayContaining(['Deployment', 'Pod', 'Service']),
      );
      const tools = eu.tools.map(t => t.tool);
      expect(tools).toEqual(
        expect.arrayContaining(['istio', 'ingress-nginx', 'cert-manager']),
      );
      expect(tools).not.toContain('linkerd');
      const mesh = eu.tools.find(t => t.tool === 'istio')!;
      expect(
        mesh.evidence.some(e => e.kind === 'Pod' && e.namespace === 'payments'),
      ).toBe(true);
    });

    it("finds the Gatekeeper constraints that reach a service's namespace, whatever kind their template made", async () => {
      const result = await state.entityClusters(
        component('checkout-api', {
          'backstage.io/kubernetes-id': 'checkout-api',
        }),
      );
      const us = result.clusters.find(c => c.cluster === 'prod-us-1')!;
      const gatekeeper = us.tools.find(t => t.tool === 'opa-gatekeeper');
      expect(gatekeeper?.evidence).toEqual([
        expect.objectContaining({
          kind: 'K8sRequiredLabels',
          name: 'deployments-must-have-team',
        }),
      ]);
    });

    it('shows a service on every cluster it runs on when no cluster is annotated, and names the clusters it could not check', async () => {
      const result = await state.entityClusters(
        component('cart-service', {
          'backstage.io/kubernetes-id': 'cart-service',
        }),
      );
      expect(result.clusters.map(c => c.cluster)).toEqual([
        'prod-eu-1',
        'prod-us-1',
      ]);
      expect(result.unavailable).toEqual([
        {
          cluster: 'staging-eu-1',
          lastError: expect.stringContaining('staging-eu-1'),
        },
      ]);
      // Each cluster reports what the service uses there: the meshes differ.
      const [eu, us] = result.clusters;
      expect(eu.tools.map(t => t.tool)).not.toContain('linkerd');
      expect(us.tools.map(t => t.tool)).toContain('linkerd');
      // And what it runs with there because every workload on the cluster
      // does: each cluster's own network, none of its opt-in tools.
      const provided = (view: typeof eu) =>
        (view.providedByCluster ?? []).map(t => `${t.capability}=${t.tool}`);
      expect(provided(eu)).toContain('cni-networking=cilium');
      expect(provided(us)).toContain('cni-networking=calico');
      expect(provided(us)).not.toContain('cni-networking=cilium');
      for (const view of [eu, us]) {
        expect(provided(view)).toEqual(
          expect.arrayContaining([
            'container-runtime=containerd',
            'service-discovery=coredns',
          ]),
        );
        expect(provided(view).some(p => p.startsWith('gitops='))).toBe(false);
      }
      // prod-eu-1 offers gVisor through a RuntimeClass; cart-service does not
      // name it, so it does not run in it.
      expect(provided(eu)).not.toContain('container-runtime=gvisor');
      expect(eu.tools.map(t => t.tool)).not.toContain('gvisor');
      const cilium = eu.providedByCluster!.find(t => t.tool === 'cilium')!;
      expect(cilium.evidence[0]).toMatchObject({ field: expect.any(String) });
    });

    it('finds the sandbox a service runs in through the RuntimeClass its pod template names', async () => {
      const result = await state.entityClusters(
        component('image-resizer', {
          'backstage.io/kubernetes-id': 'image-resizer',
          'backstage.io/kubernetes-cluster': 'prod-eu-1',
        }),
      );
      const [eu] = result.clusters;
      const sandbox = eu.tools.find(t => t.tool === 'gvisor')!;
      expect(sandbox).toMatchObject({ capability: 'container-runtime' });
      expect(sandbox.evidence).toEqual([
        expect.objectContaining({
          kind: 'Deployment',
          name: 'image-resizer',
          field: 'spec.template.spec.runtimeClassName',
          value: 'gvisor',
        }),
        expect.objectContaining({
          kind: 'RuntimeClass',
          name: 'gvisor',
          field: 'spec.handler',
          value: 'runsc',
        }),
      ]);
      // Its nodes' runtime is still provided by the cluster, beside the sandbox.
      expect(
        eu.providedByCluster!.map(t => `${t.capability}=${t.tool}`),
      ).toContain('container-runtime=containerd');
    });

    it('finds the Trivy scan of the image a service runs, with its counts by severity', async () => {
      const scanned = async (name: string) => {
        const result = await state.entityClusters(
          component(name, {
            'backstage.io/kubernetes-id': name,
            'backstage.io/kubernetes-cluster': 'prod-eu-1',
          }),
        );
        return result.clusters[0].tools.find(t => t.tool === 'trivy');
      };
      expect(await scanned('cart-service')).toMatchObject({
        capability: 'build-security',
        evidence: [
          {
            kind: 'VulnerabilityReport',
            namespace: 'checkout',
            name: 'replicaset-cart-service-9b4k2b5nd8-cart-service',
            field: 'report.summary',
            value: 'critical 1 · high 3 · medium 8 · low 15',
          },
        ],
      });
      // The operator scans payments and checkout only.
      expect(await scanned('catalog-api')).toBeUndefined();
    });

    it('looks only on the clusters a service depends on with the catalogRelation locator', async () => {
      const byRelation = new ClusterStateService({
        clusters: new ClusterDirectory(clusters),
        serviceLocator: 'catalogRelation',
        store,
        staleAfterMs: 15 * 60_000,
        now: () => now,
        detectServiceTools: () => [],
      });
      const dependingOn = (...targetRefs: string[]): Entity => ({
        ...component('cart-service', {
          'backstage.io/kubernetes-id': 'cart-service',
        }),
        relations: targetRefs.map(targetRef => ({
          type: 'dependsOn',
          targetRef,
        })),
      });

      const onUs = await byRelation.entityClusters(
        dependingOn('resource:default/prod-us-1', 'component:default/x'),
      );
      expect(onUs.clusters.map(c => c.cluster)).toEqual(['prod-us-1']);
      expect(onUs.selector.dependsOnClusters).toEqual(['prod-us-1']);
      // The staging cluster is not looked at, so not reported as unchecked.
      expect(onUs.unavailable).toEqual([]);
      expect(
        await byRelation.entityClusterNames(
          dependingOn('resource:default/prod-us-1'),
        ),
      ).toEqual(['prod-us-1']);

      // As the Kubernetes plugin: a Resource in another namespace, or no
      // relation at all, is no cluster.
      const none = await byRelation.entityClusters(
        dependingOn('resource:platform/prod-eu-1'),
      );
      expect(none.clusters).toEqual([]);
      expect(none.selector.dependsOnClusters).toEqual([]);
      expect((await byRelation.entityObjects(dependingOn())).size).toBe(0);
    });

    it('matches by the label selector annotation the way the Kubernetes plugin does', async () => {
      const result = await state.entityClusters(
        component('search-indexer', {
          'backstage.io/kubernetes-label-selector':
            'app.kubernetes.io/name=search-indexer',
          'backstage.io/kubernetes-namespace': 'catalog',
        }),
      );
      expect(result.clusters.map(c => c.cluster)).toEqual(['prod-eu-1']);
      expect(result.clusters[0].workloads.map(w => w.name)).toContain(
        'search-indexer',
      );
      expect(
        result.clusters[0].objects.every(o => o.namespace === 'catalog'),
      ).toBe(true);
    });

    it('reads a label selector as Kubernetes does, without whitespace around in', async () => {
      const result = await state.entityClusters(
        component('search-indexer', {
          'backstage.io/kubernetes-label-selector':
            'app.kubernetes.io/name in(search-indexer,search-api),!legacy',
          'backstage.io/kubernetes-namespace': 'catalog',
        }),
      );
      expect(result.selector).not.toHaveProperty('problem');
      expect(result.clusters.map(c => c.cluster)).toEqual(['prod-eu-1']);
      expect(result.clusters[0].workloads.map(w => w.name)).toContain(
        'search-indexer',
      );
    });

    it('matches nothing by a label selector it cannot read, and says why instead of failing', async () => {
      const unreadable = component('search-indexer', {
        'backstage.io/kubernetes-label-selector':
          'app.kubernetes.io/name=search-indexer,what is this',
      });
      const result = await state.entityClusters(unreadable);
      expect(result.clusters).toEqual([]);
      expect(result.selector).toEqual({
        labelSelector: 'app.kubernetes.io/name=search-indexer,what is this',
        problem: expect.stringMatching(
          /^The backstage\.io\/kubernetes-label-selector annotation cannot be read, so it matches no objects: Invalid label selector '.*': found 'is' after 'what'/,
        ),
      });
      // Never-collected clusters are still named, as for any service.
      expect(result.unavailable.map(u => u.cluster)).toEqual(['staging-eu-1']);
      expect(await state.entityClusterNames(unreadable)).toEqual([]);
      expect((await state.entityObjects(unreadable)).size).toBe(0);

      // One made of a kubernetes-id the API server would refuse names that.
      const badId = await state.entityClusters(
        component('cart-service', {
          'backstage.io/kubernetes-id': 'cart service',
        }),
      );
      expect(badId.clusters).toEqual([]);
      expect(badId.selector.problem).toMatch(
        /^The backstage\.io\/kubernetes-id annotation cannot be read/,
      );
    });

    it('counts only the Kubernetes tab’s kinds as a service’s objects by kubernetes-id, as by label selector', async () => {
      const cart = component('cart-service', {
        'backstage.io/kubernetes-id': 'cart-service',
      });
      const byId = await state.entityClusters(cart);
      const [eu, us] = byId.clusters;
      // Its Argo CD Application and Flux Kustomization carry its label, in
      // the GitOps tools' namespaces: they deploy it, they are not it.
      expect(eu.namespaces).toEqual(['checkout']);
      expect(us.namespaces).toEqual(['checkout']);
      for (const view of [eu, us]) {
        expect(view.objects.map(o => o.kind)).not.toContain('Application');
        expect(view.objects.map(o => o.kind)).not.toContain('Kustomization');
      }
      // Still read as context, which tells what deploys it.
      expect(eu.tools.map(t => t.tool)).toContain('argo-cd');

      const bySelector = await state.entityClusters(
        component('cart-service', {
          'backstage.io/kubernetes-label-selector':
            'backstage.io/kubernetes-id in (cart-service)',
        }),
      );
      expect(bySelector.clusters.map(c => c.objects)).toEqual(
        byId.clusters.map(c => c.objects),
      );
    });

    it('does not take a cluster holding only platform objects labelled for a service as one it runs on', async () => {
      const labelled = (
        apiVersion: string,
        kind: string,
        name: string,
        namespace?: string,
      ) => ({
        apiVersion,
        kind,
        metadata: {
          name,
          ...(namespace ? { namespace } : {}),
          labels: { 'backstage.io/kubernetes-id': 'cart-service' },
        },
      });
      // A management cluster: it deploys cart-service elsewhere.
      await store.replaceSnapshot('mgmt-eu-1', {
        objects: [
          labelled('argoproj.io/v1alpha1', 'Application', 'cart', 'argocd'),
          labelled('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'cart', 'flux'),
          labelled('v1', 'Namespace', 'checkout'),
          labelled(
            'apiextensions.k8s.io/v1',
            'CustomResourceDefinition',
            'carts.example.com',
          ),
        ],
        collectedAt: new Date(),
        warnings: [],
        platformTools: [],
      });
      const withManagement = new ClusterStateService({
        clusters: new ClusterDirectory([
          ...clusters,
          { ...clusters[0], name: 'mgmt-eu-1' },
        ]),
        store,
        staleAfterMs: 15 * 60_000,
        now: () => now,
        detectServiceTools: () => [],
      });
      const cart = component('cart-service', {
        'backstage.io/kubernetes-id': 'cart-service',
      });
      expect(await withManagement.entityClusterNames(cart)).toEqual([
        'prod-eu-1',
        'prod-us-1',
      ]);
      const view = await withManagement.entityClusters(cart);
      expect(view.clusters.map(c => c.cluster)).toEqual([
        'prod-eu-1',
        'prod-us-1',
      ]);
      expect((await withManagement.entityObjects(cart)).has('mgmt-eu-1')).toBe(
        false,
      );
    });

    it('falls back to the entity name as kubernetes-id, and finds nothing for an unknown service', async () => {
      const byName = await state.entityClusters(component('checkout-web', {}));
      expect(byName.clusters.map(c => c.cluster)).toEqual(['prod-us-1']);
      const none = await state.entityClusters(component('no-such-service', {}));
      expect(none.clusters).toEqual([]);
    });

    it('marks data stale once it is older than staleAfter', async () => {
      now = new Date(Date.now() + 16 * 60_000);
      const result = await state.entityClusters(
        component('checkout-api', {
          'backstage.io/kubernetes-id': 'checkout-api',
        }),
      );
      expect(result.clusters[0]).toMatchObject({ stale: true });
      expect(result.clusters[0].ageSeconds).toBeGreaterThanOrEqual(16 * 60 - 1);
      now = new Date();
    });

    // Last: it leaves prod-us-1 failing for whatever would run after it.
    it('names a failing cluster as not checked when its last good data lacks the service', async () => {
      const newService = component('payouts', {
        'backstage.io/kubernetes-id': 'payouts',
      });
      const before = await state.entityClusters(newService);
      expect(before.unavailable.map(u => u.cluster)).toEqual(['staging-eu-1']);

      await store.recordFailure(
        'prod-us-1',
        'prod-us-1: GET /api/v1/pods answered 401',
        new Date(),
      );
      const after = await state.entityClusters(newService);
      expect(after.clusters).toEqual([]);
      // Deployed since its last good data, perhaps: not known to be absent.
      expect(after.unavailable).toEqual([
        {
          cluster: 'prod-us-1',
          lastError: 'prod-us-1: GET /api/v1/pods answered 401',
        },
        expect.objectContaining({ cluster: 'staging-eu-1' }),
      ]);
      // Where the service has objects, the cluster shows with them as before.
      const checkout = await state.entityClusters(
        component('checkout-web', {}),
      );
      expect(checkout.clusters.map(c => c.cluster)).toEqual(['prod-us-1']);
      expect(checkout.unavailable.map(u => u.cluster)).toEqual([
        'staging-eu-1',
      ]);
    });
  },
);
