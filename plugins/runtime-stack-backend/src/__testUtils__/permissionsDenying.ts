import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * A permission policy that denies the permissions named and allows every
 * other, conditional ones included: a reader of coverage who may not read
 * ownership, say.
 */
export function permissionsDenying(names: string[]) {
  const decide = (requests: Array<{ permission: { name: string } }>) =>
    requests.map(({ permission }) => ({
      result: names.includes(permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    }));
  return mockServices.permissions.mock({
    authorize: async requests => decide(requests),
    authorizeConditional: async requests => decide(requests) as any,
  }).factory;
}
