import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { assertPortFree, findFreePort } from './freePort';
import { htpasswdLine } from './htpasswd';
import type { TokenServer } from './tokenServer';

export interface RunningRegistry {
  /** `127.0.0.1:PORT`, as image references name it. */
  host: string;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Where the registry keeps its blobs; removed by `stop`. */
  storageDirectory: string;
  stop(): Promise<void>;
}

export interface RegistryUser {
  username: string;
  password: string;
}

export type RegistryAuthOptions =
  /** Bearer tokens from a token server of this kit. */
  | { token: TokenServer }
  /** Basic auth against an htpasswd file written for these users. */
  | { htpasswd: RegistryUser[] };

export interface StartRegistryOptions {
  /** Default: a free port. */
  port?: number;
  /** Default: no auth. */
  auth?: RegistryAuthOptions;
  /** Milliseconds to wait for `GET /v2/` to answer. Default 15000. */
  startTimeoutMs?: number;
}

const BINARY = 'docker-registry';
const DEBIAN_PATH = `/usr/bin/${BINARY}`;

function registryBinary(): string | undefined {
  if (existsSync(DEBIAN_PATH)) return DEBIAN_PATH;
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map(dir => join(dir, BINARY))
    .find(candidate => existsSync(candidate));
}

/** Whether Debian's `docker-registry` (CNCF distribution) is installed. */
export function hasDockerRegistry(): boolean {
  return registryBinary() !== undefined;
}

async function authConfig(
  auth: RegistryAuthOptions | undefined,
  directory: string,
): Promise<object | undefined> {
  if (!auth) return undefined;
  if ('token' in auth) {
    const rootcertbundle = join(directory, 'token-issuer.pem');
    await writeFile(rootcertbundle, auth.token.certificatePem);
    return {
      token: {
        realm: auth.token.realm,
        service: auth.token.service,
        issuer: auth.token.issuer,
        rootcertbundle,
      },
    };
  }
  const path = join(directory, 'htpasswd');
  await writeFile(
    path,
    auth.htpasswd.map(u => htpasswdLine(u.username, u.password)).join(''),
  );
  return { htpasswd: { realm: 'oci-registry-testkit', path } };
}

/** The registry reads REGISTRY_* variables as config overrides. */
function environmentWithoutRegistryOverrides(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('REGISTRY_')),
  );
}

interface StartedProcess {
  child: ChildProcess;
  exited: Promise<void>;
  output: () => string;
}

function spawnRegistry(binary: string, configPath: string): StartedProcess {
  const child = spawn(binary, ['serve', configPath], {
    env: environmentWithoutRegistryOverrides(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept short: only for saying why a start failed.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // A test run that dies without stopping its registry must not leave it behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>(resolve => {
    child.once('exit', () => {
      process.removeListener('exit', killOnExit);
      resolve();
    });
    child.once('error', error => {
      keep(Buffer.from(String(error)));
      resolve();
    });
  });
  return { child, exited, output: () => output };
}

async function waitUntilAnswering(
  url: string,
  started: StartedProcess,
  timeoutMs: number,
): Promise<'ready' | 'exited'> {
  let exited = false;
  started.exited.then(() => {
    exited = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) return 'exited';
    try {
      const response = await fetch(`${url}/v2/`, {
        signal: AbortSignal.timeout(1000),
      });
      await response.arrayBuffer();
      if (response.status === 200 || response.status === 401) return 'ready';
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  throw new Error(
    `docker-registry did not answer GET ${url}/v2/ within ${timeoutMs}ms:\n${started.output()}`,
  );
}

async function stopProcess(started: StartedProcess): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) {
    return;
  }
  started.child.kill('SIGTERM');
  const killed = setTimeout(() => started.child.kill('SIGKILL'), 5000);
  await started.exited;
  clearTimeout(killed);
}

/**
 * Starts Debian's docker-registry on loopback with storage in a fresh
 * temporary directory, and resolves once `GET /v2/` answers.
 */
export async function startRegistry(
  options: StartRegistryOptions = {},
): Promise<RunningRegistry> {
  const binary = registryBinary();
  if (!binary) {
    throw new Error(
      `${BINARY} is not installed (apt-get install docker-registry)`,
    );
  }
  // Otherwise another server on the port could answer the readiness check.
  if (options.port !== undefined) await assertPortFree(options.port);
  const directory = await mkdtemp(join(tmpdir(), 'oci-registry-'));
  const storageDirectory = join(directory, 'storage');
  const auth = await authConfig(options.auth, directory);
  // A port picked here may be taken before the registry binds it.
  const attempts = options.port === undefined ? 3 : 1;
  let lastFailure = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = options.port ?? (await findFreePort());
    const host = `127.0.0.1:${port}`;
    const url = `http://${host}`;
    const configPath = join(directory, 'config.yml');
    await writeFile(
      configPath,
      stringify({
        version: 0.1,
        log: { level: 'error', accesslog: { disabled: true } },
        storage: {
          filesystem: { rootdirectory: storageDirectory },
          delete: { enabled: true },
        },
        http: { addr: host, secret: randomBytes(16).toString('hex') },
        ...(auth ? { auth } : {}),
      }),
    );
    const started = spawnRegistry(binary, configPath);
    const state = await waitUntilAnswering(
      url,
      started,
      options.startTimeoutMs ?? 15000,
    ).catch(async error => {
      await stopProcess(started);
      await rm(directory, { recursive: true, force: true });
      throw error;
    });
    if (state === 'ready') {
      let stopped: Promise<void> | undefined;
      return {
        host,
        url,
        storageDirectory,
        stop: () => {
          stopped ??= stopProcess(started).then(() =>
            rm(directory, { recursive: true, force: true }),
          );
          return stopped;
        },
      };
    }
    lastFailure = started.output();
  }
  await rm(directory, { recursive: true, force: true });
  throw new Error(`docker-registry exited while starting:\n${lastFailure}`);
}
