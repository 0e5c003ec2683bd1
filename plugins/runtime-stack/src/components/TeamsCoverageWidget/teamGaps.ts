import type { TeamView } from '@internal/backstage-plugin-runtime-stack-common';

/** A capability the team's services lack, and on how many of them. */
export interface TeamGap {
  capability: string;
  layer: number;
  services: number;
}

/**
 * The team's most common gaps, those on most services first: where one
 * platform change closes the most gaps. Partial coverage counts as a gap,
 * as it does on the team view.
 */
export function commonGaps(view: TeamView, limit: number): TeamGap[] {
  const byCapability = new Map<string, TeamGap>();
  for (const service of view.services) {
    for (const gap of service.gaps) {
      const entry = byCapability.get(gap.capability) ?? {
        capability: gap.capability,
        layer: gap.layer,
        services: 0,
      };
      entry.services += 1;
      byCapability.set(gap.capability, entry);
    }
  }
  return [...byCapability.values()]
    .sort(
      (a, b) =>
        b.services - a.services ||
        a.layer - b.layer ||
        a.capability.localeCompare(b.capability),
    )
    .slice(0, limit);
}
