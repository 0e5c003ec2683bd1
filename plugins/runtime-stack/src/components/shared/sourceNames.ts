import type { CoverageEvidence } from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';

const EVIDENCE_SOURCES: ReadonlyArray<CoverageEvidence['source']> = [
  'declared',
  'catalog',
  'cluster',
  'registry',
  'observability',
];

/** The sources coverage reads, as its `sourceErrors` name them. */
const COVERAGE_SOURCES = [
  'clusters',
  'images',
  'observability',
  'exemptions',
] as const;

const isOneOf = <T extends string>(
  names: ReadonlyArray<T>,
  name: string,
): name is T => (names as ReadonlyArray<string>).includes(name);

/** Where a piece of evidence comes from, in the app's words. */
export const evidenceSourceName = (t: RuntimeStackT, source: string) =>
  isOneOf(EVIDENCE_SOURCES, source) ? t(`evidenceSource.${source}`) : source;

/**
 * A source coverage could not read, in the app's words; a source this
 * frontend does not know by the backend's name.
 */
export const coverageSourceName = (t: RuntimeStackT, source: string) =>
  isOneOf(COVERAGE_SOURCES, source) ? t(`coverageSource.${source}`) : source;
