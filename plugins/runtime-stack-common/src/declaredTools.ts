import { isIdText } from './annotationText';
import type { LayerModel } from './layers/types';

/**
 * One `capability=tool` pair of the `runtime-stack.io/tools` annotation.
 *
 * @public
 */
export interface DeclaredTool {
  capability: string;
  tool: string;
  /**
   * Where a merged stack got the pair: the entity itself or its System. Left
   * out when a single entity's annotation is read.
   */
  source?: 'entity' | 'system';
}

/**
 * Writes pairs as the `runtime-stack.io/tools` annotation value, sorted by
 * capability so the same choices always give the same text.
 *
 * @public
 */
export function formatDeclaredTools(pairs: DeclaredTool[]): string {
  return [...pairs]
    .sort(
      (a, b) =>
        a.capability.localeCompare(b.capability) ||
        a.tool.localeCompare(b.tool),
    )
    .map(({ capability, tool }) => `${capability}=${tool}`)
    .join(',');
}

/**
 * Reads a `runtime-stack.io/tools` annotation value: comma-separated
 * `capability=tool` pairs, with spaces allowed around each `=` and `,`.
 * Malformed entries are returned as problems rather than thrown, so one typo
 * never hides the rest.
 *
 * @public
 */
export function parseDeclaredTools(value: string): {
  pairs: DeclaredTool[];
  problems: string[];
} {
  const pairs: DeclaredTool[] = [];
  const problems: string[] = [];
  for (const entry of value
    .split(',')
    .map(e => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf('=');
    const capability = at < 0 ? '' : entry.slice(0, at).trim();
    const tool = at < 0 ? '' : entry.slice(at + 1).trim();
    if (isIdText(capability) && isIdText(tool)) {
      pairs.push({ capability, tool });
    } else if (
      isIdText(capability.toLowerCase()) &&
      isIdText(tool.toLowerCase())
    ) {
      problems.push(
        `'${entry}': tool and capability ids are lower case, as in ${capability.toLowerCase()}=${tool.toLowerCase()}`,
      );
    } else {
      problems.push(`'${entry}' is not of the form capability=tool`);
    }
  }
  return { pairs, problems };
}

/**
 * Problems with declared pairs against a layer model: capabilities it does
 * not define and tools it does not know for that capability.
 *
 * @public
 */
export function findUnknownDeclaredTools(
  model: LayerModel,
  pairs: DeclaredTool[],
): string[] {
  const capabilities = new Map(
    model.layers.flatMap(l => l.capabilities).map(c => [c.id, c]),
  );
  return pairs.flatMap(({ capability, tool }) => {
    const known = capabilities.get(capability);
    if (!known) {
      return [`unknown capability '${capability}'`];
    }
    if (!known.tools.some(t => t.id === tool)) {
      return [
        `unknown tool '${tool}' for capability '${capability}' (known: ${known.tools
          .map(t => t.id)
          .join(', ')})`,
      ];
    }
    return [];
  });
}
