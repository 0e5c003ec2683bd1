import { InputError } from '@backstage/errors';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * helm follows symbolic links. A chart fetched from anywhere could link to
 * files of the backend's host (its environment in /proc/self/environ, a
 * service account token) and render them into manifests, and so into the
 * run's error messages. The chart's own path and the values files are
 * refused where they resolve out of the workspace (`resolveSafeChildPath`
 * reads links); inside the chart, no link is taken at all.
 */
export async function refuseLinksInChart(
  workspacePath: string,
  chartDir: string,
): Promise<void> {
  const link = await firstSymbolicLink(chartDir);
  if (link) {
    throw new InputError(
      `Input 'chartPath': the chart holds a symbolic link, '${relative(
        workspacePath,
        link,
      )}'; helm would follow it, so a chart is validated only without links`,
    );
  }
}

async function firstSymbolicLink(dir: string): Promise<string | undefined> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) return path;
    if (entry.isDirectory()) {
      const found = await firstSymbolicLink(path);
      if (found) return found;
    }
  }
  return undefined;
}
