import { RUNTIME_STACK_ANNOTATIONS } from '../annotations';
import type {
  ProfileChoice,
  ProfileReasonParts,
  ProfileRule,
  RequirementProfile,
} from './types';

/**
 * Lifecycles that map to a profile unless the rules say otherwise; any other
 * lifecycle gets the default profile.
 */
const DEFAULT_PROFILE_BY_LIFECYCLE: Record<string, string> = {
  production: 'tier-1',
  experimental: 'experimental',
};

/**
 * The lifecycles {@link chooseRequirementProfile} maps to a profile of its
 * own accord, before any rules of app-config.
 *
 * @public
 */
export const BUILT_IN_PROFILE_LIFECYCLES: readonly string[] = Object.keys(
  DEFAULT_PROFILE_BY_LIFECYCLE,
);

const DEFAULT_PROFILE_ID = 'tier-2';

const ANNOTATION = RUNTIME_STACK_ANNOTATIONS.requirementProfile;

/**
 * Picks the requirement profile of a service, in order: the entity's
 * `runtime-stack.io/requirement-profile` annotation, the same annotation on
 * its System, the lifecycle mapping, then the default profile. An annotation
 * or mapping naming an unknown profile falls through to the next rule, and
 * the reason says so, because a typo should be visible rather than silently
 * ignored. `system` is only used to name the System in the reason.
 *
 * @public
 */
export function chooseRequirementProfile(
  input: {
    annotation?: string;
    systemAnnotation?: string;
    lifecycle?: string;
    system?: string;
  },
  profiles: RequirementProfile[],
  rules?: { byLifecycle?: Record<string, string>; defaultProfile?: string },
): ProfileChoice {
  if (profiles.length === 0) {
    throw new Error('chooseRequirementProfile needs at least one profile');
  }
  const byId = new Map(profiles.map(p => [p.id, p]));
  // Earlier rules that named an unknown profile, kept with the winner.
  const skipped: Array<ProfileRule & { profile: string }> = [];
  const choose = (
    profile: RequirementProfile,
    rule: ProfileReasonParts,
  ): ProfileChoice => {
    const reasonParts = skipped.length > 0 ? { ...rule, skipped } : rule;
    return { profile, reason: describeProfileReason(reasonParts), reasonParts };
  };
  const pick = (id: string | undefined, rule: ProfileRule) => {
    const trimmed = id?.trim();
    if (!trimmed) return undefined;
    const profile = byId.get(trimmed);
    if (!profile) {
      skipped.push({ ...rule, profile: trimmed });
      return undefined;
    }
    return choose(profile, rule);
  };

  const lifecycle = input.lifecycle?.trim().toLowerCase();
  // A Map, so a lifecycle such as `constructor` cannot hit Object.prototype.
  const byLifecycle = new Map(
    Object.entries({
      ...DEFAULT_PROFILE_BY_LIFECYCLE,
      ...rules?.byLifecycle,
    }).map(([key, id]) => [key.toLowerCase(), id]),
  );
  const defaultId = rules?.defaultProfile ?? DEFAULT_PROFILE_ID;

  return (
    pick(input.annotation, { rule: 'annotation' }) ??
    pick(input.systemAnnotation, {
      rule: 'system-annotation',
      ...(input.system && { system: input.system }),
    }) ??
    (lifecycle
      ? pick(byLifecycle.get(lifecycle), { rule: 'lifecycle', lifecycle })
      : undefined) ??
    pick(defaultId, { rule: 'default' }) ??
    // Even the default is unknown: use the first profile rather than fail a page.
    choose(profiles[0], { rule: 'first-profile' })
  );
}

const describeRule = (rule: ProfileRule) => {
  switch (rule.rule) {
    case 'annotation':
      return `annotation ${ANNOTATION}`;
    case 'system-annotation':
      return `${
        rule.system ? `System ${rule.system}` : 'System'
      } annotation ${ANNOTATION}`;
    case 'lifecycle':
      return `lifecycle ${rule.lifecycle}`;
    default:
      return 'default';
  }
};

/**
 * Why a service has its profile, in English: the `reason` of the API.
 *
 * @public
 */
export function describeProfileReason(parts: ProfileReasonParts): string {
  const skipped = (parts.skipped ?? []).map(
    s => `${describeRule(s)} names unknown profile '${s.profile}'`,
  );
  if (parts.rule === 'first-profile') {
    return `default (${[...skipped, 'using the first profile'].join('; ')})`;
  }
  const rule = describeRule(parts);
  return skipped.length > 0 ? `${rule} (${skipped.join('; ')})` : rule;
}
