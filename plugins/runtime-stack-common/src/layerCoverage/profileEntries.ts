import type { LayerModel } from '../layers/types';
import type { CapabilityRequirement, RequirementProfile } from './types';

const LAYER_ENTRY = /^layer-(\d+)$/;

/** Where an entry came from: a capability id is more specific than `layer-N`. */
type Specificity = 'capability' | 'layer';

type ProfileList = 'required' | 'recommended' | 'notApplicable';

type Mention = { list: ProfileList; specificity: Specificity };

const REQUIREMENT_OF_LIST: Record<ProfileList, CapabilityRequirement> = {
  required: 'required',
  recommended: 'recommended',
  notApplicable: 'not-applicable',
};

/** Lists in order of precedence when one capability lands in two of them at the same specificity. */
export const PROFILE_LISTS: ProfileList[] = [
  'required',
  'recommended',
  'notApplicable',
];

/** True for anything shaped like a layer reference, valid or not. */
export function isLayerEntry(entry: string): boolean {
  return entry.startsWith('layer-');
}

/**
 * Capability ids an entry stands for; empty for unknown capabilities and bad
 * layer references, which `validateRequirementProfiles` reports.
 */
export function expandProfileEntry(
  entry: string,
  layerModel: LayerModel,
): string[] {
  const layerMatch = LAYER_ENTRY.exec(entry);
  if (layerMatch) {
    const layer = layerModel.layers.find(l => l.id === Number(layerMatch[1]));
    return layer ? layer.capabilities.map(c => c.id) : [];
  }
  const known = layerModel.layers.some(l =>
    l.capabilities.some(c => c.id === entry),
  );
  return known ? [entry] : [];
}

/** Every capability a profile names, with the lists and specificity that named it. */
export function profileMentions(
  profile: RequirementProfile,
  layerModel: LayerModel,
): Map<string, Mention[]> {
  const mentions = new Map<string, Mention[]>();
  for (const list of PROFILE_LISTS) {
    for (const entry of profile[list] ?? []) {
      const specificity: Specificity = isLayerEntry(entry)
        ? 'layer'
        : 'capability';
      for (const capability of expandProfileEntry(entry, layerModel)) {
        const existing = mentions.get(capability) ?? [];
        existing.push({ list, specificity });
        mentions.set(capability, existing);
      }
    }
  }
  return mentions;
}

/** The mentions that decide a requirement: capability ids beat `layer-N`. */
export function decidingMentions(mentions: Mention[]): Mention[] {
  const specific = mentions.filter(m => m.specificity === 'capability');
  return specific.length > 0 ? specific : mentions;
}

/**
 * The requirement a profile places on each capability it names. A capability
 * id beats `layer-N`; at equal specificity required beats recommended beats
 * not-applicable, so a contradictory profile errs on the side of asking.
 *
 * A capability the layer model marks `optional` is only recommended when a
 * profile requires its whole layer: most services do without it, so only a
 * profile that names it requires it.
 */
export function resolveRequirements(
  profile: RequirementProfile,
  layerModel: LayerModel,
): Map<string, CapabilityRequirement> {
  const optional = new Set(
    layerModel.layers.flatMap(l =>
      l.capabilities.filter(c => c.optional).map(c => c.id),
    ),
  );
  const resolved = new Map<string, CapabilityRequirement>();
  for (const [capability, mentions] of profileMentions(profile, layerModel)) {
    const winners = decidingMentions(mentions);
    const list = PROFILE_LISTS.find(l => winners.some(m => m.list === l))!;
    const layerWide = winners.every(m => m.specificity === 'layer');
    resolved.set(
      capability,
      list === 'required' && layerWide && optional.has(capability)
        ? 'recommended'
        : REQUIREMENT_OF_LIST[list],
    );
  }
  return resolved;
}
