import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

/** The example estate's admins unless `permission.admins` says otherwise. */
const DEFAULT_ADMINS = ['group:default/portal-admins'];
const DEFAULT_EXEMPTION_GRANTERS = [
  'group:default/platform-team',
  'group:default/security-team',
];

/**
 * Installs {@link PortalPermissionPolicy}; admins come from
 * `permission.admins` and who may grant coverage exemptions from
 * `permission.exemptionGranters` (entity refs of groups or users).
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
        const granters =
          config.getOptionalStringArray('permission.exemptionGranters') ??
          DEFAULT_EXEMPTION_GRANTERS;
        policy.setPolicy(
          new PortalPermissionPolicy(
            userInfo,
            new Set(admins),
            new Set(granters),
          ),
        );
      },
    });
  },
});
