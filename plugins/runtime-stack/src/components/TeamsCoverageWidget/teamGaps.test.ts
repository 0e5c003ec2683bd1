import type { TeamView } from '@internal/backstage-plugin-runtime-stack-common';
import { commonGaps } from './teamGaps';

const service = (
  name: string,
  gaps: Array<[string, number, 'missing' | 'partial']>,
) => ({
  entityRef: `component:default/${name}`,
  profile: 'tier-1',
  required: 10,
  covered: 10 - gaps.length,
  partial: 0,
  ratio: (10 - gaps.length) / 10,
  gapCount: gaps.length,
  exemptCount: 0,
  evaluatedAt: '2026-12-01T00:00:00.000Z',
  gaps: gaps.map(([capability, layer, status]) => ({
    capability,
    layer,
    status,
  })),
});

const view = (services: TeamView['services']): TeamView => ({
  team: 'group:default/team-payments',
  groups: ['group:default/team-payments'],
  overall: { required: 30, covered: 25, partial: 1, ratio: 25 / 30 },
  services,
  expiringExemptions: [],
});

describe('commonGaps', () => {
  it('counts each capability once per service, the most common first', () => {
    const gaps = commonGaps(
      view([
        service('a', [
          ['alerting', 4, 'missing'],
          ['backup', 3, 'missing'],
        ]),
        service('b', [
          ['alerting', 4, 'partial'],
          ['policy', 4, 'missing'],
        ]),
        service('c', [['alerting', 4, 'missing']]),
      ]),
      5,
    );
    expect(gaps).toEqual([
      { capability: 'alerting', layer: 4, services: 3 },
      // Ties: the lower layer first, then by name.
      { capability: 'backup', layer: 3, services: 1 },
      { capability: 'policy', layer: 4, services: 1 },
    ]);
  });

  it('keeps to the limit and is empty without gaps', () => {
    const services = [
      service('a', [
        ['alerting', 4, 'missing'],
        ['backup', 3, 'missing'],
        ['policy', 4, 'missing'],
      ]),
    ];
    expect(commonGaps(view(services), 2).map(g => g.capability)).toEqual([
      'backup',
      'alerting',
    ]);
    expect(commonGaps(view([service('a', [])]), 3)).toEqual([]);
  });
});
