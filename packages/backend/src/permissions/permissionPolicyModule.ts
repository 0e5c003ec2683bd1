import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

/**
 * The entity refs under `key` (none when it is unset), each in the full
 * lower-case form `ownershipEntityRefs` uses: a ref without a kind is a
 * Group's, one without a namespace is in `default`, so `portal-admins` and
 * `Group:default/Portal-Admins` both read as `group:default/portal-admins`.
 * Throws, naming the key and the entry, for one that is no entity ref.
 */
export function readEntityRefs(config: Config, key: string): Set<string> {
  const entries = config.getOptionalStringArray(key) ?? [];
  return new Set(
    entries.map((entry, index) => {
      try {
        return stringifyEntityRef(
          parseEntityRef(entry.trim(), {
            defaultKind: 'group',
            defaultNamespace: 'default',
          }),
        );
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(
          `${key}[${index}] '${entry}' is not an entity ref (${reason}); write a group or user as [<kind>:][<namespace>/]<name>, for example portal-admins or group:default/portal-admins`,
        );
      }
    }),
  );
}

/**
 * Installs {@link PortalPermissionPolicy}; admins come from
 * `permission.admins` and who may grant coverage exemptions from
 * `permission.exemptionGranters` (entity refs of groups or users, see
 * {@link readEntityRefs}). Unset, a key names nobody: the example estate's
 * groups are named in app-config.yaml, never assumed.
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, userInfo, policy }) {
        const admins = readEntityRefs(config, 'permission.admins');
        const granters = readEntityRefs(config, 'permission.exemptionGranters');
        policy.setPolicy(
          new PortalPermissionPolicy(userInfo, admins, granters),
        );
      },
    });
  },
});
