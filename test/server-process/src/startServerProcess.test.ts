import { existsSync, realpathSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary } from './findBinary';
import { assertPortFree, findFreePort } from './freePort';
import { startServerProcess } from './startServerProcess';

jest.setTimeout(30_000);

/** A server script for `node -e`; its port is the first argument. */
function httpServerScript(readyStatus: number): string {
  return `
    const server = require('node:http').createServer((request, response) => {
      response.statusCode = request.url === '/ready' ? ${readyStatus} : 404;
      response.end();
    });
    server.listen(Number(process.argv[1]), '127.0.0.1', () =>
      console.log('listening'),
    );
  `;
}

/** A temporary directory, and a start of `node -e script` that owns it. */
async function nodeServer(
  script: string,
  overrides: { port?: number; startTimeoutMs?: number; cwd?: string } = {},
) {
  const directory = await mkdtemp(join(tmpdir(), 'server-process-test-'));
  const start = () =>
    startServerProcess({
      binary: process.execPath,
      directory,
      args: port => ['-e', script, String(port)],
      readyPath: '/ready',
      readyStatuses: [200],
      pollIntervalMs: 20,
      startTimeoutMs: overrides.startTimeoutMs ?? 10_000,
      outputChars: 1000,
      port: overrides.port,
      cwd: overrides.cwd,
    });
  return { directory, start };
}

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('findFreePort and assertPortFree', () => {
  it('finds a port assertPortFree accepts, and rejects one in use', async () => {
    const port = await findFreePort();
    await expect(assertPortFree(port)).resolves.toBeUndefined();
    const server = await listenOn(port);
    try {
      await expect(assertPortFree(port)).rejects.toThrow(
        `Port ${port} on 127.0.0.1 is not free`,
      );
    } finally {
      await new Promise(resolve => server.close(resolve));
    }
  });
});

describe('findBinary', () => {
  it('finds node on PATH and nothing for a name no package has', () => {
    expect(findBinary('node')).toBeDefined();
    expect(findBinary('no-such-server-binary-here')).toBeUndefined();
  });
});

describe('startServerProcess', () => {
  it('runs the server in cwd when given one', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'server-process-cwd-'));
    try {
      const { start } = await nodeServer(
        `${httpServerScript(200)}; console.log('cwd=' + process.cwd());`,
        { cwd },
      );
      const server = await start();
      await server.stop();
      expect(server.output()).toContain(`cwd=${realpathSync(cwd)}`);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('resolves once the server answers, and stop() ends it and removes its directory', async () => {
    const { directory, start } = await nodeServer(httpServerScript(200));
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);

    await server.stop();
    await expect(assertPortFree(server.port)).resolves.toBeUndefined();
    expect(existsSync(directory)).toBe(false);
    await expect(server.stop()).resolves.toBeUndefined();
  });

  it('fails naming the output when the process exits at once', async () => {
    const { directory, start } = await nodeServer(
      "console.error('cannot start: broken config'); process.exit(3)",
    );
    await expect(start()).rejects.toThrow(
      /^node exited while starting:\ncannot start: broken config/,
    );
    expect(existsSync(directory)).toBe(false);
  });

  it('times out naming the URL and the output, and stops the process', async () => {
    const { directory, start } = await nodeServer(httpServerScript(503), {
      startTimeoutMs: 500,
    });
    const error: Error = await start().then(
      () => {
        throw new Error('expected the start to time out');
      },
      (e: Error) => e,
    );
    const match = error.message.match(
      /^node did not answer GET http:\/\/127\.0\.0\.1:(\d+)\/ready within 500ms:\nlistening/,
    );
    expect(match).not.toBeNull();
    await expect(assertPortFree(Number(match![1]))).resolves.toBeUndefined();
    expect(existsSync(directory)).toBe(false);
  });

  it('refuses a fixed port something else listens on', async () => {
    const port = await findFreePort();
    const other = await listenOn(port);
    try {
      const { directory, start } = await nodeServer(httpServerScript(200), {
        port,
      });
      await expect(start()).rejects.toThrow(
        `Port ${port} on 127.0.0.1 is not free`,
      );
      expect(existsSync(directory)).toBe(false);
    } finally {
      await new Promise(resolve => other.close(resolve));
    }
  });
});
