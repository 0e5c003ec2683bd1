import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  exemptionReadPermission,
  ownershipReadPermission,
} from '@internal/backstage-plugin-runtime-stack-common';
import { allowedOf } from '../auth/authorizeRequest';
import {
  OBSERVED_SOURCES,
  SOURCE_READ_PERMISSIONS,
  type WithheldSources,
} from './readableEvidence';

/** What of a service's coverage a caller may read beyond the figures. */
export interface CoverageReadOptions {
  withOwners: boolean;
  withExemptionReasons: boolean;
  withheld: WithheldSources;
}

/**
 * What of a service's coverage the caller may read, as their permissions
 * say, asked in one request.
 */
export async function coverageReadOptionsFor(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<CoverageReadOptions> {
  const allowed = await allowedOf(
    permissions,
    {
      owners: ownershipReadPermission,
      exemptionReasons: exemptionReadPermission,
      ...SOURCE_READ_PERMISSIONS,
    },
    credentials,
  );
  return {
    withOwners: allowed.owners,
    withExemptionReasons: allowed.exemptionReasons,
    withheld: new Set(OBSERVED_SOURCES.filter(source => !allowed[source])),
  };
}
