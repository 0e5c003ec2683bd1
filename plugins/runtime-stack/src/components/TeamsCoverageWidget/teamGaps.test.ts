import {
  teamService as service,
  teamView as view,
} from '../../__testUtils__/teamViews';
import { commonGaps } from './teamGaps';

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
