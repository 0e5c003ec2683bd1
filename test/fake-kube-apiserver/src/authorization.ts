import type { ResourcePath } from './apiPath';
import { ApiError, makeStatus } from './status';

/** Who the fake says was refused, in 403 messages. */
const CLIENT_USER = 'system:serviceaccount:default:fake-client';

export const resourceId = (group: string, plural: string) =>
  group ? `${plural}.${group}` : plural;

/**
 * The 403 kube-apiserver's RBAC authorizer answers, worded the same way,
 * for resources the test marked forbidden ('pods', 'networkpolicies.networking.k8s.io').
 */
export function authorize(
  forbidden: ReadonlySet<string>,
  path: ResourcePath,
  verb: 'get' | 'list' | 'watch',
): void {
  const { group, plural, namespace, name } = path;
  const id = resourceId(group, plural);
  if (!forbidden.has(id)) {
    return;
  }
  const scope = namespace
    ? `in the namespace "${namespace}"`
    : 'at the cluster scope';
  throw new ApiError(
    makeStatus(
      403,
      `${id} is forbidden: User "${CLIENT_USER}" cannot ${verb} resource "${plural}" in API group "${group}" ${scope}`,
      {
        details: {
          ...(name ? { name } : {}),
          ...(group ? { group } : {}),
          kind: plural,
        },
      },
    ),
  );
}
