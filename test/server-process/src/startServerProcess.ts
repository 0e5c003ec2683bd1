import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { assertPortFree, findFreePort } from './freePort';
import {
  spawnServerProcess,
  stopServerProcess,
  waitUntilReady,
} from './serverProcess';

export interface StartServerProcessOptions {
  /** Path of the binary, e.g. from `requireBinary`. */
  binary: string;
  /** Names the server in errors. Default: the binary's file name. */
  name?: string;
  /**
   * The arguments for one attempt on `port` (attempts count from 0). It may
   * write the configuration the server reads; each attempt gets a new port.
   */
  args: (port: number, attempt: number) => string[] | Promise<string[]>;
  /**
   * A temporary directory the caller made for the server's files. From
   * here on it belongs to the server: removed when the start fails, and by
   * `stop()` after the process has ended.
   */
  directory: string;
  /** Default: a free port, tried again when the server could not bind it. */
  port?: number;
  /** Default: this process's environment. */
  env?: NodeJS.ProcessEnv;
  /**
   * Default: this process's working directory. Not `directory`: a server
   * may resolve paths of its configuration against where it runs.
   */
  cwd?: string;
  /** Path polled with GET, e.g. `/-/ready`. */
  readyPath: string;
  /** Statuses of `readyPath` that mean the server is ready. */
  readyStatuses: readonly number[];
  pollIntervalMs: number;
  startTimeoutMs: number;
  /** How much of the server's output to keep for error messages. */
  outputChars: number;
}

export interface RunningServerProcess {
  port: number;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The tail of the server's output, to say why something is missing. */
  output: () => string;
  /**
   * Sends SIGTERM (SIGKILL after 5 s), waits for the process to end and
   * removes the directory. Calling it again returns the same promise.
   */
  stop(): Promise<void>;
}

/** Starts a server on loopback and resolves once it answers `readyPath`. */
export async function startServerProcess(
  options: StartServerProcessOptions,
): Promise<RunningServerProcess> {
  const name = options.name ?? basename(options.binary);
  const removeDirectory = () =>
    rm(options.directory, { recursive: true, force: true });
  try {
    // Otherwise another server on the port could answer the readiness check.
    if (options.port !== undefined) await assertPortFree(options.port);
    // A port picked here may be taken before the server binds it.
    const attempts = options.port === undefined ? 3 : 1;
    let lastFailure = '';
    for (let attempt = 0; attempt < attempts; attempt++) {
      const port = options.port ?? (await findFreePort());
      const url = `http://127.0.0.1:${port}`;
      const started = spawnServerProcess(
        options.binary,
        await options.args(port, attempt),
        {
          env: options.env,
          cwd: options.cwd,
          outputChars: options.outputChars,
        },
      );
      const state = await waitUntilReady(started, {
        name,
        url: `${url}${options.readyPath}`,
        statuses: options.readyStatuses,
        intervalMs: options.pollIntervalMs,
        timeoutMs: options.startTimeoutMs,
      }).catch(async error => {
        await stopServerProcess(started);
        throw error;
      });
      if (state === 'ready') {
        let stopped: Promise<void> | undefined;
        return {
          port,
          url,
          output: started.output,
          stop: () => {
            stopped ??= stopServerProcess(started).then(removeDirectory);
            return stopped;
          },
        };
      }
      lastFailure = started.output();
    }
    throw new Error(`${name} exited while starting:\n${lastFailure}`);
  } catch (error) {
    await removeDirectory();
    throw error;
  }
}
