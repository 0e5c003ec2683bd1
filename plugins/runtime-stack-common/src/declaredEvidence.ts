import { RUNTIME_STACK_ANNOTATIONS } from './annotations';
import type { DeclaredStack } from './declaredStack';
import { withEvidenceDetail } from './layerCoverage/evidenceDetail';
import type { CoverageEvidence } from './layerCoverage/types';

/**
 * What the annotations of an entity and its System claim, as coverage
 * evidence: the tools of `runtime-stack.io/tools`, and those the annotations
 * of other plugins imply. The backend measures a registered service with it
 * and the template form's preview a planned one, so both count the same
 * claims.
 *
 * @public
 */
export function declaredEvidence(declared: DeclaredStack): CoverageEvidence[] {
  return [
    ...declared.tools.map(
      (t): CoverageEvidence =>
        withEvidenceDetail(
          {
            source: 'declared',
            capability: t.capability,
            tool: t.tool,
            strength: 'full',
          },
          {
            kind: 'declared',
            annotation: RUNTIME_STACK_ANNOTATIONS.tools,
            ofSystem: t.source === 'system',
          },
        ),
    ),
    ...declared.ecosystemTools.map(
      (t): CoverageEvidence => ({
        source: 'declared',
        capability: t.capability,
        tool: t.tool,
        detail: `${t.annotation}: ${t.value}`,
        strength: 'full',
      }),
    ),
  ];
}
