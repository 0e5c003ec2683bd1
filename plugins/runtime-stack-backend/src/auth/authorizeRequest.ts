import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import type { Request } from 'express';

/**
 * Whether the permission policy allows the caller a basic permission: for
 * answers that leave out what it guards rather than refuse.
 */
export async function isAllowed(
  permissions: PermissionsService,
  permission: BasicPermission,
  credentials: BackstageCredentials,
): Promise<boolean> {
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  return decision.result === AuthorizeResult.ALLOW;
}

/**
 * Which of several basic permissions the caller has, asked in one request
 * to the permission backend rather than one each.
 */
export async function allowedOf<K extends string>(
  permissions: PermissionsService,
  asked: Readonly<Record<K, BasicPermission>>,
  credentials: BackstageCredentials,
): Promise<Record<K, boolean>> {
  const keys = Object.keys(asked) as K[];
  const decisions = await permissions.authorize(
    keys.map(key => ({ permission: asked[key] })),
    { credentials },
  );
  return Object.fromEntries(
    keys.map((key, i) => [key, decisions[i].result === AuthorizeResult.ALLOW]),
  ) as Record<K, boolean>;
}

/**
 * Allows the caller a basic permission, or throws `NotAllowedError` (403)
 * with `refusal`: for routes, actions and anything else that holds the
 * caller's credentials.
 */
export async function authorizeCredentials(
  permissions: PermissionsService,
  permission: BasicPermission,
  credentials: BackstageCredentials,
  refusal: string,
): Promise<void> {
  if (!(await isAllowed(permissions, permission, credentials))) {
    throw new NotAllowedError(refusal);
  }
}

/**
 * The caller's credentials, once the permission policy allows them a basic
 * permission; `NotAllowedError` (403) with `refusal` otherwise.
 */
export async function authorizeRequest(
  req: Request,
  deps: { httpAuth: HttpAuthService; permissions: PermissionsService },
  permission: BasicPermission,
  refusal: string,
): Promise<BackstageCredentials> {
  const credentials = await deps.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  await authorizeCredentials(
    deps.permissions,
    permission,
    credentials,
    refusal,
  );
  return credentials;
}
