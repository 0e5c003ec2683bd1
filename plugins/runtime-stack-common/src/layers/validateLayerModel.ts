import { InputError } from '@backstage/errors';
import { z } from 'zod';
import type { LayerModel, RuntimeCapability } from './types';

// 64 is the width of the columns that store capability and tool ids.
const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)')
  .max(64, 'must be at most 64 characters');

const toolSchema = z.object({
  id: kebabId,
  title: z.string().min(1),
  url: z.url().optional(),
  runs: z.array(kebabId).optional(),
});

const capabilitySchema = z.object({
  id: kebabId,
  title: z.string().min(1),
  description: z.string().min(1),
  group: kebabId.optional(),
  optional: z.boolean().optional(),
  providedByCluster: z.boolean().optional(),
  tools: z.array(toolSchema),
});

const layerSchema = z.object({
  id: z.number().int().min(0),
  title: z.string().min(1),
  description: z.string().min(1),
  capabilities: z.array(capabilitySchema),
});

const layerModelSchema = z.object({
  version: z.string().min(1),
  layers: z.array(layerSchema).min(1),
});

/** Dotted path of a zod issue, for example `layers.3.capabilities.2.id`. */
function issuePath(path: PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * A tool's `runs` must name other tools of the same capability: the relation
 * only means something inside one capability, where coverage compares a
 * declared tool with the observed ones.
 */
function findRunsProblems(
  capability: RuntimeCapability,
  where: string,
): string[] {
  const toolIds = new Set(capability.tools.map(t => t.id));
  return capability.tools.flatMap((tool, toolIndex) =>
    (tool.runs ?? []).flatMap((runId, runIndex) => {
      const at = `${where}.tools.${toolIndex}.runs.${runIndex}`;
      if (runId === tool.id) {
        return [`${at}: tool '${tool.id}' cannot run itself`];
      }
      if (!toolIds.has(runId)) {
        return [
          `${at}: tool '${tool.id}' runs '${runId}', which is not a tool of '${capability.id}'`,
        ];
      }
      return [];
    }),
  );
}

/**
 * Problems in a layer model that a schema alone cannot express: layers out
 * of order, ids used twice, one tool id carrying two names, `runs` naming a
 * tool the capability does not list.
 */
function findStructuralProblems(model: LayerModel): string[] {
  const problems: string[] = [];
  const capabilityIds = new Map<string, number>();
  const toolTitles = new Map<string, string>();

  model.layers.forEach((layer, index) => {
    if (layer.id !== index) {
      problems.push(
        `layers.${index}.id: expected ${index}, layers must be numbered from 0 without gaps, got ${layer.id}`,
      );
    }
    layer.capabilities.forEach((capability, capIndex) => {
      const where = `layers.${index}.capabilities.${capIndex}`;
      const seenIn = capabilityIds.get(capability.id);
      if (seenIn !== undefined) {
        problems.push(
          `${where}.id: capability '${capability.id}' is already defined in layer ${seenIn}`,
        );
      }
      capabilityIds.set(capability.id, layer.id);

      const toolIds = new Set<string>();
      capability.tools.forEach((tool, toolIndex) => {
        if (toolIds.has(tool.id)) {
          problems.push(
            `${where}.tools.${toolIndex}.id: tool '${tool.id}' is listed twice in '${capability.id}'`,
          );
        }
        toolIds.add(tool.id);
        const knownTitle = toolTitles.get(tool.id);
        if (knownTitle !== undefined && knownTitle !== tool.title) {
          problems.push(
            `${where}.tools.${toolIndex}.title: tool '${tool.id}' is called '${knownTitle}' elsewhere, not '${tool.title}'`,
          );
        }
        toolTitles.set(tool.id, tool.title);
      });
      problems.push(...findRunsProblems(capability, where));
    });
  });
  return problems;
}

/**
 * Checks a layer model and returns it typed, or throws an `InputError` whose
 * message names every offending field.
 *
 * @public
 */
export function validateLayerModel(candidate: unknown): LayerModel {
  const parsed = layerModelSchema.safeParse(candidate);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map(issue => `${issuePath(issue.path)}: ${issue.message}`)
      .join('; ');
    throw new InputError(`Invalid layer model: ${details}`);
  }
  const problems = findStructuralProblems(parsed.data);
  if (problems.length > 0) {
    throw new InputError(`Invalid layer model: ${problems.join('; ')}`);
  }
  return parsed.data;
}
