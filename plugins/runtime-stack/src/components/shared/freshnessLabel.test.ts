import type { ClusterFreshness } from '@internal/backstage-plugin-runtime-stack-common';
import { englishT } from '../../__testUtils__/translations';
import { freshnessLabel as withT } from './freshnessLabel';

const freshnessLabel = (cluster: ClusterFreshness) => withT(englishT, cluster);

describe('freshnessLabel', () => {
  const at = '2026-12-04T10:00:00Z';
  it('names a failing collection before freshness', () => {
    expect(
      freshnessLabel({
        lastSuccessAt: at,
        lastError: '401',
        stale: false,
        warnings: [],
      }),
    ).toBe('failing, showing last good data');
    expect(
      freshnessLabel({ lastError: '401', stale: true, warnings: [] }),
    ).toBe('failing, no data yet');
  });

  it('says current, stale or not collected yet otherwise', () => {
    expect(
      freshnessLabel({ lastSuccessAt: at, stale: false, warnings: [] }),
    ).toBe('current');
    expect(
      freshnessLabel({ lastSuccessAt: at, stale: true, warnings: [] }),
    ).toBe('stale');
    expect(freshnessLabel({ stale: true, warnings: [] })).toBe(
      'not collected yet',
    );
  });
});
