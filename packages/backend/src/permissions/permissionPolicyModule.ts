import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

/** The example estate's admins unless `permission.admins` says otherwise. */
const DEFAULT_ADMINS = ['group:default/portal-admins'];

/**
 * Installs {@link PortalPermissionPolicy}; admins come from
 * `permission.admins` (entity refs of groups or users).
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
        const admins =
          config.getOptionalStringArray('permission.admins') ?? DEFAULT_ADMINS;
        policy.setPolicy(new PortalPermissionPolicy(userInfo, new Set(admins)));
      },
    });
  },
});
