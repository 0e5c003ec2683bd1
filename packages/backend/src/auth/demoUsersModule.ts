import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import {
  demoUserProfile,
  demoUsersAuthenticator,
  offeredDemoUsers,
  readDemoUsersOptions,
  signInAsDemoUser,
} from './demoUsers';

/** Where the app reads which demo users it may offer, under `/api/auth`. */
export const DEMO_USERS_PATH = '/demo/users';

/**
 * The `demo` sign-in provider: sign in as one of the users listed under
 * `auth.providers.demo.users`, chosen per request by the `x-demo-user`
 * header of `GET /api/auth/demo/refresh`, to try what the permission policy
 * lets different people do. Development only, like the guest provider.
 *
 * `GET /api/auth/demo/users` answers `{ "users": [...] }`, the users offered
 * (none when demo sign-in is refused or not configured), without a token: the
 * sign-in page asks before anyone is signed in.
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-users-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
      },
      async init({ providers, config, logger, httpRouter }) {
        const providerConfig = config.getOptionalConfig('auth.providers.demo');
        const options = providerConfig
          ? readDemoUsersOptions(providerConfig)
          : undefined;
        const offered = options ? offeredDemoUsers(options) : [];
        if (options?.disabledReason) {
          logger.info(`Demo users are not offered: ${options.disabledReason}`);
        } else if (options) {
          logger.info(
            `Demo users offered for sign-in: ${
              offered.join(', ') || 'none (auth.providers.demo.users is empty)'
            }`,
          );
        }

        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoUsersAuthenticator,
            profileTransform: demoUserProfile,
            signInResolver: signInAsDemoUser,
          }),
        });

        // Registered before the auth plugin's own routes, which answer
        // everything else under /api/auth.
        httpRouter.addAuthPolicy({
          path: DEMO_USERS_PATH,
          allow: 'unauthenticated',
        });
        httpRouter.use((req, res, next) => {
          if (req.method === 'GET' && req.path === DEMO_USERS_PATH) {
            res.json({ users: offered });
            return;
          }
          next();
        });
      },
    });
  },
});
