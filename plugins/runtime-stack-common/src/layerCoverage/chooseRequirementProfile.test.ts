import { chooseRequirementProfile } from './chooseRequirementProfile';
import { defaultRequirementProfiles } from './defaultRequirementProfiles';

const profiles = defaultRequirementProfiles;

function choose(
  input: Parameters<typeof chooseRequirementProfile>[0],
  rules?: Parameters<typeof chooseRequirementProfile>[2],
) {
  const { profile, reason } = chooseRequirementProfile(input, profiles, rules);
  return { id: profile.id, reason };
}

describe('chooseRequirementProfile', () => {
  it('prefers the entity annotation over everything else', () => {
    expect(
      choose({
        annotation: 'experimental',
        systemAnnotation: 'tier-1',
        lifecycle: 'production',
      }),
    ).toEqual({
      id: 'experimental',
      reason: 'annotation runtime-stack.io/requirement-profile',
    });
  });

  it('uses the System annotation next, naming the System', () => {
    expect(
      choose({
        systemAnnotation: ' tier-2 ',
        system: 'payments',
        lifecycle: 'production',
      }),
    ).toEqual({
      id: 'tier-2',
      reason: 'System payments annotation runtime-stack.io/requirement-profile',
    });
  });

  it('maps lifecycles by default: production, experimental, anything else', () => {
    expect(choose({ lifecycle: 'production' })).toEqual({
      id: 'tier-1',
      reason: 'lifecycle production',
    });
    expect(choose({ lifecycle: 'Experimental' })).toEqual({
      id: 'experimental',
      reason: 'lifecycle experimental',
    });
    expect(choose({ lifecycle: 'staging' })).toEqual({
      id: 'tier-2',
      reason: 'default',
    });
    expect(choose({ lifecycle: 'constructor' }).id).toBe('tier-2');
    expect(choose({})).toEqual({ id: 'tier-2', reason: 'default' });
  });

  it('falls through unknown annotations and says so', () => {
    expect(
      choose({
        annotation: 'tier-0',
        systemAnnotation: 'gold',
        system: 'payments',
        lifecycle: 'production',
      }),
    ).toEqual({
      id: 'tier-1',
      reason:
        "lifecycle production (annotation runtime-stack.io/requirement-profile names unknown profile 'tier-0'; System payments annotation runtime-stack.io/requirement-profile names unknown profile 'gold')",
    });
  });

  it('follows custom lifecycle rules and default profile', () => {
    const rules = {
      byLifecycle: { staging: 'experimental' },
      defaultProfile: 'tier-1',
    };
    expect(choose({ lifecycle: 'staging' }, rules)).toEqual({
      id: 'experimental',
      reason: 'lifecycle staging',
    });
    expect(choose({ lifecycle: 'production' }, rules).id).toBe('tier-1');
    expect(choose({ lifecycle: 'deprecated' }, rules)).toEqual({
      id: 'tier-1',
      reason: 'default',
    });
  });

  it('uses the first profile when even the default is unknown', () => {
    expect(
      choose({ lifecycle: 'deprecated' }, { defaultProfile: 'bronze' }),
    ).toEqual({
      id: 'tier-1',
      reason:
        "default (default names unknown profile 'bronze'; using the first profile)",
    });
    expect(() => chooseRequirementProfile({}, [])).toThrow(/at least one/);
  });
});

describe('the reason in parts', () => {
  const partsOf = (
    input: Parameters<typeof chooseRequirementProfile>[0],
    rules?: Parameters<typeof chooseRequirementProfile>[2],
  ) => chooseRequirementProfile(input, profiles, rules).reasonParts;

  it('names the rule that picked the profile, with what the rule read', () => {
    expect(partsOf({ annotation: 'tier-2' })).toEqual({ rule: 'annotation' });
    expect(partsOf({ systemAnnotation: 'tier-2', system: 'payments' })).toEqual(
      { rule: 'system-annotation', system: 'payments' },
    );
    expect(partsOf({ systemAnnotation: 'tier-2' })).toEqual({
      rule: 'system-annotation',
    });
    expect(partsOf({ lifecycle: ' Production ' })).toEqual({
      rule: 'lifecycle',
      lifecycle: 'production',
    });
    expect(partsOf({})).toEqual({ rule: 'default' });
  });

  it('keeps the rules skipped for an unknown profile, in the order tried', () => {
    expect(
      partsOf({
        annotation: 'tier-0',
        systemAnnotation: 'gold',
        system: 'payments',
        lifecycle: 'production',
      }),
    ).toEqual({
      rule: 'lifecycle',
      lifecycle: 'production',
      skipped: [
        { rule: 'annotation', profile: 'tier-0' },
        { rule: 'system-annotation', system: 'payments', profile: 'gold' },
      ],
    });
    expect(partsOf({}, { defaultProfile: 'bronze' })).toEqual({
      rule: 'first-profile',
      skipped: [{ rule: 'default', profile: 'bronze' }],
    });
  });
});
