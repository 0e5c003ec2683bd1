import type { EntityCoverage } from '@internal/backstage-plugin-runtime-stack-common';

type SourceErrors = EntityCoverage['sourceErrors'];

/**
 * The source the backend names when the capabilities' owners could not be
 * read. Owners are no evidence: the coverage is whole without them, so
 * their failure belongs beside the owners, not among the coverage's caveats.
 */
const OWNERSHIP = 'ownership';

/** The failed sources the coverage counts evidence from. */
export const evidenceSourceErrors = (errors: SourceErrors): SourceErrors =>
  errors.filter(e => e.source !== OWNERSHIP);

/** Why the owners could not be read, when they could not. */
export const ownershipReadError = (errors: SourceErrors): string | undefined =>
  errors.find(e => e.source === OWNERSHIP)?.message;

/**
 * Whether the caller may read owners at all. The backend leaves `owners` out
 * of every capability for a caller the permission policy does not let read
 * them; owners that failed to load are left out too, but named among the
 * source errors, and their history may still load. Without capabilities
 * there is nothing to tell by, and the backend decides.
 */
export const ownershipReadable = (
  coverage: Pick<EntityCoverage, 'capabilities' | 'sourceErrors'>,
): boolean =>
  coverage.capabilities.length === 0 ||
  coverage.capabilities.some(c => c.owners !== undefined) ||
  ownershipReadError(coverage.sourceErrors) !== undefined;
