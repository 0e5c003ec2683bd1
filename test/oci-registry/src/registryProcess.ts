import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  findBinary,
  requireBinary,
  startServerProcess,
} from '@internal/server-process-testkit';
import { stringify } from 'yaml';
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

/** Whether Debian's `docker-registry` (CNCF distribution) is installed. */
export function hasDockerRegistry(): boolean {
  return findBinary(BINARY) !== undefined;
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

/**
 * Starts Debian's docker-registry on loopback with storage in a fresh
 * temporary directory, and resolves once `GET /v2/` answers.
 */
export async function startRegistry(
  options: StartRegistryOptions = {},
): Promise<RunningRegistry> {
  const binary = requireBinary(BINARY);
  const directory = await mkdtemp(join(tmpdir(), 'oci-registry-'));
  const storageDirectory = join(directory, 'storage');
  const auth = await authConfig(options.auth, directory);
  const configPath = join(directory, 'config.yml');
  const server = await startServerProcess({
    binary,
    name: BINARY,
    directory,
    port: options.port,
    env: environmentWithoutRegistryOverrides(),
    args: async port => {
      await writeFile(
        configPath,
        stringify({
          version: 0.1,
          log: { level: 'error', accesslog: { disabled: true } },
          storage: {
            filesystem: { rootdirectory: storageDirectory },
            delete: { enabled: true },
          },
          http: {
            addr: `127.0.0.1:${port}`,
            secret: randomBytes(16).toString('hex'),
          },
          ...(auth ? { auth } : {}),
        }),
      );
      return ['serve', configPath];
    },
    // 401 is the answer under auth, and still means it is serving.
    readyPath: '/v2/',
    readyStatuses: [200, 401],
    pollIntervalMs: 25,
    startTimeoutMs: options.startTimeoutMs ?? 15000,
    outputChars: 4000,
  });
  return {
    host: `127.0.0.1:${server.port}`,
    url: server.url,
    storageDirectory,
    stop: server.stop,
  };
}
