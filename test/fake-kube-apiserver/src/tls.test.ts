import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startFakeKubeApiServer } from './server';
import { generateTestPki, type TestPki } from './testPki';
import { namespace, pod } from './testUtils';
import type { FakeKubeApiServer } from './types';

const base64 = (pem: string) => Buffer.from(pem).toString('base64');

/** The real client, trusting `ca`, as the user given. */
function clientFor(
  server: FakeKubeApiServer,
  ca: string,
  user: { token?: string; cert?: string; key?: string },
) {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'fake', server: server.url, caData: base64(ca) }],
    users: [
      {
        name: 'fake',
        ...(user.token ? { token: user.token } : {}),
        ...(user.cert && user.key
          ? { certData: base64(user.cert), keyData: base64(user.key) }
          : {}),
      },
    ],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'fake' }],
    currentContext: 'fake',
  });
  return kubeConfig.makeApiClient(CoreV1Api);
}

describe('the fake over HTTPS', () => {
  let pki: TestPki;
  let stranger: TestPki;
  let server: FakeKubeApiServer;

  beforeAll(() => {
    pki = generateTestPki({ user: 'runtime-stack', groups: ['collectors'] });
    stranger = generateTestPki();
  });

  beforeEach(async () => {
    server = await startFakeKubeApiServer({
      tls: { ...pki.server, clientCa: pki.ca.cert },
      objects: [namespace('checkout'), pod('checkout', 'web-1', {})],
    });
  });

  afterEach(() => server.close());

  it('serves HTTPS with a certificate its CA signed, to a token', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const pods = await clientFor(server, pki.ca.cert, {
      token: server.token,
    }).listPodForAllNamespaces();
    expect(pods.items.map(p => p.metadata?.name)).toEqual(['web-1']);
    expect(server.requests[0].clientCertificateUser).toBeUndefined();
  });

  it('authenticates a client certificate its CA signed, as its CN', async () => {
    const pods = await clientFor(server, pki.ca.cert, {
      ...pki.client,
    }).listPodForAllNamespaces();
    expect(pods.items).toHaveLength(1);
    expect(server.requests[0].clientCertificateUser).toBe('runtime-stack');
  });

  it('refuses a client certificate another CA signed', async () => {
    await expect(
      clientFor(server, pki.ca.cert, {
        ...stranger.client,
      }).listPodForAllNamespaces(),
    ).rejects.toThrow(/401/);
  });

  it('is refused by a client that trusts another CA', async () => {
    await expect(
      clientFor(server, stranger.ca.cert, {
        token: server.token,
      }).listPodForAllNamespaces(),
    ).rejects.toThrow(/certificate/i);
    expect(server.requests).toEqual([]);
  });
});
