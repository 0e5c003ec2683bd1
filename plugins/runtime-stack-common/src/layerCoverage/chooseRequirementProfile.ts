import { RUNTIME_STACK_ANNOTATIONS } from '../annotations';
import type { ProfileChoice, RequirementProfile } from './types';

/**
 * Lifecycles that map to a profile unless the rules say otherwise; any other
 * lifecycle gets the default profile.
 */
const DEFAULT_PROFILE_BY_LIFECYCLE: Record<string, string> = {
  production: 'tier-1',
  experimental: 'experimental',
};

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
  // Why earlier rules were skipped, appended to the reason of the winner.
  const skipped: string[] = [];
  const pick = (id: string | undefined, reason: string) => {
    const trimmed = id?.trim();
    if (!trimmed) return undefined;
    const profile = byId.get(trimmed);
    if (!profile) {
      skipped.push(`${reason} names unknown profile '${trimmed}'`);
      return undefined;
    }
    const because = skipped.length ? ` (${skipped.join('; ')})` : '';
    return { profile, reason: `${reason}${because}` };
  };

  const lifecycle = input.lifecycle?.trim().toLowerCase();
  // A Map, so a lifecycle such as `constructor` cannot hit Object.prototype.
  const byLifecycle = new Map(
    Object.entries({
      ...DEFAULT_PROFILE_BY_LIFECYCLE,
      ...rules?.byLifecycle,
    }).map(([key, id]) => [key.toLowerCase(), id]),
  );
  const systemLabel = input.system ? `System ${input.system}` : 'System';
  const defaultId = rules?.defaultProfile ?? DEFAULT_PROFILE_ID;

  const chosen =
    pick(input.annotation, `annotation ${ANNOTATION}`) ??
    pick(input.systemAnnotation, `${systemLabel} annotation ${ANNOTATION}`) ??
    (lifecycle
      ? pick(byLifecycle.get(lifecycle), `lifecycle ${lifecycle}`)
      : undefined) ??
    pick(defaultId, 'default');
  if (chosen) return chosen;

  // Even the default is unknown: use the first profile rather than fail a page.
  skipped.push(`using the first profile`);
  return { profile: profiles[0], reason: `default (${skipped.join('; ')})` };
}
