import type { Config } from '@backstage/config';
import {
  AuthenticationError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  createProxyAuthenticator,
  type ProfileTransform,
  type SignInResolver,
} from '@backstage/plugin-auth-node';

/** The request header that names the demo user to sign in as. */
export const DEMO_USER_HEADER = 'x-demo-user';

/** What `auth.providers.demo` allows. */
export type DemoUsersOptions = {
  /** The users that may be signed in as, `user:<namespace>/<name>`, lower case. */
  users: string[];
  /** Why demo sign-in is refused, when it is. */
  disabledReason?: string;
};

/** The result of picking a demo user: who to sign in as. */
export type DemoUserResult = { userEntityRef: string };

const USER_REF = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/;

/**
 * `user:<namespace>/<name>` in lower case for an entity ref of a User, with
 * the kind and the `default` namespace optional; `undefined` for anything
 * else (another kind, an empty or malformed ref).
 */
export function toUserEntityRef(value: string): string | undefined {
  const match = USER_REF.exec(value.trim());
  if (!match) return undefined;
  const [, kind = 'user', namespace = 'default', name] = match;
  if (kind.toLocaleLowerCase('en-US') !== 'user') return undefined;
  return `user:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/**
 * Reads `auth.providers.demo` (the provider's own config). Demo sign-in is
 * refused outside development (`NODE_ENV=development`) unless
 * `dangerouslyAllowOutsideDevelopment` is true, like the guest provider.
 */
export function readDemoUsersOptions(config: Config): DemoUsersOptions {
  const users = (config.getOptionalStringArray('users') ?? []).map(value => {
    const ref = toUserEntityRef(value);
    if (!ref) {
      throw new Error(
        `auth.providers.demo.users: '${value}' is not an entity ref of a User`,
      );
    }
    return ref;
  });
  const allowOutsideDevelopment =
    config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true;
  if (process.env.NODE_ENV !== 'development' && !allowOutsideDevelopment) {
    return {
      users,
      disabledReason:
        "The demo provider cannot be used outside of a development environment unless 'auth.providers.demo.dangerouslyAllowOutsideDevelopment' is enabled",
    };
  }
  return { users };
}

/** The users offered for sign-in: none while demo sign-in is refused. */
export function offeredDemoUsers(options: DemoUsersOptions): string[] {
  return options.disabledReason ? [] : options.users;
}

/**
 * Picks the user named by the `x-demo-user` header (an entity ref, or a
 * name in the default namespace) when it is one of the configured users.
 */
export const demoUsersAuthenticator = createProxyAuthenticator<
  DemoUsersOptions,
  DemoUserResult,
  undefined
>({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize({ config }) {
    return readDemoUsersOptions(config);
  },
  async authenticate({ req }, options) {
    if (options.disabledReason) {
      throw new NotAllowedError(options.disabledReason);
    }
    const allowed =
      options.users.length > 0
        ? `the demo users are ${options.users.join(', ')}`
        : 'no demo users are configured (auth.providers.demo.users)';
    const requested = req.header(DEMO_USER_HEADER)?.trim();
    if (!requested) {
      throw new AuthenticationError(
        `Choose a demo user with the ${DEMO_USER_HEADER} header; ${allowed}`,
      );
    }
    const userEntityRef = toUserEntityRef(requested);
    if (!userEntityRef || !options.users.includes(userEntityRef)) {
      throw new NotAllowedError(
        `'${requested}' is not a demo user; ${allowed}`,
      );
    }
    return { result: { userEntityRef } };
  },
});

const stringField = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** The user's name, email and picture from their catalog profile. */
export const demoUserProfile: ProfileTransform<DemoUserResult> = async (
  { userEntityRef },
  ctx,
) => {
  try {
    const { entity } = await ctx.findCatalogUser({ entityRef: userEntityRef });
    const profile = entity.spec?.profile;
    if (!profile || typeof profile !== 'object' || Array.isArray(profile)) {
      return { profile: {} };
    }
    return {
      profile: {
        displayName: stringField(profile.displayName),
        email: stringField(profile.email),
        picture: stringField(profile.picture),
      },
    };
  } catch {
    // Signing in looks the user up again and says what is wrong.
    return { profile: {} };
  }
};

/**
 * Signs in as the catalog User, so ownership comes from the catalog (the
 * user and the groups they are a member of). A configured user that the
 * catalog lacks is refused, with no identity made up for it.
 */
export const signInAsDemoUser: SignInResolver<DemoUserResult> = async (
  { result: { userEntityRef } },
  ctx,
) => {
  try {
    return await ctx.signInWithCatalogUser({ entityRef: userEntityRef });
  } catch (error) {
    if (error instanceof Error && error.name === 'NotFoundError') {
      throw new NotFoundError(
        `Demo user ${userEntityRef} is not in the catalog`,
      );
    }
    throw error;
  }
};
