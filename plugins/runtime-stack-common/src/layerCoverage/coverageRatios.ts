import type { CapabilityCoverage } from './types';

/** Counts and ratio over the required capabilities; exempt ones are left out. */
export function requiredRatio(capabilities: CapabilityCoverage[]): {
  required: number;
  covered: number;
  partial: number;
  ratio: number;
} {
  const counted = capabilities.filter(
    c => c.requirement === 'required' && c.status !== 'exempt',
  );
  const covered = counted.filter(c => c.status === 'covered').length;
  const partial = counted.filter(c => c.status === 'partial').length;
  const required = counted.length;
  return {
    required,
    covered,
    partial,
    ratio: coverageRatio({ required, covered, partial }),
  };
}

/**
 * `(covered + 0.5 * partial) / required`; nothing required means nothing is
 * missing.
 *
 * @public
 */
export function coverageRatio(counts: {
  required: number;
  covered: number;
  partial: number;
}): number {
  return counts.required === 0
    ? 1
    : (counts.covered + 0.5 * counts.partial) / counts.required;
}
