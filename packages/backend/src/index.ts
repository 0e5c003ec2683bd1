/*
 * The Runtime Stack portal backend: Backstage's catalog, scaffolder,
 * Kubernetes, permission, auth, proxy and search plugins, with the Runtime
 * Stack plugin and its scaffolder module.
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// publish:gitlab, for the runtime-service template's GitLab repositories
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider
// GitHub sign-in, the provider of app-config.production.yaml
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));
// Demo users (auth.providers.demo), development only; see src/auth/demoUsersModule.ts
backend.add(import('./auth/demoUsersModule'));

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// Reads for everyone signed in, writes by ownership, admin-only operations for
// `permission.admins`; see src/permissions/PortalPermissionPolicy.ts
backend.add(import('./permissions/permissionPolicyModule'));

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));
// each service's runtime stack: its tools, coverage and gaps
backend.add(
  import('@internal/backstage-plugin-search-backend-module-runtime-stack'),
);

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins; the events plugin is their bus between
// backend replicas (PostgreSQL LISTEN/NOTIFY), so a coverage change evaluated
// on one replica reaches a browser connected to another
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// runtime stack plugin and its scaffolder actions
backend.add(import('@internal/backstage-plugin-runtime-stack-backend'));
backend.add(
  import('@internal/backstage-plugin-scaffolder-backend-module-runtime-stack'),
);

backend.add(
  import('@internal/backstage-plugin-catalog-backend-module-runtime-stack'),
);
backend.start();
