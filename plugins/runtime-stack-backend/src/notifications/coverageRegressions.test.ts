import type {
  CapabilityCoverage,
  EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  coverageRegressions,
  regressionsDespiteFailures,
} from './coverageRegressions';

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

describe('regressionsDespiteFailures', () => {
  const readBy = (
    c: CapabilityCoverage,
    ...sources: Array<CapabilityCoverage['evidence'][number]['source']>
  ): CapabilityCoverage => ({
    ...c,
    evidence: sources.map(source => ({
      source,
      capability: c.capability,
      detail: `${source} shows it`,
      strength: 'full' as const,
    })),
  });
  const regressions = [
    { capability: capability('workloads', 'missing'), was: 'covered' as const },
    { capability: capability('alerting', 'partial'), was: 'covered' as const },
    {
      capability: capability('backup', 'missing'),
      was: 'exempt' as const,
    },
  ];
  const previous = {
    capabilities: [
      readBy(capability('workloads', 'covered'), 'cluster'),
      readBy(capability('alerting', 'covered'), 'observability', 'declared'),
      capability('backup', 'exempt'),
    ],
  };

  it('keeps every regression of an evaluation without failures', () => {
    expect(regressionsDespiteFailures(regressions, [], undefined)).toEqual(
      regressions,
    );
  });

  it('drops those read from a failed source before or now, and exemptions lost with their store', () => {
    expect(
      regressionsDespiteFailures(
        regressions,
        [
          { source: 'observability', message: 'prom-eu: down' },
          { source: 'exemptions', message: 'store down' },
        ],
        previous,
      ).map(r => r.capability.capability),
    ).toEqual(['workloads']);
    // Read from the failed source now, though not before.
    expect(
      regressionsDespiteFailures(
        [
          {
            capability: readBy(capability('workloads', 'partial'), 'registry'),
            was: 'covered',
          },
        ],
        [{ source: 'images', message: 'registry down' }],
        { capabilities: [capability('workloads', 'covered')] },
      ),
    ).toEqual([]);
  });

  it('keeps none when what was seen before is unknown, or a source of another kind failed', () => {
    const failed = [{ source: 'observability', message: 'down' }];
    expect(regressionsDespiteFailures(regressions, failed, undefined)).toEqual(
      [],
    );
    expect(
      regressionsDespiteFailures(
        regressions,
        [{ source: 'something-new', message: 'down' }],
        previous,
      ),
    ).toEqual([]);
  });
});
