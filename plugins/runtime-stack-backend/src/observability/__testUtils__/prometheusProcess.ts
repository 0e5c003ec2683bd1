import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findBinary,
  findFreePort,
  requireBinary,
  startServerProcess,
} from '@internal/server-process-testkit';

// The tests that use Prometheus also pick ports for their scrape targets.
export { findFreePort } from '@internal/server-process-testkit';

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
  /**
   * Ports it must not listen on: those a test keeps closed as targets that
   * are down. A free port picked for it could otherwise be one of them.
   */
  avoidPorts?: number[];
}

export interface RunningPrometheus {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The last lines Prometheus logged, to say why something is missing. */
  output(): string;
  stop(): Promise<void>;
}

/** Debian's `prometheus`, or one on PATH. */
export function prometheusBinary(): string | undefined {
  return findBinary('prometheus');
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

/**
 * Starts Debian's Prometheus on loopback with the given rules and static
 * scrape jobs, storage in a fresh temporary directory, and resolves once it
 * is ready. Rules are evaluated within an interval of that; targets appear
 * only after about 5 seconds (service discovery updates are batched).
 */
export async function startPrometheus(
  options: StartPrometheusOptions = {},
): Promise<RunningPrometheus> {
  const binary = requireBinary('prometheus');
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
  let listenPort: number | undefined;
  if (options.avoidPorts?.length) {
    do listenPort = await findFreePort();
    while (options.avoidPorts.includes(listenPort));
  }
  const server = await startServerProcess({
    binary,
    name: 'prometheus',
    ...(listenPort !== undefined ? { port: listenPort } : {}),
    directory,
    args: (port, attempt) => [
      `--config.file=${configPath}`,
      `--storage.tsdb.path=${join(directory, `data-${attempt}`)}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    readyPath: '/-/ready',
    readyStatuses: [200],
    pollIntervalMs: 50,
    startTimeoutMs: options.startTimeoutMs ?? 20_000,
    outputChars: 8000,
  });
  return { url: server.url, output: server.output, stop: server.stop };
}
