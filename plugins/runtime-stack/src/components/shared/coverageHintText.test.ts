import {
  CLAIM_ONLY_HINTS,
  DELIVERY_HINTS,
  TELEMETRY_HINTS,
  chooseRequirementProfile,
  coverageHintParts,
  defaultRequirementProfiles,
  describeCoverageHint,
  describeProfileReason,
  withEvidenceDetail,
  type CoverageEvidence,
  type OfferedTool,
} from '@internal/backstage-plugin-runtime-stack-common';
import { englishT } from '../../__testUtils__/translations';
import { coverageHintText, profileReasonText } from './coverageHintText';

const declare = (capability: string, tool: string): CoverageEvidence => ({
  source: 'declared',
  capability,
  tool,
  detail: 'runtime-stack.io/tools',
  strength: 'partial',
});
const partly = (capability: string, detail: string): CoverageEvidence => ({
  source: 'observability',
  capability,
  detail,
  strength: 'partial',
});
const offer = (
  capability: string,
  tool: string,
  cluster = 'prod-eu-1',
): OfferedTool => ({ capability, tool, cluster });

describe('coverageHintText', () => {
  // Every capability the engine has advice for, and one it has none for.
  const capabilities = [
    ...new Set([
      ...Object.keys(TELEMETRY_HINTS),
      ...Object.keys(DELIVERY_HINTS),
      ...Object.keys(CLAIM_ONLY_HINTS),
      'gitops',
    ]),
  ];

  it.each(capabilities)(
    'words every kind of %s hint in English as the engine does',
    capability => {
      const cases: Array<[OfferedTool[], CoverageEvidence[]]> = [
        [[], []],
        [[offer(capability, 'a'), offer(capability, 'b', 'prod-us-1')], []],
        [[offer(capability, 'a')], [partly(capability, '0 of 2 healthy')]],
        [[], [partly(capability, 'x'), partly(capability, 'y')]],
        [[offer(capability, 'a')], [declare(capability, 'd')]],
        [[], [declare(capability, 'd'), declare(capability, 'e')]],
      ];
      for (const [offered, evidence] of cases) {
        const hintParts = coverageHintParts(capability, offered, evidence);
        // No `hint` given: the words must come from the parts alone.
        expect(coverageHintText(englishT, { hintParts })).toBe(
          describeCoverageHint(hintParts),
        );
      }
    },
  );

  it("words what was found of a partly covered capability from its evidence's parts", () => {
    const evidence = [
      withEvidenceDetail(
        {
          source: 'cluster' as const,
          capability: 'health',
          tool: 'liveness-probe',
          strength: 'partial' as const,
        },
        { kind: 'every-container', object: 'Deployment payments/api' },
      ),
    ];
    const hintParts = coverageHintParts('health', [], evidence);
    expect(coverageHintText(englishT, { hintParts, evidence })).toBe(
      describeCoverageHint(hintParts),
    );
    // Evidence that does not match the parts: their English details stay.
    expect(
      coverageHintText(englishT, {
        hintParts: { ...hintParts, partly: ['as stored'] },
        evidence: [],
      }),
    ).toContain('only partly covered (as stored)');
  });

  it("keeps the backend's hint where there are no parts, or no words for the advice", () => {
    expect(coverageHintText(englishT, { hint: 'stored earlier' })).toBe(
      'stored earlier',
    );
    expect(
      coverageHintText(englishT, {
        hint: 'what a newer backend says',
        hintParts: { capability: 'feature-flags', next: 'source' },
      }),
    ).toBe('what a newer backend says');
    expect(coverageHintText(englishT, {})).toBeUndefined();
  });
});

describe('profileReasonText', () => {
  it.each([
    [{ annotation: 'experimental' }],
    [{ systemAnnotation: 'tier-1', system: 'payments' }],
    [{ systemAnnotation: 'tier-1' }],
    [{ lifecycle: 'production' }],
    [{}],
    [{ annotation: 'gold', systemAnnotation: 'silver', lifecycle: 'staging' }],
  ])('words the choice for %j in English as the engine does', input => {
    const choice = chooseRequirementProfile(input, defaultRequirementProfiles);
    expect(profileReasonText(englishT, choice)).toBe(
      describeProfileReason(choice.reasonParts!),
    );
  });

  it('words the fallback to the first profile, with and without a skipped default', () => {
    for (const defaultProfile of ['bronze', ' ']) {
      const choice = chooseRequirementProfile({}, defaultRequirementProfiles, {
        defaultProfile,
      });
      expect(choice.reasonParts?.rule).toBe('first-profile');
      expect(profileReasonText(englishT, choice)).toBe(choice.reason);
    }
  });

  it("keeps the backend's reason for coverage stored without parts", () => {
    expect(
      profileReasonText(englishT, { reason: 'lifecycle production' }),
    ).toBe('lifecycle production');
  });
});
