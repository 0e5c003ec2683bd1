/**
 * Serves fixture or synthetic clusters until SIGINT/SIGTERM, e.g. for the
 * example portal:
 *
 *   yarn workspace @internal/fake-kube-apiserver start --fixture prod-eu-1 --port 6443
 *   yarn workspace @internal/fake-kube-apiserver start --clusters prod-eu-1:6443,prod-us-1:6444 --example-images --tls-dir ../../.cache/fake-kube-tls
 *   yarn workspace @internal/fake-kube-apiserver start --synthetic-services 5000 --pods-per-service 20
 */
import { parseArgs } from 'node:util';
import {
  exampleImagesDay,
  exampleRunningDigests,
} from '@internal/oci-registry-testkit';
import { fixtureNames, loadFixture } from './fixtures';
import { freshScanReports } from './freshScanReports';
import { startFakeKubeApiServer } from './server';
import { pinImageDigests } from './pinImageDigests';
import { generateSyntheticEstate } from './syntheticEstate';
import { serverCertificate } from './tlsDir';
import type { FakeKubeApiServer, KubeObject } from './types';

const USAGE = `Usage: fake-kube-apiserver [options]

  --fixture <name>              serve one fixture cluster (${fixtureNames().join(
    ', ',
  )})
  --port <port>                 its port (default 6443)
  --clusters <name:port,...>    serve several fixture clusters at once
  --synthetic-services <n>      serve a generated cluster of n services instead
  --pods-per-service <m>        pods per generated service (default 10)
  --token <token>               bearer token clients must send (default fake-token)
  --host <host>                 address to listen on (default 127.0.0.1)
  --latency <ms>                delay before every response (default 0)
  --example-images              fixture pods report the digests of the example
                                registry's images (oci-registry-testkit
                                --example) as their imageID
  --example-day <YYYY-MM-DD>    the day those images are built for (default
                                today, UTC); give the registry the same day
  --tls-dir <dir>               serve HTTPS with dir's tls.crt and tls.key,
                                made with a CA (ca.crt, for clients' caFile)
                                when the dir has none
  --verbose                     log every request to stderr

Without --fixture, --clusters or --synthetic-services, every fixture is
served on consecutive ports from --port.`;

interface ClusterToServe {
  name: string;
  port: number;
  objects: () => KubeObject[];
}

function parsePort(value: string, what: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid port for ${what}: '${value}'`);
  }
  return port;
}

function clustersToServe(
  values: Record<string, string | boolean | undefined>,
): ClusterToServe[] {
  const port = parsePort(
    (values.port as string | undefined) ?? '6443',
    '--port',
  );
  if (values['synthetic-services'] !== undefined) {
    const services = Number(values['synthetic-services']);
    const podsPerService = Number(values['pods-per-service'] ?? '10');
    if (
      !Number.isInteger(services) ||
      services < 1 ||
      !Number.isInteger(podsPerService) ||
      podsPerService < 1
    ) {
      throw new Error(
        '--synthetic-services and --pods-per-service must be positive integers',
      );
    }
    return [
      {
        name: 'synthetic',
        port,
        objects: () =>
          generateSyntheticEstate({
            cluster: 'synthetic',
            services,
            podsPerService,
          }),
      },
    ];
  }
  if (values.clusters !== undefined) {
    return (values.clusters as string).split(',').map(spec => {
      const [name, clusterPort] = spec.split(':');
      if (!name || clusterPort === undefined) {
        throw new Error(
          `Invalid --clusters entry '${spec}', expected <name>:<port>`,
        );
      }
      return {
        name,
        port: parsePort(clusterPort, name),
        objects: () => loadFixture(name),
      };
    });
  }
  const names = values.fixture ? [values.fixture as string] : fixtureNames();
  return names.map((name, i) => ({
    name,
    port: port === 0 ? 0 : port + i,
    objects: () => loadFixture(name),
  }));
}

async function main() {
  const { values } = parseArgs({
    options: {
      fixture: { type: 'string' },
      port: { type: 'string' },
      clusters: { type: 'string' },
      'synthetic-services': { type: 'string' },
      'pods-per-service': { type: 'string' },
      token: { type: 'string' },
      host: { type: 'string' },
      latency: { type: 'string' },
      'example-images': { type: 'boolean' },
      'example-day': { type: 'string' },
      'tls-dir': { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const runningDigests = values['example-images']
    ? exampleRunningDigests(exampleImagesDay(values['example-day']))
    : undefined;
  const tls = values['tls-dir']
    ? await serverCertificate(values['tls-dir'])
    : undefined;
  const servers: FakeKubeApiServer[] = [];
  for (const cluster of clustersToServe(values)) {
    // The example portal's clusters look live: the pods pulled what the
    // example registry holds, and the scanner ran lately.
    const objects = runningDigests
      ? freshScanReports(
          pinImageDigests(cluster.objects(), runningDigests),
          new Date(),
        )
      : cluster.objects();
    const server = await startFakeKubeApiServer({
      objects,
      port: cluster.port,
      host: values.host,
      token: values.token,
      tls,
      latencyMs: values.latency ? Number(values.latency) : undefined,
      recordRequests: false,
      log: values.verbose
        ? line => process.stderr.write(`[${cluster.name}] ${line}\n`)
        : undefined,
    });
    servers.push(server);
    process.stdout.write(
      `fake cluster ${cluster.name} at ${server.url} (token ${server.token}, ${objects.length} objects)\n`,
    );
  }

  const shutdown = async () => {
    await Promise.all(servers.map(server => server.close()));
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.message : error}\n\n${USAGE}\n`,
  );
  process.exit(1);
});
