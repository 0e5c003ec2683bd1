import { spawn } from 'node:child_process';
import { join } from 'node:path';

jest.setTimeout(30_000);

describe('cli', () => {
  it('serves the example dashboards until SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        join(__dirname, 'cli.ts'),
        '--port',
        '0',
        '--example',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>(resolve =>
      child.once('exit', code => resolve(code)),
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', chunk => {
          output += chunk.toString();
          if (output.includes('\n')) resolve(output.trim());
        });
        child.stderr.on('data', chunk => {
          output += chunk.toString();
        });
        child.once('exit', () => reject(new Error(`cli exited: ${output}`)));
      });
      const match =
        /^fake Grafana listening on (http:\/\/127\.0\.0\.1:\d+) \(token fake-grafana-token, 7 dashboards, 4 alert rules, 1 recording rule\)$/.exec(
          line,
        );
      expect(match).not.toBeNull();
      const response = await fetch(`${match![1]}/api/search?tag=payments`, {
        headers: { authorization: 'Bearer fake-grafana-token' },
      });
      expect(
        (await response.json()).map((hit: { uid: string }) => hit.uid),
      ).toEqual(['payments-api', 'payments-ledger']);
      const rules = await fetch(`${match![1]}/api/ruler/grafana/api/v1/rules`, {
        headers: { authorization: 'Bearer fake-grafana-token' },
      });
      expect(Object.keys(await rules.json())).toEqual([
        'Checkout',
        'Checkout/Cart',
        'Platform',
      ]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
