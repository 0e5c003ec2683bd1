import { startFakeKubeApiServer } from './server';
import { getJson, namespace, openWatch } from './testUtils';
import type { FakeKubeApiServer, KubeObject } from './types';

const certificateCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'certificates.cert-manager.io' },
  spec: {
    group: 'cert-manager.io',
    scope: 'Namespaced',
    names: {
      plural: 'certificates',
      singular: 'certificate',
      kind: 'Certificate',
      shortNames: ['cert'],
    },
    versions: [
      { name: 'v1', served: true, storage: true },
      { name: 'v1beta1', served: false, storage: false },
    ],
  },
};

const clusterIssuerCrd: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'clusterissuers.cert-manager.io' },
  spec: {
    group: 'cert-manager.io',
    scope: 'Cluster',
    names: { plural: 'clusterissuers', kind: 'ClusterIssuer' },
    versions: [{ name: 'v1', served: true, storage: true }],
  },
};

const certificate: KubeObject = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: {
    name: 'checkout-web',
    namespace: 'checkout',
    labels: { app: 'checkout-web' },
  },
  spec: { secretName: 'checkout-web-tls', dnsNames: ['checkout.example.com'] },
};

describe('custom resources', () => {
  let server: FakeKubeApiServer;

  beforeEach(async () => {
    server = await startFakeKubeApiServer({
      objects: [namespace('checkout'), certificate],
    });
  });

  afterEach(() => server.close());

  it('are served only while their CRD exists', async () => {
    const path = '/apis/cert-manager.io/v1/namespaces/checkout/certificates';
    expect((await getJson(server, path)).status).toBe(404);

    server.apply(certificateCrd);
    const list = await getJson(server, path);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      kind: 'CertificateList',
      apiVersion: 'cert-manager.io/v1',
      // Custom resource lists are unstructured: their items keep kind and apiVersion.
      items: [
        {
          kind: 'Certificate',
          apiVersion: 'cert-manager.io/v1',
          metadata: { name: 'checkout-web', namespace: 'checkout' },
          spec: { secretName: 'checkout-web-tls' },
        },
      ],
    });
    expect(
      (
        await getJson(
          server,
          '/apis/cert-manager.io/v1/certificates?labelSelector=app%3Dcheckout-web',
        )
      ).body.items,
    ).toHaveLength(1);

    server.remove({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      name: 'certificates.cert-manager.io',
    });
    expect((await getJson(server, path)).status).toBe(404);
  });

  it("are served at the CRD's served versions only", async () => {
    server.apply(certificateCrd);
    expect(
      (await getJson(server, '/apis/cert-manager.io/v1beta1/certificates'))
        .status,
    ).toBe(404);
    const discovery = await getJson(server, '/apis/cert-manager.io/v1');
    expect(discovery.body.resources).toEqual([
      expect.objectContaining({
        name: 'certificates',
        kind: 'Certificate',
        namespaced: true,
        shortNames: ['cert'],
      }),
    ]);
    const groups = await getJson(server, '/apis');
    expect(groups.body.groups).toContainEqual(
      expect.objectContaining({
        name: 'cert-manager.io',
        preferredVersion: { groupVersion: 'cert-manager.io/v1', version: 'v1' },
      }),
    );
  });

  it('take their scope from the CRD', async () => {
    server.apply(clusterIssuerCrd);
    server.apply({
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'letsencrypt-prod' },
      spec: {
        acme: { server: 'https://acme-v02.api.letsencrypt.org/directory' },
      },
    });
    const list = await getJson(
      server,
      '/apis/cert-manager.io/v1/clusterissuers',
    );
    expect(list.body.items.map((i: any) => i.metadata)).toEqual([
      expect.not.objectContaining({ namespace: expect.anything() }),
    ]);
    expect(
      (
        await getJson(
          server,
          '/apis/cert-manager.io/v1/clusterissuers/letsencrypt-prod',
        )
      ).body.kind,
    ).toBe('ClusterIssuer');
    expect(
      (
        await getJson(
          server,
          '/apis/cert-manager.io/v1/namespaces/checkout/clusterissuers',
        )
      ).status,
    ).toBe(404);
  });

  it('can be watched like built-ins', async () => {
    server.apply(certificateCrd);
    const watch = await openWatch(
      server,
      '/apis/cert-manager.io/v1/certificates?watch=1',
    );
    await watch.waitFor(e => e.type === 'ADDED');
    server.apply({ ...certificate, spec: { secretName: 'renewed' } });
    const modified = await watch.waitFor(e => e.type === 'MODIFIED');
    expect(modified.object).toMatchObject({
      kind: 'Certificate',
      apiVersion: 'cert-manager.io/v1',
      spec: { secretName: 'renewed' },
    });
    watch.close();
  });

  it('are served from initial objects whatever their order', async () => {
    const other = await startFakeKubeApiServer({
      objects: [certificate, certificateCrd, namespace('checkout')],
    });
    try {
      expect(
        (await getJson(other, '/apis/cert-manager.io/v1/certificates')).body
          .items,
      ).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
