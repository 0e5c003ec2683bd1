import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export type PrometheusRuleDefinition =
  | {
      alert: string;
      expr: string;
      for?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    }
  | { record: string; expr: string; labels?: Record<string, string> };

/** One group of a Prometheus rule file. */
export interface PrometheusRuleGroupDefinition {
  name: string;
  /** Default: the evaluation interval of the server (1s). */
  interval?: string;
  rules: PrometheusRuleDefinition[];
}

/** One scrape job with static targets. */
export interface ScrapeTargetDefinition {
  job: string;
  /** `host:port` of each target. */
  targets: string[];
  /** Static labels every target of the job gets. */
  labels?: Record<string, string>;
}

export interface StartPrometheusOptions {
  rules?: PrometheusRuleGroupDefinition[];
  scrapeTargets?: ScrapeTargetDefinition[];
  /** Scrape and rule evaluation interval. Default 1. */
  intervalSeconds?: number;
  /** Milliseconds to wait for `/-/ready`. Default 20000. */
  startTimeoutMs?: number;
}

export interface RunningPrometheus {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The last lines Prometheus logged, to say why something is missing. */
  output(): string;
  stop(): Promise<void>;
}

const DEBIAN_PATH = '/usr/bin/prometheus';

/** Debian's `prometheus`, or one on PATH. */
export function prometheusBinary(): string | undefined {
  if (existsSync(DEBIAN_PATH)) return DEBIAN_PATH;
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map(dir => join(dir, 'prometheus'))
    .find(candidate => existsSync(candidate));
}

/**
 * A loopback port nobody listens on right now. Prometheus cannot report a
 * port it picked itself, so this is racy; `startPrometheus` retries.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `probe` returns something, or fails naming what it waited for. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs}ms waiting for ${what}${
          lastError ? `: ${lastError}` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

interface StartedProcess {
  child: ChildProcess;
  exited: Promise<void>;
  output: () => string;
}

function spawnPrometheus(binary: string, args: string[]): StartedProcess {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // A test run that dies without stopping Prometheus must not leave it behind.
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

async function stopProcess(started: StartedProcess): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) {
    return;
  }
  started.child.kill('SIGTERM');
  const killed = setTimeout(() => started.child.kill('SIGKILL'), 5000);
  await started.exited;
  clearTimeout(killed);
}

async function waitUntilReady(
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
      const response = await fetch(`${url}/-/ready`, {
        signal: AbortSignal.timeout(1000),
      });
      await response.arrayBuffer();
      if (response.status === 200) return 'ready';
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error(
    `prometheus did not answer GET ${url}/-/ready within ${timeoutMs}ms:\n${started.output()}`,
  );
}

/**
 * Starts Debian's Prometheus on loopback with the given rules and static
 * scrape jobs, storage in a fresh temporary directory, and resolves once it
 * is ready. Rules are evaluated within an interval of that; targets appear
 * only after about 5 seconds (service discovery updates are batched).
 */
export async function startPrometheus(
  options: StartPrometheusOptions = {},
): Promise<RunningPrometheus> {
  const binary = prometheusBinary();
  if (!binary) {
    throw new Error('prometheus is not installed (apt-get install prometheus)');
  }
  const interval = `${options.intervalSeconds ?? 1}s`;
  const directory = await mkdtemp(join(tmpdir(), 'prometheus-test-'));
  const rulesPath = join(directory, 'rules.yml');
  const configPath = join(directory, 'prometheus.yml');
  // YAML is a superset of JSON, so no YAML library is needed.
  await writeFile(rulesPath, JSON.stringify({ groups: options.rules ?? [] }));
  await writeFile(
    configPath,
    JSON.stringify({
      global: {
        scrape_interval: interval,
        scrape_timeout: interval,
        evaluation_interval: interval,
      },
      rule_files: [rulesPath],
      scrape_configs: (options.scrapeTargets ?? []).map(job => ({
        job_name: job.job,
        static_configs: [
          {
            targets: job.targets,
            ...(job.labels ? { labels: job.labels } : {}),
          },
        ],
      })),
    }),
  );

  let lastFailure = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await findFreePort();
    const url = `http://127.0.0.1:${port}`;
    const storage = join(directory, `data-${attempt}`);
    const started = spawnPrometheus(binary, [
      `--config.file=${configPath}`,
      `--storage.tsdb.path=${storage}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ]);
    const state = await waitUntilReady(
      url,
      started,
      options.startTimeoutMs ?? 20_000,
    ).catch(async error => {
      await stopProcess(started);
      await rm(directory, { recursive: true, force: true });
      throw error;
    });
    if (state === 'ready') {
      let stopped: Promise<void> | undefined;
      return {
        url,
        output: started.output,
        stop: () => {
          stopped ??= stopProcess(started).then(() =>
            rm(directory, { recursive: true, force: true }),
          );
          return stopped;
        },
      };
    }
    // Most likely the port was taken between picking and binding it.
    lastFailure = started.output();
  }
  await rm(directory, { recursive: true, force: true });
  throw new Error(`prometheus exited while starting:\n${lastFailure}`);
}
