import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { taskCancelPermission } from '@backstage/plugin-scaffolder-common/alpha';
import {
  exemptionCreatePermission,
  exemptionDeletePermission,
  exemptionReadPermission,
  ownershipReadPermission,
  ownershipUpdatePermission,
} from '@internal/backstage-plugin-runtime-stack-common';
import { PortalPermissionPolicy } from './PortalPermissionPolicy';

const kubernetesProxy = createPermission({
  name: 'kubernetes.proxy',
  attributes: {},
});
const someoneElsesWrite = createPermission({
  name: 'other.thing.update',
  attributes: { action: 'update' },
});

function policyFor(ownershipEntityRefs: string[]) {
  const userEntityRef = ownershipEntityRefs.find(r => r.startsWith('user:'))!;
  return {
    policy: new PortalPermissionPolicy(
      mockServices.userInfo({ userEntityRef, ownershipEntityRefs }),
      new Set(['group:default/platform-team']),
      new Set(['group:default/security-team']),
    ),
    user: {
      credentials: mockCredentials.user(userEntityRef),
      info: { userEntityRef, ownershipEntityRefs },
    },
  };
}

const developer = () =>
  policyFor(['user:default/dana', 'group:default/team-payments']);
const admin = () =>
  policyFor(['user:default/pat', 'group:default/platform-team']);
const loner = () => policyFor(['user:development/guest']);

describe('PortalPermissionPolicy', () => {
  it('lets exemption granters, and admins, grant and revoke exemptions; everyone read them', async () => {
    const security = policyFor([
      'user:default/omar',
      'group:default/security-team',
    ]);
    for (const permission of [
      exemptionCreatePermission,
      exemptionDeletePermission,
    ]) {
      await expect(
        security.policy.handle({ permission }, security.user),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      const dev = developer();
      await expect(
        dev.policy.handle({ permission }, dev.user),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
      const boss = admin();
      await expect(
        boss.policy.handle({ permission }, boss.user),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
    const dev = developer();
    await expect(
      dev.policy.handle({ permission: exemptionReadPermission }, dev.user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets everyone signed in read', async () => {
    const { policy, user } = loner();
    await expect(
      policy.handle({ permission: catalogEntityReadPermission }, user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets owners, and only owners, refresh or delete their entities', async () => {
    const { policy, user } = developer();
    for (const permission of [
      catalogEntityRefreshPermission,
      catalogEntityDeletePermission,
    ]) {
      await expect(policy.handle({ permission }, user)).resolves.toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: ['user:default/dana', 'group:default/team-payments'],
          },
        },
      });
    }
  });

  it('lets team members register locations but not an identity without a team', async () => {
    const member = developer();
    await expect(
      member.policy.handle(
        { permission: catalogLocationCreatePermission },
        member.user,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    const nobody = loner();
    await expect(
      nobody.policy.handle(
        { permission: catalogLocationCreatePermission },
        nobody.user,
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('keeps admin-only permissions from non-admins and grants them to admins', async () => {
    const { policy, user } = developer();
    for (const permission of [
      catalogLocationDeletePermission,
      kubernetesProxy,
    ]) {
      await expect(policy.handle({ permission }, user)).resolves.toEqual({
        result: AuthorizeResult.DENY,
      });
      const a = admin();
      await expect(a.policy.handle({ permission }, a.user)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('lets a user cancel only the scaffolder tasks they started', async () => {
    const { policy, user } = developer();
    await expect(
      policy.handle({ permission: taskCancelPermission }, user),
    ).resolves.toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        rule: 'IS_TASK_OWNER',
        params: { createdBy: ['user:default/dana'] },
      },
    });
  });

  it('lets group members change the layer ownership their groups own', async () => {
    const { policy, user } = developer();
    await expect(
      policy.handle({ permission: ownershipUpdatePermission }, user),
    ).resolves.toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'runtime-stack',
      resourceType: 'runtime-stack-layer-ownership',
      conditions: {
        rule: 'IS_OWNED_BY',
        resourceType: 'runtime-stack-layer-ownership',
        params: {
          claims: ['user:default/dana', 'group:default/team-payments'],
        },
      },
    });
    await expect(
      policy.handle({ permission: ownershipReadPermission }, loner().user),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies updates of other plugins to non-admins', async () => {
    const { policy, user } = developer();
    await expect(
      policy.handle({ permission: someoneElsesWrite }, user),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies writes when there is no user at all', async () => {
    const { policy } = developer();
    await expect(
      policy.handle({ permission: catalogLocationCreatePermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
