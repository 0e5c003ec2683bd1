import type {
  CapabilityCoverage,
  EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import { coverageRegressions } from './coverageRegressions';

const capability = (
  id: string,
  status: CapabilityCoverage['status'],
): CapabilityCoverage => ({
  capability: id,
  title: id,
  layer: 4,
  requirement: 'required',
  status,
  tools: [],
  evidence: [],
});

const coverageWithGaps = (...gaps: CapabilityCoverage[]): EntityCoverage =>
  ({
    entityRef: 'component:default/payments-api',
    gaps,
  } as unknown as EntityCoverage);

describe('coverageRegressions', () => {
  it('names the required capabilities that got worse', () => {
    const before = new Map([
      ['alerting', 'covered' as const],
      ['metrics', 'partial' as const],
      ['logging', 'exempt' as const],
      ['tracing', 'partial' as const],
    ]);
    const regressions = coverageRegressions(
      before,
      coverageWithGaps(
        capability('alerting', 'missing'),
        capability('metrics', 'missing'),
        capability('logging', 'partial'),
        capability('tracing', 'partial'),
      ),
    );
    expect(regressions.map(r => [r.capability.capability, r.was])).toEqual([
      ['alerting', 'covered'],
      ['metrics', 'partial'],
      ['logging', 'exempt'],
    ]);
  });

  it('is silent on the first evaluation and for capabilities newly required', () => {
    const after = coverageWithGaps(capability('alerting', 'missing'));
    expect(coverageRegressions(undefined, after)).toEqual([]);
    expect(
      coverageRegressions(new Map([['metrics', 'covered']]), after),
    ).toEqual([]);
  });
});
