import type { TeamView } from '@internal/backstage-plugin-runtime-stack-common';

type Gap = [capability: string, layer: number, status: 'missing' | 'partial'];

/** A service of a team view with ten required capabilities and `gaps`. */
export function teamService(
  name: string,
  gaps: Gap[],
  extra: Partial<TeamView['services'][number]> = {},
): TeamView['services'][number] {
  const covered = 10 - gaps.length;
  return {
    entityRef: `component:default/${name}`,
    profile: 'tier-1',
    required: 10,
    covered,
    partial: gaps.filter(([, , status]) => status === 'partial').length,
    ratio: covered / 10,
    gapCount: gaps.length,
    exemptCount: 0,
    evaluatedAt: '2026-12-01T00:00:00.000Z',
    gaps: gaps.map(([capability, layer, status]) => ({
      capability,
      layer,
      status,
    })),
    ...extra,
  };
}

/** team-payments' view over `services`, its overall counts added up. */
export function teamView(
  services: TeamView['services'],
  extra: Partial<TeamView> = {},
): TeamView {
  const required = services.reduce((n, s) => n + s.required, 0);
  const covered = services.reduce((n, s) => n + s.covered, 0);
  return {
    team: 'group:default/team-payments',
    groups: ['group:default/team-payments'],
    overall: {
      required,
      covered,
      partial: services.reduce((n, s) => n + s.partial, 0),
      ratio: required === 0 ? 1 : covered / required,
    },
    services,
    expiringExemptions: [],
    ...extra,
  };
}
