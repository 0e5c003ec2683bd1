import type { EffectiveOwnership } from '../ownership/effectiveOwnership';
import type { ServiceCoverage } from './types';

/**
 * Puts the effective owners of each capability on a coverage answer. Kept
 * apart from the evaluation so stored coverage shows ownership as it is now,
 * not as it was when the evidence was last collected.
 *
 * @public
 */
export function withOwners<T extends ServiceCoverage>(
  coverage: T,
  ownership: EffectiveOwnership,
): T {
  const owners = new Map(
    ownership.capabilities.map(c => [c.capability, c.owners]),
  );
  const place = (c: T['capabilities'][number]) => ({
    ...c,
    owners: owners.get(c.capability) ?? [],
  });
  return {
    ...coverage,
    capabilities: coverage.capabilities.map(place),
    gaps: coverage.gaps.map(place),
  };
}
