import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ForwardedError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DNS_LABEL_PATTERN } from '@internal/backstage-plugin-runtime-stack-common';
import { refuseLinksInChart } from './chartFilesInWorkspace';
import {
  formatManifestProblems,
  parseRenderedManifests,
  validateManifests,
} from './renderedManifests';

const execFileAsync = promisify(execFile);

/**
 * Options of {@link createValidateChartAction}.
 *
 * @public
 */
export interface ValidateChartActionOptions {
  /**
   * The helm binary. Defaults to the `RUNTIME_STACK_HELM` environment
   * variable, else `helm` on the PATH.
   */
  helmPath?: string;
  /** Time limit of each helm command. Defaults to 60 seconds. */
  timeoutMs?: number;
}

type SetValue = string | number | boolean;

interface HelmResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * The helm the runtime-service template's generated pipelines lint the chart
 * with: their chart job pins it (GitHub Actions' azure/setup-helm `version`,
 * GitLab CI's `alpine/helm` image tag), and the backend image installs it.
 * The template's tests hold both pipelines, the backend image and
 * scripts/ensure-helm.sh's helm to this one value; the action warns when it
 * validated with a helm of another major version, whose lint and rendering
 * may accept or refuse what the pipelines' does not.
 */
export const PIPELINE_HELM_VERSION = 'v4.1.4';

/** The major version of a helm version (`v4.1.4`, `3.17.0`), if it is one. */
function majorOf(version: string): number | undefined {
  const match = /^v?(\d+)\.\d+/.exec(version);
  return match ? Number(match[1]) : undefined;
}

/**
 * Why the helm that validated may not answer for the pipelines' lint: it is
 * of another major version than {@link PIPELINE_HELM_VERSION}, or could not
 * tell its version. Empty when the major versions agree.
 */
function helmVersionWarning(helmVersion: string): string {
  const pinned = majorOf(PIPELINE_HELM_VERSION);
  const used = majorOf(helmVersion);
  if (used === pinned) return '';
  const which =
    used === undefined
      ? 'The helm that validated the chart could not tell its version: it may not be'
      : `The chart was validated with helm ${helmVersion}, not`;
  return `${which} helm ${pinned}, the major version the generated pipelines lint it with (${PIPELINE_HELM_VERSION}), so their chart job may refuse a chart that passed here. Give the backend helm ${PIPELINE_HELM_VERSION} (runtimeStack.scaffolder.helmPath, RUNTIME_STACK_HELM or the PATH).`;
}

/** What helm may write before it is stopped: far more than any chart renders. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** An execFile failure without an exit code, as Node describes it. */
type ExecFailure = NodeJS.ErrnoException & {
  code?: string | number | null;
  killed?: boolean;
  signal?: NodeJS.Signals | null;
};

/**
 * Why helm ended without an exit code. Node kills the child itself on the
 * time limit, on too much output (which it names) and on cancellation (also
 * named), so only a kill of its own, unnamed, is the time limit; a signal
 * from elsewhere (the host's out-of-memory killer, say) is not.
 */
function helmFailure(
  helm: string,
  command: string,
  e: ExecFailure,
  timeoutMs: number,
): Error {
  if (e.code === 'ENOENT' || e.code === 'EACCES') {
    return new Error(
      `Cannot run helm '${helm}' (${e.code}): install helm on the PATH, or set its path in runtimeStack.scaffolder.helmPath or the RUNTIME_STACK_HELM environment variable`,
    );
  }
  if (e.code === 'ABORT_ERR') {
    return new Error(`helm ${command} was cancelled`);
  }
  if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return new Error(
      `helm ${command} wrote more than ${
        MAX_OUTPUT_BYTES / 1024 / 1024
      } MiB of output and was stopped: the chart renders more than can be validated`,
    );
  }
  if (e.killed && e.signal) {
    return new Error(
      `helm ${command} did not finish within ${timeoutMs / 1000} s (${
        e.signal
      })`,
    );
  }
  if (e.signal) {
    return new Error(
      `helm ${command} was ended by ${e.signal} from outside the backend before it finished (the host's out-of-memory killer, for one)`,
    );
  }
  return new ForwardedError(`Could not run helm '${helm}' ${command}`, e);
}

