import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import demoUsersModule from './demoUsersModule';
import { toUserEntityRef } from './demoUsers';
import { startTestBackendClosingDatabases } from '@internal/backend-test-kit';

/** Users as the catalog serves them, with the relations it derives. */
const user = (name: string, groups: string[]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {
    profile: { displayName: `Display ${name}`, email: `${name}@acme.example` },
    memberOf: groups,
  },
  relations: groups.map(group => ({
    type: 'memberOf',
    targetRef: `group:default/${group}`,
  })),
});

const ESTATE = [
  user('sara-lindqvist', ['team-checkout']),
  user('priya-nair', ['platform-team', 'portal-admins']),
];

/**
 * A catalog backend answering the one call sign-in makes,
 * `GET /entities/by-name/:kind/:namespace/:name`, over HTTP as the real one.
 */
const fakeCatalog = createBackendPlugin({
  pluginId: 'catalog',
  register(reg) {
    reg.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use((req, res, next) => {
          const match = /^\/entities\/by-name\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(
            req.path,
          );
          if (!match) {
            next();
            return;
          }
          const ref = `${match[1]}:${match[2]}/${match[3]}`.toLowerCase();
          const entity = ESTATE.find(
            e => `user:default/${e.metadata.name}` === ref,
          );
          if (entity) {
            res.json(entity);
          } else {
            res.status(404).json({
              error: { name: 'NotFoundError', message: `No entity ${ref}` },
            });
          }
        });
      },
    });
  },
});

type DemoConfig = {
  users?: string[];
  dangerouslyAllowOutsideDevelopment?: boolean;
};

async function startPortal(
  demo: DemoConfig | undefined,
  nodeEnv = 'development',
) {
  process.env.NODE_ENV = nodeEnv;
  const logger = mockServices.logger.mock();
  const backend = await startTestBackendClosingDatabases({
    lingeringDatabasePlugins: ['auth'],
    features: [
      authPlugin,
      demoUsersModule,
      fakeCatalog,
      logger.factory,
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { providers: demo ? { demo } : {} },
        },
      }),
    ],
  });
  const baseUrl = `http://localhost:${backend.server.port()}/api/auth`;
  return {
    logger,
    refresh: (demoUser?: string) =>
      fetch(`${baseUrl}/demo/refresh`, {
        headers: {
          'X-Requested-With': 'XMLHttpRequest',
          ...(demoUser === undefined ? {} : { 'x-demo-user': demoUser }),
        },
      }),
    offered: () => fetch(`${baseUrl}/demo/users`),
    stop: () => backend.stop(),
  };
}

