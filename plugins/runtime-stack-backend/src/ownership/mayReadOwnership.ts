import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ownershipReadPermission } from '@internal/backstage-plugin-runtime-stack-common';

/**
 * Whether the permission policy lets the caller read layer ownership, for
 * answers that carry owners beside what their own permission allows (the
 * coverage of a service): without it they go without owners, as
 * `GET …/ownership` would refuse them.
 */
export async function mayReadOwnership(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<boolean> {
  const [decision] = await permissions.authorize(
    [{ permission: ownershipReadPermission }],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW;
}
