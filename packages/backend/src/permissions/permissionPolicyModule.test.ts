import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import type { PermissionPolicy } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { exemptionCreatePermission } from '@internal/backstage-plugin-runtime-stack-common';
import permissionPolicyModule from './permissionPolicyModule';

const kubernetesProxy = createPermission({
  name: 'kubernetes.proxy',
  attributes: {},
});

/** Who each test user is, as the catalog's sign-in would resolve them. */
const OWNERSHIP: Record<string, string[]> = {
  'user:default/priya': ['user:default/priya', 'group:default/portal-admins'],
  'user:default/pat': ['user:default/pat'],
  'user:default/omar': ['user:default/omar', 'group:default/security-team'],
  'user:default/dana': ['user:default/dana', 'group:default/team-payments'],
};

/** Starts the module with `permission` config; resolves to its policy. */
async function startPolicy(permission?: object) {
  let policy: PermissionPolicy | undefined;
  const userInfo = mockServices.userInfo.mock({
    async getUserInfo(credentials) {
      const { userEntityRef } = (
        credentials as ReturnType<typeof mockCredentials.user>
      ).principal;
      return {
        userEntityRef,
        ownershipEntityRefs: OWNERSHIP[userEntityRef],
      };
    },
  });
  const backend = await startTestBackend({
    extensionPoints: [
      [
        policyExtensionPoint,
        { setPolicy: (p: PermissionPolicy) => (policy = p) },
      ],
    ],
    features: [
      permissionPolicyModule,
      userInfo.factory,
      mockServices.rootConfig.factory({
        data: permission ? { permission } : {},
      }),
    ],
  });
  await backend.stop();
  return policy!;
}

async function decide(
  policy: PermissionPolicy,
  userEntityRef: string,
  permission: typeof kubernetesProxy,
) {
  const credentials = mockCredentials.user(userEntityRef);
  const { result } = await policy.handle(
    { permission },
    {
      credentials,
      info: { userEntityRef, ownershipEntityRefs: OWNERSHIP[userEntityRef] },
    },
  );
  return result;
}

describe('permissionPolicyModule', () => {
  it('matches admins and exemption granters however their refs are written', async () => {
    const policy = await startPolicy({
      // A bare name is a group in the default namespace; case is ignored.
      admins: ['Portal-Admins', 'User:Default/Pat'],
      exemptionGranters: [' default/security-team '],
    });
    await expect(
      decide(policy, 'user:default/priya', kubernetesProxy),
    ).resolves.toBe(AuthorizeResult.ALLOW);
    await expect(
      decide(policy, 'user:default/pat', kubernetesProxy),
    ).resolves.toBe(AuthorizeResult.ALLOW);
    await expect(
      decide(policy, 'user:default/omar', exemptionCreatePermission),
    ).resolves.toBe(AuthorizeResult.ALLOW);
    await expect(
      decide(policy, 'user:default/dana', kubernetesProxy),
    ).resolves.toBe(AuthorizeResult.DENY);
    await expect(
      decide(policy, 'user:default/dana', exemptionCreatePermission),
    ).resolves.toBe(AuthorizeResult.DENY);
  });

  it('makes nobody an admin or exemption granter when the keys are unset', async () => {
    // No fallback to the example estate's groups: a deployment that leaves
    // them out of its config must not hand portal-admins everything.
    const policy = await startPolicy();
    await expect(
      decide(policy, 'user:default/priya', kubernetesProxy),
    ).resolves.toBe(AuthorizeResult.DENY);
    await expect(
      decide(policy, 'user:default/omar', exemptionCreatePermission),
    ).resolves.toBe(AuthorizeResult.DENY);

    // An empty list, as a deployment replacing the example's, is nobody too.
    const empty = await startPolicy({ admins: [], exemptionGranters: [] });
    await expect(
      decide(empty, 'user:default/priya', kubernetesProxy),
    ).resolves.toBe(AuthorizeResult.DENY);
  });

  it.each([
    ['admins', ['portal-admins', 'group:'], /permission\.admins\[1\] 'group:'/],
    [
      'exemptionGranters',
      ['platform-team', 'group:default/'],
      /permission\.exemptionGranters\[1\] 'group:default\/' is not an entity ref/,
    ],
  ])(
    'refuses to start with an entry of %s that is no entity ref',
    async (key, entries, message) => {
      await expect(startPolicy({ [key]: entries })).rejects.toThrow(message);
    },
  );
});
