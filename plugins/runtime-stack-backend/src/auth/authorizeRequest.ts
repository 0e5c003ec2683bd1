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
  const [decision] = await deps.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(refusal);
  }
  return credentials;
}