/** `--set-json` keeps each override's type (`"3"` stays a string, `3` a number). */
function setArgs(set: Record<string, SetValue> | undefined): string[] {
  return Object.entries(set ?? {}).flatMap(([key, value]) => [
    '--set-json',
    `${key}=${JSON.stringify(value)}`,
  ]);
}

/** The `[ERROR]` / `Error:` lines of helm's output, continuation lines joined. */
function helmErrors(output: string): string[] {
  const errors: string[] = [];
  let current: string | undefined;
  for (const line of output.split('\n')) {
    const error = line.match(/^(?:\[ERROR\]|Error:)\s*(.*)$/);
    if (error) {
      if (current !== undefined) errors.push(current);
      current = error[1].replace(/^:\s*/, '');
    } else if (current !== undefined && /^\s+\S/.test(line)) {
      current = `${current} ${line.trim()}`;
    } else if (current !== undefined) {
      errors.push(current);
      current = undefined;
    }
  }
  if (current !== undefined) errors.push(current);
  return [...new Set(errors.filter(Boolean))];
}

/**
 * What helm runs with: none of the backend's environment, which holds its
 * tokens and passwords, and its own homes, so no repository, registry login
 * or plugin of the host's user takes part.
 */
function helmEnvironment(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
  };
}

async function runHelm(
  helm: string,
  args: string[],
  options: {
    cwd: string;
    env: NodeJS.ProcessEnv;
    timeoutMs: number;
    signal?: AbortSignal;
  },
): Promise<HelmResult> {
  try {
    const { stdout, stderr } = await execFileAsync(helm, args, {
      cwd: options.cwd,
      env: options.env,
      timeout: options.timeoutMs,
      maxBuffer: MAX_OUTPUT_BYTES,
      signal: options.signal,
      encoding: 'utf8',
      windowsHide: true,
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const e = error as ExecFailure & { stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') {
      throw helmFailure(helm, args[0], e, options.timeoutMs);
    }
    return {
      exitCode: e.code,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    };
  }
}

/**
 * The helm's version (`v4.1.4`), which decides what lint and template
 * accept. Asked once the chart passed, from the binary that passed it; the
 * answer informs (with a warning when it is not the pipelines' major
 * version) and never fails the step, even from a helm that cannot tell.
 */
async function versionOf(
  run: (args: string[]) => Promise<HelmResult>,
): Promise<string> {
  const version = await run(['version', '--template', '{{.Version}}']).catch(
    () => undefined,
  );
  const text = version?.exitCode === 0 ? version.stdout.trim() : '';
  return text || 'of unknown version';
}

function workspaceChild(workspacePath: string, path: string, input: string) {
  const refuse = () =>
    new InputError(
      `Input '${input}' must be a path inside the workspace, got '${path}'`,
    );
  if (!path || isAbsolute(path)) throw refuse();
  try {
    return resolveSafeChildPath(workspacePath, path);
  } catch {
    throw refuse();
  }
}

/**
 * Creates the `runtime-stack:chart:validate` action: lints (strictly, as the
 * generated pipelines do) and renders the Helm chart of the new service in the
 * workspace and validates every rendered
 * manifest (built-in kinds against the Kubernetes schemas of
 * `kubernetes-models`, the platform's custom resources structurally), so a
 * template cannot publish a chart that does not install.
 *
 * @public
 */
export function createValidateChartAction(
  options: ValidateChartActionOptions = {},
) {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return createTemplateAction({
    id: 'runtime-stack:chart:validate',
    description:
      "Runs helm lint --strict and helm template on a chart in the workspace and validates the rendered manifests against the Kubernetes schemas (and the platform's custom resources structurally)",
    supportsDryRun: true,
    schema: {
      input: {
        chartPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Path of the chart directory, relative to the workspace (default: chart)',
            ),
        valuesFiles: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Values files relative to the workspace, passed to helm with -f in order',
            ),
        set: z =>
          z
            .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
            .optional()
            .describe(
              'Value overrides by helm value path, e.g. { "image.tag": "1.2.3", replicaCount: 2 }; passed with --set-json, so types are kept',
            ),
        releaseName: z =>
          z
            .string()
            .regex(DNS_LABEL_PATTERN)
            .max(53)
            .optional()
            .describe('Release name to render with (default: release-name)'),
      },
      output: {
        kinds: z =>
          z
            .array(z.string())
            .describe('The rendered objects as Kind/name, in render order'),
        manifestCount: z =>
          z.number().describe('How many objects the chart renders'),
        helmVersion: z =>
          z
            .string()
            .describe(
              'The version of the helm that validated the chart, e.g. v4.1.4, for comparing with the helm the pipelines lint with',
            ),
        helmVersionWarning: z =>
          z
            .string()
            .describe(
              `Empty when the helm that validated the chart has the major version of the helm the generated pipelines pin (${PIPELINE_HELM_VERSION}); otherwise why their lint may not agree with this validation, also logged as a warning`,
            ),
      },
    },
    async handler(ctx) {
      const chartPath = ctx.input.chartPath ?? 'chart';
      const chartDir = workspaceChild(
        ctx.workspacePath,
        chartPath,
        'chartPath',
      );
      if (!existsSync(join(chartDir, 'Chart.yaml'))) {
        throw new InputError(
          `Input 'chartPath': no Chart.yaml in '${chartPath}' of the workspace`,
        );
      }
      const valuesFiles = (ctx.input.valuesFiles ?? []).map(file => {
        const path = workspaceChild(ctx.workspacePath, file, 'valuesFiles');
        if (!existsSync(path)) {
          throw new InputError(
            `Input 'valuesFiles': '${file}' does not exist in the workspace`,
          );
        }
        return path;
      });
      await refuseLinksInChart(ctx.workspacePath, chartDir);
      const valueArgs = [
        ...valuesFiles.flatMap(path => ['-f', path]),
        ...setArgs(ctx.input.set),
      ];
      const helm = options.helmPath || process.env.RUNTIME_STACK_HELM || 'helm';
      const helmHome = await ctx.createTemporaryDirectory();
      const run = (args: string[]) =>
        runHelm(helm, args, {
          cwd: ctx.workspacePath,
          env: helmEnvironment(helmHome),
          timeoutMs,
          signal: ctx.signal,
        });

      // --strict, as the generated pipelines lint: a warning fails too.
      const lint = await run(['lint', chartDir, '--strict', ...valueArgs]);
      const lintOutput = `${lint.stdout}\n${lint.stderr}`;
      const warnings = lintOutput
        .split('\n')
        .filter(line => line.startsWith('[WARNING]'))
        .map(line => line.slice(10));
      for (const warning of warnings) {
        ctx.logger.warn(`helm lint: ${warning}`);
      }
      if (lint.exitCode !== 0) {
        const errors = helmErrors(lintOutput).filter(
          e => !/chart\(s\) linted/.test(e),
        );
        const problems =
          errors.length > 0
            ? errors
            : warnings.map(w => `${w} (a warning, which --strict fails on)`);
        throw new InputError(
          `helm lint failed for chart '${chartPath}': ${
            problems.join('; ') || lintOutput.trim()
          }`,
        );
      }

      const template = await run([
        'template',
        ctx.input.releaseName ?? 'release-name',
        chartDir,
        ...valueArgs,
      ]);
      if (template.exitCode !== 0) {
        const errors = helmErrors(template.stderr);
        throw new InputError(
          `helm template failed for chart '${chartPath}': ${
            errors.join('; ') || template.stderr.trim()
          }`,
        );
      }

      const { manifests, problems } = parseRenderedManifests(template.stdout);
      problems.push(...(await validateManifests(manifests)));
      if (problems.length > 0) {
        throw new InputError(
          `Chart '${chartPath}' renders ${
            problems.length
          } invalid manifest(s):\n${formatManifestProblems(problems)}`,
        );
      }

      const kinds = manifests.map(m => `${m.kind}/${m.name}`);
      const helmVersion = await versionOf(run);
      ctx.logger.info(
        `Chart '${chartPath}' renders ${
          manifests.length
        } valid manifest(s) with helm ${helmVersion}${
          ctx.isDryRun ? ' (dry run)' : ''
        }: ${kinds.join(', ') || 'none'}`,
      );
      ctx.output('kinds', kinds);
      ctx.output('manifestCount', manifests.length);
      ctx.output('helmVersion', helmVersion);
      // Warn, not fail: the chart is valid for the helm that checked it.
      const warning = helmVersionWarning(helmVersion);
      if (warning) ctx.logger.warn(warning);
      ctx.output('helmVersionWarning', warning);
    },
  });
}
