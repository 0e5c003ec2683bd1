import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  exemptionReadPermission,
  ownershipReadPermission,
} from '@internal/backstage-plugin-runtime-stack-common';
import { isAllowed } from '../auth/authorizeRequest';
import { withheldSourcesFor, type WithheldSources } from './readableEvidence';

/** What of a service's coverage a caller may read beyond the figures. */
export interface CoverageReadOptions {
  withOwners: boolean;
  withExemptionReasons: boolean;
  withheld: WithheldSources;
}

/** What of a service's coverage the caller may read, as their permissions say. */
export async function coverageReadOptionsFor(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<CoverageReadOptions> {
  const [withOwners, withExemptionReasons, withheld] = await Promise.all([
    isAllowed(permissions, ownershipReadPermission, credentials),
    isAllowed(permissions, exemptionReadPermission, credentials),
    withheldSourcesFor(permissions, credentials),
  ]);
  return { withOwners, withExemptionReasons, withheld };
}
