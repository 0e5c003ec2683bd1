import type {
  AuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { z } from 'zod/v3';
import {
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  clusterStateReadPermission,
  coverageReadPermission,
  imagesReadPermission,
  ownershipReadPermission,
  runningSummary,
  type EffectiveOwner,
  type ServiceImage,
} from '@internal/backstage-plugin-runtime-stack-common';
import { authorizeCredentials } from '../auth/authorizeRequest';
import { fetchEntity } from '../catalog/fetchEntity';
import type { ClusterDirectory } from '../clusters/ClusterDirectory';
import { parsePlannedService } from '../clusters/plannedService';
import { assertClusterVisible } from '../clusters/visibleClusters';
import type { ImageService } from '../images/ImageService';
import type { CoverageService } from '../layerCoverage/CoverageService';
import { coverageReadOptionsFor } from '../layerCoverage/coverageReadOptions';
import type { EffectiveOwnershipService } from '../ownership/EffectiveOwnershipService';

type Deps = {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  catalog: CatalogService;
  coverage: CoverageService;
  ownership: EffectiveOwnershipService;
  images: ImageService;
  clusters: Pick<ClusterDirectory, 'list'>;
  /**
   * The backend's own identity, to tell a System the catalog hides from the
   * caller from one it lacks.
   */
  auth: AuthService;
};

/**
 * What the images action tells of one image: where it runs (pods per
 * cluster, digests), what the registry holds, drift and scan counts, without
 * the per-pod list and tag history of the HTTP API.
 */
export function imageForActions(image: ServiceImage) {
  const running = runningSummary(image.running);
  return {
    reference: image.reference,
    running: { clusters: running.clusters, digests: running.digests },
    declared: image.declared,
    registryConfigured: image.registryConfigured,
    ...(image.current
      ? { current: { tag: image.current.tag, digest: image.current.digest } }
      : {}),
    ...(image.newest[0] ? { newestTag: image.newest[0].tag } : {}),
    drift: image.drift.map(d => ({ kind: d.kind, message: d.message })),
    scans: (image.scans ?? []).map(scan => ({
      cluster: scan.cluster,
      ...(scan.scanner ? { scanner: scan.scanner } : {}),
      ...(scan.scannedAt ? { scannedAt: scan.scannedAt } : {}),
      ...scan.counts,
    })),
    ...(image.invalid ? { invalid: image.invalid } : {}),
    ...(image.lastError ? { lastError: image.lastError } : {}),
  };
}

/** A ref as people write it: `payments-api` is `component:default/payments-api`. */
function readEntityRef(ref: string): CompoundEntityRef {
  try {
    return parseEntityRef(ref, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(`entityRef: ${(error as Error).message}`);
  }
}

/**
 * A Component's ref, for the actions that answer per Component; `what`
 * ends the refusal: "the runtime stack is" (per Component).
 */
function readComponentRef(ref: string, what: string): CompoundEntityRef {
  const parsed = readEntityRef(ref);
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'component') {
    throw new InputError(
      `entityRef: ${stringifyEntityRef(
        parsed,
      )} is not a Component; ${what} per Component`,
    );
  }
  return parsed;
}

/** Every action here only reads. */
const READ_ONLY = { readOnly: true, idempotent: true, destructive: false };

const componentRefSchema = (zod: typeof z) =>
  zod
    .string()
    .describe(
      'The Component, e.g. component:default/payments-api or just payments-api',
    );

/** What the actions say of each owner; `inheritedFrom` as "system system:default/payments". */
const ownersSchema = (zod: typeof z) =>
  zod.array(
    zod.object({
      owner: zod.string(),
      responsibility: zod.string(),
      inheritedFrom: zod.string(),
      note: zod.string().optional(),
      link: zod.string().optional(),
      clusters: zod
        .array(zod.string())
        .optional()
        .describe(
          'The clusters this owner applies to, when not all of the service’s',
        ),
    }),
  );

/** Owners as the actions tell them: origins in words, clusters where partial. */
export const owners = (list: EffectiveOwner[]) =>
  list.map(o => ({
    owner: o.owner,
    responsibility: o.responsibility,
    inheritedFrom: `${o.inheritedFrom.kind} ${o.inheritedFrom.ref}`,
    ...(o.note ? { note: o.note } : {}),
    ...(o.link ? { link: o.link } : {}),
    ...(o.clusters ? { clusters: o.clusters } : {}),
  }));

/**
 * Actions for the actions registry, so MCP clients (through the MCP actions
 * plugin) and other plugins can ask what a service's runtime stack is and
 * who owns which part of it, with the caller's permissions.
 */
export function registerRuntimeStackActions(deps: Deps) {
  const {
    actionsRegistry,
    permissions,
    catalog,
    coverage,
    ownership,
    images,
    clusters,
    auth,
  } = deps;

  actionsRegistry.register({
    name: 'get-service-runtime-stack',
    title: "Get a service's runtime stack",
    description: [
      'The runtime stack of a Component in the software catalog: its requirement profile,',
      'its coverage overall and per layer (0 platform to 6 application), and each',
      'required or recommended capability with its status (covered, partial, missing,',
      'exempt), the tools that cover it, the groups that own it (for callers allowed to',
      'read ownership; otherwise owners are left out) and, for a gap, what would cover',
      'it. Use it to answer what a service runs on, what it lacks and whom to ask.',
    ].join(' '),
    attributes: READ_ONLY,
    visibilityPermission: coverageReadPermission,
    examples: [
      {
        title: 'The stack of payments-api',
        input: { entityRef: 'component:default/payments-api' },
      },
    ],
    schema: {
      input: z =>
        z
          .object({
            entityRef: componentRefSchema(z),
            includeNotRequired: z
              .boolean()
              .optional()
              .describe(
                'Also list capabilities its profile does not ask for (default false)',
              ),
          })
          // An unknown field is refused, not dropped: a misspelt
          // runtimeclass would otherwise answer as if none were given.
          .strict(),
      output: z =>
        z.object({
          entityRef: z.string(),
          profile: z.object({
            id: z.string(),
            title: z.string(),
            reason: z.string(),
          }),
          overall: z.object({
            required: z.number(),
            covered: z.number(),
            partial: z.number(),
            ratio: z.number(),
          }),
          layers: z.array(
            z.object({
              layer: z.number(),
              title: z.string(),
              required: z.number(),
              covered: z.number(),
              partial: z.number(),
              ratio: z.number(),
            }),
          ),
          capabilities: z.array(
            z.object({
              capability: z.string(),
              title: z.string(),
              layer: z.number(),
              requirement: z.string(),
              status: z.string(),
              tools: z.array(z.string()),
              owners: ownersSchema(z)
                .optional()
                .describe(
                  'Left out when you may not read ownership (runtime-stack.ownership.read)',
                ),
              hint: z.string().optional(),
              conflict: z.string().optional(),
            }),
          ),
          gaps: z.array(z.string()),
          evaluatedAt: z.string(),
          sourceErrors: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeCredentials(
        permissions,
        coverageReadPermission,
        credentials,
        `${coverageReadPermission.name} is not allowed for you`,
      );
      const entity = await fetchEntity(
        catalog,
        readComponentRef(input.entityRef, 'the runtime stack is'),
        credentials,
      );
      const value = await coverage.entityCoverage(entity, credentials, {
        ...(await coverageReadOptionsFor(permissions, credentials)),
        // The output says which capabilities are exempt, not why.
        withExemptionReasons: false,
      });
      return {
        output: {
          entityRef: value.entityRef,
          profile: value.profile,
          overall: value.overall,
          layers: value.layers,
          capabilities: value.capabilities
            .filter(
              c =>
                input.includeNotRequired ||
                c.requirement === 'required' ||
                c.requirement === 'recommended',
            )
            .map(c => ({
              capability: c.capability,
              title: c.title,
              layer: c.layer,
              requirement: c.requirement,
              status: c.status,
              tools: c.tools,
              ...(c.owners ? { owners: owners(c.owners) } : {}),
              ...(c.hint ? { hint: c.hint } : {}),
              ...(c.conflict
                ? {
                    conflict: `declared ${c.conflict.declared.join(
                      ', ',
                    )}, observed ${c.conflict.observed.join(', ')}`,
                  }
                : {}),
            })),
          gaps: value.gaps.map(g => g.capability),
          evaluatedAt: value.evaluatedAt,
          sourceErrors: value.sourceErrors.map(
            e => `${e.source}: ${e.message}`,
          ),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-service-images',
    title: 'Get the images a service runs',
    description: [
      'The container images a Component runs (from its pods on every cluster) and',
      'declares, each with the tag and digest its registry holds now, the newest tag,',
      'the drift (tag moved since the pods pulled it, newer version, floating tag,',
      'too old) and the vulnerability counts of the cluster scanner (Trivy Operator).',
      'Use it to answer which version runs where, whether it is outdated, and how',
      'vulnerable it is.',
    ].join(' '),
    attributes: READ_ONLY,
    visibilityPermission: imagesReadPermission,
    examples: [
      {
        title: 'What payments-api runs',
        input: { entityRef: 'component:default/payments-api' },
      },
    ],
    schema: {
      input: z =>
        z
          .object({
            entityRef: componentRefSchema(z),
          })
          // An unknown field is refused, not dropped: a misspelt
          // runtimeclass would otherwise answer as if none were given.
          .strict(),
      output: z =>
        z.object({
          entityRef: z.string(),
          images: z.array(
            z.object({
              reference: z.string(),
              running: z.object({
                clusters: z.array(
                  z.object({ cluster: z.string(), pods: z.number() }),
                ),
                digests: z.array(z.string()),
              }),
              declared: z.boolean(),
              registryConfigured: z.boolean(),
              current: z
                .object({ tag: z.string(), digest: z.string() })
                .optional(),
              newestTag: z.string().optional(),
              drift: z.array(
                z.object({ kind: z.string(), message: z.string() }),
              ),
              scans: z.array(
                z.object({
                  cluster: z.string(),
                  scanner: z.string().optional(),
                  scannedAt: z.string().optional(),
                  critical: z.number().optional(),
                  high: z.number().optional(),
                  medium: z.number().optional(),
                  low: z.number().optional(),
                }),
              ),
              invalid: z.string().optional(),
              lastError: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeCredentials(
        permissions,
        imagesReadPermission,
        credentials,
        `${imagesReadPermission.name} is not allowed for you`,
      );
      const entity = await fetchEntity(
        catalog,
        readComponentRef(input.entityRef, 'its images are'),
        credentials,
      );
      const value = await images.entityImages(entity);
      return {
        output: {
          entityRef: value.entityRef,
          images: value.images.map(imageForActions),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-new-service-coverage-on-cluster',
    title: 'Get what a cluster gives a new service',
    description: [
      'What a cluster will give a service that does not run there yet, from its last',
      'collection: the tools every pod there runs with (CNI, container runtime, DNS,',
      'platform), the backup Schedules, admission policies and NetworkPolicies that',
      'apply to its namespace, a sandbox RuntimeClass where the cluster offers it, the',
      'observability links the portal makes for it, and the other tools the cluster',
      'runs that it could use. Use it to choose where to run a new service or what',
      'it still has to bring itself.',
    ].join(' '),
    attributes: READ_ONLY,
    visibilityPermission: coverageReadPermission,
    examples: [
      {
        title: 'A new payouts service in the payments namespace of prod-eu-1',
        input: { cluster: 'prod-eu-1', namespace: 'payments', name: 'payouts' },
      },
    ],
    schema: {
      input: z =>
        z
          .object({
            cluster: z.string().describe('A cluster the portal collects'),
            namespace: z
              .string()
              .describe('The Kubernetes namespace the service will run in'),
            name: z
              .string()
              .describe(
                'Its name, the backstage.io/kubernetes-id its objects will carry',
              ),
            runtimeClass: z
              .string()
              .optional()
              .describe('The RuntimeClass its pods will name, e.g. gvisor'),
          })
          // An unknown field is refused, not dropped: a misspelt
          // runtimeclass would otherwise answer as if none were given.
          .strict(),
      output: z =>
        z.object({
          cluster: z.string(),
          namespace: z.string(),
          dataCollectedAt: z.string().optional(),
          stale: z.boolean(),
          gives: z.array(
            z.object({
              capability: z.string(),
              tool: z.string().optional(),
              source: z.string(),
              strength: z.string(),
              detail: z.string(),
            }),
          ),
          offers: z.array(
            z.object({ capability: z.string(), tool: z.string() }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      for (const permission of [
        coverageReadPermission,
        clusterStateReadPermission,
      ]) {
        await authorizeCredentials(
          permissions,
          permission,
          credentials,
          `${permission.name} is not allowed for you`,
        );
      }
      const plan = parsePlannedService(input, 'input');
      await assertClusterVisible(plan.cluster, clusters, catalog, credentials);
      const value = await coverage.plannedServiceEvidence(plan);
      return {
        output: {
          cluster: value.cluster,
          namespace: value.namespace,
          ...(value.lastSuccessAt
            ? { dataCollectedAt: value.lastSuccessAt }
            : {}),
          stale: value.stale,
          gives: value.evidence.map(e => ({
            capability: e.capability,
            ...(e.tool ? { tool: e.tool } : {}),
            source: e.source,
            strength: e.strength,
            detail: e.detail,
          })),
          offers: value.offered.map(o => ({
            capability: o.capability,
            tool: o.tool,
          })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-capability-owners',
    title: 'Get who owns a capability of a service',
    description: [
      'Which groups own a layer or capability of the runtime stack (ingress, metrics,',
      'policy, ...) for a Component or System, and where that ownership comes from:',
      'the component, its System, its environment or cluster, or the organisation',
      'default. Give a capability id, a layer number, or neither for all.',
    ].join(' '),
    attributes: READ_ONLY,
    visibilityPermission: ownershipReadPermission,
    examples: [
      {
        title: 'Who runs ingress for payments-api',
        input: {
          entityRef: 'component:default/payments-api',
          capability: 'service-proxy',
        },
      },
    ],
    schema: {
      input: z =>
        z
          .object({
            entityRef: z
              .string()
              .describe(
                'A Component or System, e.g. component:default/payments-api',
              ),
            capability: z
              .string()
              .optional()
              .describe('A capability id of the layer model, e.g. metrics'),
            layer: z
              .number()
              .int()
              .min(0)
              .max(6)
              .optional()
              .describe('A layer, 0 (platform) to 6 (application)'),
          })
          // An unknown field is refused, not dropped: a misspelt
          // runtimeclass would otherwise answer as if none were given.
          .strict(),
      output: z =>
        z.object({
          entityRef: z.string(),
          capabilities: z.array(
            z.object({
              capability: z.string(),
              layer: z.number(),
              owners: ownersSchema(z),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeCredentials(
        permissions,
        ownershipReadPermission,
        credentials,
        `${ownershipReadPermission.name} is not allowed for you`,
      );
      const effective = await ownership.forEntity(
        stringifyEntityRef(readEntityRef(input.entityRef)),
        {
          caller: credentials,
          service: await auth.getOwnServiceCredentials(),
        },
      );
      if (
        input.capability !== undefined &&
        !effective.capabilities.some(c => c.capability === input.capability)
      ) {
        throw new InputError(
          `capability: '${input.capability}' is not a capability of the layer model`,
        );
      }
      const capabilities = effective.capabilities.filter(
        c =>
          (input.capability === undefined ||
            c.capability === input.capability) &&
          (input.layer === undefined || c.layer === input.layer),
      );
      return {
        output: {
          entityRef: effective.entityRef,
          capabilities: capabilities.map(c => ({
            capability: c.capability,
            layer: c.layer,
            owners: owners(c.owners),
          })),
        },
      };
    },
  });
}
