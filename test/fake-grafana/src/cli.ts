/**
 * Serves a fake Grafana until SIGINT/SIGTERM, e.g. for the example portal:
 *
 *   yarn workspace @internal/fake-grafana start --port 3001 --example
 */
import { parseArgs } from 'node:util';
import { exampleAlertRules } from './exampleAlertRules';
import { exampleDashboards } from './exampleDashboards';
import { startFakeGrafana } from './server';

const USAGE = `Usage: fake-grafana [options]

  --port <port>     port to listen on, on 127.0.0.1 (default 3001)
  --example         serve the example portal's dashboards and alert rules
                    (default: none)
  --token <token>   bearer token clients must send (default fake-grafana-token)`;

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Invalid --port '${value}'`);
  }
  return port;
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      example: { type: 'boolean' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const dashboards = values.example ? exampleDashboards : [];
  const alertRules = values.example ? exampleAlertRules : [];
  const grafana = await startFakeGrafana({
    port: parsePort(values.port ?? '3001'),
    token: values.token,
    dashboards,
    alertRules,
  });
  const recording = alertRules.filter(rule => rule.record).length;
  process.stdout.write(
    `fake Grafana listening on ${grafana.url} (token ${grafana.token}, ${
      dashboards.length
    } dashboards, ${alertRules.length - recording} alert rules${
      recording
        ? `, ${recording} recording rule${recording === 1 ? '' : 's'}`
        : ''
    })\n`,
  );
  const shutdown = async () => {
    await grafana.close();
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
