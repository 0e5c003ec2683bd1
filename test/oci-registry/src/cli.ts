/**
 * Runs docker-registry until SIGINT/SIGTERM, e.g. for the example portal:
 *
 *   yarn workspace @internal/oci-registry-testkit start --port 5000 --example
 */
import { parseArgs } from 'node:util';
import { exampleImagesDay, pushExampleImages } from './exampleImages';
import { startRegistry } from './registryProcess';

const USAGE = `Usage: oci-registry [options]

  --port <port>   port on 127.0.0.1 (default 5000)
  --example       push the example portal's images
  --example-day <YYYY-MM-DD>
                  the day they are built for (default today, UTC); the fake
                  clusters must be given the same day to run the same digests
  --help          show this`;

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5000' },
      example: { type: 'boolean', default: false },
      'example-day': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const day = exampleImagesDay(values['example-day']);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`Invalid --port '${values.port}'\n\n${USAGE}`);
  }

  const registry = await startRegistry({ port });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    registry.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  let pushed = '';
  if (values.example) {
    const images = await pushExampleImages(registry.url, day);
    const repositories = new Set(images.map(i => i.repository)).size;
    const tags = images.reduce((n, i) => n + i.tags.length, 0);
    pushed = ` with ${tags} example tags in ${repositories} repositories, built as of ${day
      .toISOString()
      .slice(0, 10)}`;
  }
  process.stdout.write(`OCI registry listening on ${registry.url}${pushed}\n`);
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
