import { InputError } from '@backstage/errors';
import {
  findUnknownDeclaredTools,
  formatDeclaredTools,
  RUNTIME_STACK_ANNOTATIONS,
} from '@internal/backstage-plugin-runtime-stack-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { currentLayerModel, type LayerModelSource } from './layerModelSource';

/**
 * Creates the `runtime-stack:stack:declare` action: checks the platform
 * choices of a template against the layer model and returns the annotations
 * that declare them in the new service's `catalog-info.yaml`.
 *
 * @public
 */
export function createDeclareStackAction(
  options: { layerModel?: LayerModelSource } = {},
) {
  return createTemplateAction({
    id: 'runtime-stack:stack:declare',
    description:
      'Validates the chosen tool per capability against the runtime layer model and outputs the runtime-stack.io annotations for catalog-info.yaml',
    supportsDryRun: true,
    schema: {
      input: {
        tools: z =>
          z
            .record(z.string(), z.string())
            .describe(
              'Tool id per capability id, e.g. { gitops: argo-cd, metrics: prometheus }; empty values are skipped',
            ),
        requirementProfile: z =>
          z
            .string()
            .regex(/^[a-z0-9-]+$/)
            .optional()
            .describe('Requirement profile of the new service, e.g. tier-2'),
      },
      output: {
        annotations: z =>
          z
            .record(z.string(), z.string())
            .describe('Annotations to merge into metadata.annotations'),
        capabilities: z =>
          z.array(z.string()).describe('Capability ids the choices cover'),
      },
    },
    async handler(ctx) {
      // A form leaves a skipped choice as an empty string or 'none'.
      const pairs = Object.entries(ctx.input.tools)
        .filter(([, tool]) => tool !== '' && tool !== 'none')
        .map(([capability, tool]) => ({ capability, tool }));
      const problems = findUnknownDeclaredTools(
        await currentLayerModel(options.layerModel),
        pairs,
      );
      if (problems.length > 0) {
        throw new InputError(
          `Invalid platform choices in input 'tools': ${problems.join('; ')}`,
        );
      }

      const annotations: Record<string, string> = {};
      if (pairs.length > 0) {
        annotations[RUNTIME_STACK_ANNOTATIONS.tools] =
          formatDeclaredTools(pairs);
      }
      if (ctx.input.requirementProfile) {
        annotations[RUNTIME_STACK_ANNOTATIONS.requirementProfile] =
          ctx.input.requirementProfile;
      }
      ctx.logger.info(
        `Declared ${pairs.length} tool(s): ${
          formatDeclaredTools(pairs) || 'none'
        }`,
      );
      ctx.output('annotations', annotations);
      ctx.output('capabilities', pairs.map(p => p.capability).sort());
    },
  });
}
