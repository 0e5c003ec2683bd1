import type { EntityCoverage } from '../coverageViews';
import { aggregateSystemCoverage } from './aggregateCoverage';
import type { CapabilityCoverage, LayerCoverage } from './types';

const layer = (
  id: number,
  required: number,
  covered: number,
  partial = 0,
): LayerCoverage => ({
  layer: id,
  title: `Layer ${id}`,
  required,
  covered,
  partial,
  ratio: 0,
});

const gap = (
  capability: string,
  layerId: number,
  status: 'missing' | 'partial',
): CapabilityCoverage => ({
  capability,
  title: capability,
  layer: layerId,
  requirement: 'required',
  status,
  tools: [],
  evidence: [],
});

function component(
  name: string,
  layers: LayerCoverage[],
  gaps: CapabilityCoverage[],
): EntityCoverage {
  const required = layers.reduce((n, l) => n + l.required, 0);
  const covered = layers.reduce((n, l) => n + l.covered, 0);
  const partial = layers.reduce((n, l) => n + l.partial, 0);
  return {
    entityRef: `component:default/${name}`,
    evaluatedAt: '2026-11-23T10:00:00.000Z',
    sourceErrors: [],
    profile: { id: 'tier-1', title: 'Tier 1', reason: 'test' },
    capabilities: gaps,
    layers,
    overall: {
      required,
      covered,
      partial,
      ratio: (covered + 0.5 * partial) / required,
    },
    gaps,
  };
}

describe('aggregateSystemCoverage', () => {
  const api = component(
    'api',
    [layer(3, 4, 3), layer(4, 4, 1, 2)],
    [
      gap('data-protection', 3, 'missing'),
      gap('alerting', 4, 'partial'),
      gap('policy', 4, 'missing'),
    ],
  );
  const worker = component(
    'worker',
    [layer(3, 2, 2), layer(4, 2, 0)],
    [gap('alerting', 4, 'missing'), gap('policy', 4, 'missing')],
  );
  const result = aggregateSystemCoverage(
    'system:default/payments',
    [api, worker],
    ['component:default/new-one'],
  );

  it('sums required, covered and partial per layer, so every requirement weighs the same', () => {
    expect(result.layers).toEqual([
      {
        layer: 3,
        title: 'Layer 3',
        required: 6,
        covered: 5,
        partial: 0,
        ratio: 5 / 6,
      },
      {
        layer: 4,
        title: 'Layer 4',
        required: 6,
        covered: 1,
        partial: 2,
        ratio: 2 / 6,
      },
    ]);
    expect(result.overall).toEqual({
      required: 12,
      covered: 6,
      partial: 2,
      ratio: 7 / 12,
    });
  });

  it('orders shared gaps by how many components have them, then by layer', () => {
    expect(
      result.topGaps.map(g => [
        g.capability,
        g.missing,
        g.partial,
        g.components.length,
      ]),
    ).toEqual([
      ['alerting', 1, 1, 2],
      ['policy', 2, 0, 2],
      ['data-protection', 1, 0, 1],
    ]);
  });

  it('lists components worst first, and the pending ones', () => {
    expect(result.components.map(c => [c.entityRef, c.gapCount])).toEqual([
      ['component:default/worker', 2],
      ['component:default/api', 3],
    ]);
    expect(result.pending).toEqual(['component:default/new-one']);
  });

  it('counts nothing required as fully covered', () => {
    expect(aggregateSystemCoverage('system:default/empty', []).overall).toEqual(
      {
        required: 0,
        covered: 0,
        partial: 0,
        ratio: 1,
      },
    );
  });
});
