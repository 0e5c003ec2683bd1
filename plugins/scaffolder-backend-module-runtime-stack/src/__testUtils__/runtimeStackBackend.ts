/*
 * The pieces the tests need to run the real runtime-stack backend plugin in a
 * test backend next to what they test: a log of the writes its ownership API
 * receives, the portal's permission rule for layer ownership, and the
 * features that start the plugin with only its ownership API active.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type BackendFeature,
  type BackstageCredentials,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
// The tests run the real plugin whose ownership API the action calls.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import runtimeStackPlugin, {
  createLayerOwnershipConditionalDecision,
  layerOwnershipConditions,
} from '@internal/backstage-plugin-runtime-stack-backend';
import { ownershipUpdatePermission } from '@internal/backstage-plugin-runtime-stack-common';
import {
  triggerableScheduler,
  type TriggerableScheduler,
} from '@internal/backend-test-kit';

/** The user entity ref of user credentials; undefined for any other principal. */
export function userOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}

/** A write the runtime-stack plugin received, and how it answered. */
export interface OwnershipWrite {
  method: string;
  path: string;
  /** The user the backend authenticated the request as. */
  user?: string;
  status: number;
}

/** A backend module that logs the ownership writes, and its log. */
export interface OwnershipWriteLog {
  module: BackendFeature;
  /** The writes so far, in the order they arrived; a fresh array per log. */
  writes: OwnershipWrite[];
}

/**
 * A module for the runtime-stack plugin that notes every write to its
 * ownership API before its router sees it (a module's middleware runs before
 * the plugin's), with the user the backend authenticated it as and the status
 * the plugin answered with. It only observes; reads (GET) are not noted.
 */
export function ownershipWriteLog(): OwnershipWriteLog {
  const writes: OwnershipWrite[] = [];
  const module = createBackendModule({
    pluginId: 'runtime-stack',
    moduleId: 'test-write-log',
    register({ registerInit }) {
      registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          httpRouter.use((req, res, next) => {
            if (!req.path.startsWith('/ownership') || req.method === 'GET') {
              next();
              return;
            }
            const write: OwnershipWrite = {
              method: req.method,
              path: req.originalUrl.split('?')[0],
              status: 0,
            };
            writes.push(write);
            res.on('finish', () => {
              write.status = res.statusCode;
            });
            httpAuth
              .credentials(req)
              .then(
                credentials => {
                  write.user = userOf(credentials);
                },
                () => undefined,
              )
              .finally(() => next());
          });
        },
      });
    },
  });
  return { module, writes };
}

/** Who may change which layer ownership records, in {@link layerOwnershipPermissions}. */
export interface LayerOwnershipPolicyOptions {
  /** The groups each user belongs to, as the portal's user info would say. */
  memberships: Record<string, string[]>;
  /** Users who may change every record. */
  admins?: string[];
}

/**
 * The portal's policy for layer ownership (packages/backend's
 * PortalPermissionPolicy): admins may do anything, a user may change the
 * records owned by themselves or the groups they belong to; everything else
 * is allowed.
 */
export function layerOwnershipPermissions(
  options: LayerOwnershipPolicyOptions,
): PermissionsService {
  const { memberships, admins = [] } = options;
  const allowAll = mockServices.permissions();
  return {
    authorize: (requests, authorizeOptions) =>
      allowAll.authorize(requests, authorizeOptions),
    authorizeConditional: (queries, authorizeOptions) =>
      Promise.all(
        queries.map(async query => {
          const user = userOf(authorizeOptions.credentials);
          if (
            user &&
            !admins.includes(user) &&
            query.permission.name === ownershipUpdatePermission.name
          ) {
            return createLayerOwnershipConditionalDecision(
              ownershipUpdatePermission,
              layerOwnershipConditions.isOwnedBy({
                claims: [user, ...(memberships[user] ?? [])],
              }),
            );
          }
          const [decision] = await allowAll.authorizeConditional(
            [query],
            authorizeOptions,
          );
          return decision;
        }),
      ),
  };
}

/**
 * The features that run the real runtime-stack plugin in a test backend:
 * the plugin, the write log, the given catalog and permissions, and a
 * scheduler that starts no task, so its cluster, registry and coverage
 * collections stay idle until a test triggers one (a cluster's collection
 * with `scheduler.triggerTask`, see `fakeClusters.ts`).
 */
export function runtimeStackFeatures(options: {
  writeLog: OwnershipWriteLog;
  /** The catalog service the plugin looks entities up in. */
  catalog: { factory: BackendFeature };
  permissions: PermissionsService;
  /** Default: a scheduler whose tasks never run. */
  scheduler?: TriggerableScheduler;
}): BackendFeature[] {
  return [
    runtimeStackPlugin,
    options.writeLog.module,
    options.catalog.factory,
    createServiceFactory({
      service: coreServices.permissions,
      deps: {},
      factory: () => options.permissions,
    }),
    (options.scheduler ?? triggerableScheduler()).factory({
      skipTaskRunOnStartup: true,
    }),
  ];
}
