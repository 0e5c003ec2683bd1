import type { LayerModel } from '../layers/types';
import {
  PROFILE_LISTS,
  decidingMentions,
  expandProfileEntry,
  isLayerEntry,
  profileMentions,
} from './profileEntries';
import type { RequirementProfile } from './types';

/**
 * Problems in requirement profiles against a layer model, one message per
 * problem naming the profile and the entry; empty when all is well. Reported
 * rather than thrown so an app-config mistake in one profile does not take
 * down the others.
 *
 * @public
 */
export function validateRequirementProfiles(
  profiles: RequirementProfile[],
  layerModel: LayerModel,
): string[] {
  const problems: string[] = [];
  const seenIds = new Set<string>();
  for (const profile of profiles) {
    if (seenIds.has(profile.id)) {
      problems.push(`profile '${profile.id}': duplicate profile id`);
    }
    seenIds.add(profile.id);
    // The width of the column that stores a service's profile.
    if (profile.id.length > 64) {
      problems.push(`profile '${profile.id}': id longer than 64 characters`);
    }
    problems.push(...entryProblems(profile, layerModel));
    problems.push(...contradictionProblems(profile, layerModel));
  }
  return problems;
}

function entryProblems(
  profile: RequirementProfile,
  layerModel: LayerModel,
): string[] {
  const problems: string[] = [];
  for (const list of PROFILE_LISTS) {
    const seen = new Set<string>();
    for (const entry of profile[list] ?? []) {
      if (seen.has(entry)) {
        problems.push(
          `profile '${profile.id}': ${list} entry '${entry}' is listed twice`,
        );
      }
      seen.add(entry);
      if (expandProfileEntry(entry, layerModel).length > 0) continue;
      problems.push(
        isLayerEntry(entry)
          ? `profile '${
              profile.id
            }': ${list} entry '${entry}' is not a layer of the model (expected layer-N with N one of ${layerModel.layers
              .map(l => l.id)
              .join(', ')})`
          : `profile '${profile.id}': ${list} entry '${entry}' is not a capability of the layer model`,
      );
    }
  }
  return problems;
}

/**
 * Required and not-applicable at the same specificity cannot both be meant.
 * A capability id overriding a `layer-N` entry is deliberate, so only the
 * entries that decide the requirement are compared.
 */
function contradictionProblems(
  profile: RequirementProfile,
  layerModel: LayerModel,
): string[] {
  const problems: string[] = [];
  for (const [capability, mentions] of profileMentions(profile, layerModel)) {
    const deciding = decidingMentions(mentions);
    if (
      deciding.some(m => m.list === 'required') &&
      deciding.some(m => m.list === 'notApplicable')
    ) {
      problems.push(
        `profile '${profile.id}': capability '${capability}' is both required and notApplicable`,
      );
    }
  }
  return problems;
}
