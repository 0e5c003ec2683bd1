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
