import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  child: ChildProcess;
  /** Resolves once the process has ended, or could not be started at all. */
  exited: Promise<void>;
  /** The tail of its stdout and stderr together. */
  output: () => string;
}

export interface SpawnServerProcessOptions {
  /** Default: this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Default: this process's working directory. */
  cwd?: string;
  /** How much of the output to keep. */
  outputChars: number;
}

export function spawnServerProcess(
  binary: string,
  args: string[],
  options: SpawnServerProcessOptions,
): ServerProcess {
  const child = spawn(binary, args, {
    env: options.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Kept short: only for saying why a start (or a test) failed.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-options.outputChars);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // A test run that dies without stopping its server must not leave it behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>(resolve => {
    child.once('exit', () => {
      process.removeListener('exit', killOnExit);
      resolve();
    });
    // A missing or unexecutable binary emits 'error' and never 'exit'.
    child.once('error', error => {
      keep(Buffer.from(String(error)));
      resolve();
    });
  });
  return { child, exited, output: () => output };
}

/** SIGTERM, and SIGKILL if the process has not ended 5 s later. */
export async function stopServerProcess(started: ServerProcess): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) {
    return;
  }
  started.child.kill('SIGTERM');
  const killed = setTimeout(() => started.child.kill('SIGKILL'), 5000);
  await started.exited;
  clearTimeout(killed);
}

export interface ReadinessCheck {
  /** Names the server in the error. */
  name: string;
  url: string;
  /** Statuses that mean ready; any other answer is polled again. */
  statuses: readonly number[];
  intervalMs: number;
  timeoutMs: number;
}

/**
 * Polls `GET url` until it answers one of `statuses`. 'exited' when the
 * process ended first: most likely its port was taken after it was picked,
 * which the caller can retry.
 */
export async function waitUntilReady(
  started: ServerProcess,
  check: ReadinessCheck,
): Promise<'ready' | 'exited'> {
  let exited = false;
  started.exited.then(() => {
    exited = true;
  });
  const deadline = Date.now() + check.timeoutMs;
  while (Date.now() < deadline) {
    if (exited) return 'exited';
    try {
      const response = await fetch(check.url, {
        signal: AbortSignal.timeout(1000),
      });
      await response.arrayBuffer();
      if (check.statuses.includes(response.status)) return 'ready';
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, check.intervalMs));
  }
  throw new Error(
    `${check.name} did not answer GET ${check.url} within ${
      check.timeoutMs
    }ms:\n${started.output()}`,
  );
}
