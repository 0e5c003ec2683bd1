import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  chosenOption,
  findUnknownDeclaredTools,
  formatDeclaredTools,
  RUNTIME_STACK_ANNOTATIONS,
} from '@internal/backstage-plugin-runtime-stack-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { checkChoicesOnCluster } from './clusterPlatform';
import { currentLayerModel, type LayerModelSource } from './layerModelSource';

/** Options of {@link createDeclareStackAction}. */
export interface DeclareStackActionOptions {
  layerModel?: LayerModelSource;
  /**
   * Where to ask the Runtime Stack backend what a cluster offers; without
   * them, choices are not checked against the cluster.
   */
  discovery?: DiscoveryService;
  auth?: AuthService;
}

/**
 * Creates the `runtime-stack:stack:declare` action: checks the platform
 * choices of a template against the layer model and, when it names the
 * cluster, against what the Runtime Stack backend detected there (the
 * service mesh, the RuntimeClass), and returns the annotations that declare
 * them in the new service's `catalog-info.yaml`.
 *
 * @public
 */
export function createDeclareStackAction(
  options: DeclareStackActionOptions = {},
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
        cluster: z =>
          z
            .string()
            .optional()
            .describe(
              'The cluster the service will run on; when set, the service mesh of tools and runtimeClass must be ones the Runtime Stack backend detected there',
            ),
        runtimeClass: z =>
          z
            .string()
            .optional()
            .describe(
              "The RuntimeClass the pods will name (e.g. gvisor); empty or 'none' for the nodes' runtime",
            ),
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
        .filter(([, tool]) => chosenOption(tool))
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

      // Reads only, so a dry run checks too.
      const clusterCheck = await checkChoicesOnCluster({
        discovery: options.discovery,
        auth: options.auth,
        credentials: () => ctx.getInitiatorCredentials(),
        cluster: ctx.input.cluster,
        choices: {
          mesh: ctx.input.tools['service-mesh'],
          runtimeClass: ctx.input.runtimeClass,
        },
        signal: ctx.signal,
      });
      if (clusterCheck?.checked) {
        ctx.logger.info(clusterCheck.message);
      } else if (clusterCheck) {
        ctx.logger.warn(clusterCheck.message);
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
