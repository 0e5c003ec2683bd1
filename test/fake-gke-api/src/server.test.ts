import { startFakeGkeApi, type FakeGkeApi } from './server';

describe('fake GKE API', () => {
  let gke: FakeGkeApi;
  const get = (path: string, token = 'fake-gke-token') =>
    fetch(`${gke.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    gke = await startFakeGkeApi({
      clusters: [
        {
          project: 'acme-prod',
          location: 'europe-west1',
          name: 'prod-eu',
          endpoint: '34.77.1.2',
          caCertificate: 'PEM',
          resourceLabels: { env: 'prod' },
        },
        {
          project: 'acme-prod',
          location: 'us-central1-a',
          name: 'prod-us',
          endpoint: '35.1.2.3',
          caCertificate: 'PEM',
          dnsEndpoint: 'gke-abc.us-central1.gke.goog',
        },
      ],
    });
  });
  afterAll(() => gke.close());

  it('lists every location with -, one region with its zones, in the API shape', async () => {
    const all = await (
      await get('/v1/projects/acme-prod/locations/-/clusters')
    ).json();
    expect(all.clusters.map((c: any) => c.name)).toEqual([
      'prod-eu',
      'prod-us',
    ]);
    expect(all.clusters[0]).toMatchObject({
      endpoint: '34.77.1.2',
      masterAuth: {
        clusterCaCertificate: Buffer.from('PEM').toString('base64'),
      },
      resourceLabels: { env: 'prod' },
    });
    expect(all.clusters[1].resourceLabels).toBeUndefined();
    expect(
      all.clusters[1].controlPlaneEndpointsConfig.dnsEndpointConfig.endpoint,
    ).toBe('gke-abc.us-central1.gke.goog');
    const us = await (
      await get('/v1/projects/acme-prod/locations/us-central1/clusters')
    ).json();
    expect(us.clusters.map((c: any) => c.name)).toEqual(['prod-us']);
    // No clusters: an empty object, as protobuf JSON leaves an empty list out.
    expect(
      await (
        await get('/v1/projects/acme-prod/locations/asia-east1/clusters')
      ).json(),
    ).toEqual({});
  });

  it("answers Google's errors: a wrong token, an unknown project, an injected failure", async () => {
    const unauthenticated = await get(
      '/v1/projects/acme-prod/locations/-/clusters',
      'other',
    );
    expect(unauthenticated.status).toBe(401);
    expect((await unauthenticated.json()).error.status).toBe('UNAUTHENTICATED');
    // A project whose last cluster went is still the token's to list.
    gke.setClusters([]);
    const emptied = await get('/v1/projects/acme-prod/locations/-/clusters');
    expect([emptied.status, await emptied.json()]).toEqual([200, {}]);
    const denied = await get('/v1/projects/nope/locations/-/clusters');
    expect(denied.status).toBe(403);
    expect((await denied.json()).error).toMatchObject({
      code: 403,
      status: 'PERMISSION_DENIED',
    });
    gke.failNext(1, 503);
    expect(
      (await get('/v1/projects/acme-prod/locations/-/clusters')).status,
    ).toBe(503);
    expect(
      (await get('/v1/projects/acme-prod/locations/-/clusters')).status,
    ).toBe(200);
  });
});
