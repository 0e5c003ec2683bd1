/*
 * The bench's clusters, in a process of their own so that their memory and
 * CPU do not count against the collector's. Started by clusters.bench.ts
 * over IPC: it answers with the clusters' URLs and their CA, then applies
 * the objects it is sent and says when each is in the fake API. They serve
 * HTTPS, as real API servers do, so connection set-up costs what it does
 * against a cluster.
 */
import {
  generateSyntheticEstate,
  generateTestPki,
  startFakeKubeApiServer,
  type FakeKubeApiServer,
  type KubeObject,
} from '@internal/fake-kube-apiserver';

type Message =
  | { type: 'apply'; id: number; cluster: number; object: KubeObject }
  | { type: 'stop' };

async function main() {
  const [clusters, servicesPerCluster, podsPerService] = process.argv
    .slice(2)
    .map(Number);
  const pki = generateTestPki();
  const servers: FakeKubeApiServer[] = [];
  for (let c = 0; c < clusters; c++) {
    servers.push(
      await startFakeKubeApiServer({
        objects: generateSyntheticEstate({
          cluster: `bench-${c}`,
          services: servicesPerCluster,
          podsPerService,
          firstService: c * servicesPerCluster + 1,
          seed: c + 1,
        }),
        bookmarkIntervalMs: 5_000,
        tls: pki.server,
      }),
    );
  }
  process.on('message', async (message: Message) => {
    if (message?.type === 'stop') {
      await Promise.all(servers.map(s => s.close()));
      process.exit(0);
    }
    if (message?.type !== 'apply') return;
    servers[message.cluster].apply(message.object);
    process.send!({ type: 'applied', id: message.id });
  });
  process.send!({
    type: 'ready',
    clusters: servers.map((s, c) => ({
      name: `bench-${c}`,
      url: s.url,
      token: s.token,
      caData: Buffer.from(pki.ca.cert).toString('base64'),
      objects: s.list().length,
      pods: s.list().filter(o => o.kind === 'Pod').length,
    })),
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