/** The claims of a JWT, unverified. */
function claimsOf(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

const EXAMPLE = {
  users: ['user:default/sara-lindqvist', 'priya-nair', 'user:default/ghost'],
};

describe('the demo users auth provider', () => {
  const originalNodeEnv = process.env.NODE_ENV;
  let portal: Awaited<ReturnType<typeof startPortal>> | undefined;

  afterEach(async () => {
    await portal?.stop();
    portal = undefined;
    process.env.NODE_ENV = originalNodeEnv;
  });

  it('signs in as the catalog user named by the x-demo-user header, with their groups', async () => {
    portal = await startPortal(EXAMPLE);

    const res = await portal.refresh('sara-lindqvist');

    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/sara-lindqvist',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/sara-lindqvist',
        'group:default/team-checkout',
      ]),
    });
    expect(body.backstageIdentity.identity.ownershipEntityRefs).not.toContain(
      'group:default/platform-team',
    );
    expect(claimsOf(body.backstageIdentity.token).sub).toBe(
      'user:default/sara-lindqvist',
    );
    expect(body.profile).toEqual({
      displayName: 'Display sara-lindqvist',
      email: 'sara-lindqvist@acme.example',
    });
  });

  it('takes a full entity ref in the header too, and another user gets their own groups', async () => {
    portal = await startPortal(EXAMPLE);

    const res = await portal.refresh('user:default/priya-nair');

    expect(res.status).toBe(200);
    const { backstageIdentity } = await res.json();
    expect(backstageIdentity.identity.userEntityRef).toBe(
      'user:default/priya-nair',
    );
    expect(backstageIdentity.identity.ownershipEntityRefs).toEqual(
      expect.arrayContaining([
        'group:default/platform-team',
        'group:default/portal-admins',
      ]),
    );
  });

  it('refuses a user who is not configured, naming the demo users', async () => {
    portal = await startPortal(EXAMPLE);

    const res = await portal.refresh('marco-rossi');

    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body.error.message).toBe(
      "'marco-rossi' is not a demo user; the demo users are user:default/sara-lindqvist, user:default/priya-nair, user:default/ghost",
    );
    expect(body).not.toHaveProperty('backstageIdentity');
  });

  it('refuses a request without the header, naming the demo users', async () => {
    portal = await startPortal(EXAMPLE);

    const res = await portal.refresh();

    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toBe(
      'Choose a demo user with the x-demo-user header; the demo users are user:default/sara-lindqvist, user:default/priya-nair, user:default/ghost',
    );
  });

  it('refuses a configured user the catalog does not have', async () => {
    portal = await startPortal(EXAMPLE);

    const res = await portal.refresh('ghost');

    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe(
      'Demo user user:default/ghost is not in the catalog',
    );
  });

  it('offers the configured users to the sign-in page without a token, and logs them once at start', async () => {
    portal = await startPortal(EXAMPLE);

    const res = await portal.offered();

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      users: [
        'user:default/sara-lindqvist',
        'user:default/priya-nair',
        'user:default/ghost',
      ],
    });
    const offeredLogs = portal.logger.info.mock.calls.filter(([message]) =>
      message.startsWith('Demo users offered'),
    );
    expect(offeredLogs).toEqual([
      [
        'Demo users offered for sign-in: user:default/sara-lindqvist, user:default/priya-nair, user:default/ghost',
      ],
    ]);
  });

  it('is refused in production, and offers nobody, unless dangerouslyAllowOutsideDevelopment', async () => {
    portal = await startPortal(EXAMPLE, 'production');

    const res = await portal.refresh('sara-lindqvist');

    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(
      /cannot be used outside of a development environment unless 'auth\.providers\.demo\.dangerouslyAllowOutsideDevelopment' is enabled/,
    );
    expect(await (await portal.offered()).json()).toEqual({ users: [] });
    expect(portal.logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^Demo users are not offered: The demo provider/),
    );

    await portal.stop();
    portal = await startPortal(
      { ...EXAMPLE, dangerouslyAllowOutsideDevelopment: true },
      'production',
    );
    const allowed = await portal.refresh('sara-lindqvist');
    expect(allowed.status).toBe(200);
  });

  it('refuses to start with a configured demo user that is not a User', async () => {
    await expect(
      startPortal({ users: ['group:default/team-checkout'] }),
    ).rejects.toThrow(
      "auth.providers.demo.users: 'group:default/team-checkout' is not an entity ref of a User",
    );
  });

  it('offers nobody and has no provider when auth.providers.demo is not configured', async () => {
    portal = await startPortal(undefined);

    expect(await (await portal.offered()).json()).toEqual({ users: [] });
    expect((await portal.refresh('sara-lindqvist')).status).toBe(404);
  });
});

describe('toUserEntityRef', () => {
  it.each([
    ['sara-lindqvist', 'user:default/sara-lindqvist'],
    ['user:default/sara-lindqvist', 'user:default/sara-lindqvist'],
    ['User:Default/Sara-Lindqvist', 'user:default/sara-lindqvist'],
    ['other/sara', 'user:other/sara'],
    [' sara ', 'user:default/sara'],
  ])('reads %j as %j', (value, ref) => {
    expect(toUserEntityRef(value)).toBe(ref);
  });

  it.each(['group:default/team-checkout', '', 'a/b/c', 'user:'])(
    'refuses %j',
    value => {
      expect(toUserEntityRef(value)).toBeUndefined();
    },
  );
});
