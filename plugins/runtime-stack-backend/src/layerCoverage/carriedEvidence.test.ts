import type { CoverageEvidence } from '@internal/backstage-plugin-runtime-stack-common';
import { carriedEvidence } from './carriedEvidence';

const piece = (
  source: CoverageEvidence['source'],
  capability: string,
  extra: Partial<CoverageEvidence> = {},
): CoverageEvidence => ({
  source,
  capability,
  detail: `${source} shows ${capability}`,
  strength: 'full',
  ...extra,
});

const previous = {
  evaluatedAt: '2026-12-07T10:00:00.000Z',
  capabilities: [
    {
      capability: 'metrics',
      evidence: [
        piece('observability', 'metrics', { tool: 'prometheus' }),
        piece('declared', 'metrics', { tool: 'prometheus' }),
      ],
    },
    {
      capability: 'alerting',
      evidence: [piece('observability', 'alerting')],
    },
    {
      capability: 'container-registry',
      evidence: [
        piece('registry', 'container-registry', {
          seenAt: '2026-12-06T09:00:00.000Z',
        }),
      ],
    },
  ],
} as any;

describe('carriedEvidence', () => {
  it('carries what a failed source showed, for the capabilities it showed nothing for now', () => {
    const carried = carriedEvidence(
      previous,
      [{ source: 'observability', message: 'prom-eu: connect ECONNREFUSED' }],
      // Another Prometheus still answers for alerting.
      [piece('observability', 'alerting', { detail: '1 rule' })],
    );
    expect(carried).toEqual([
      piece('observability', 'metrics', {
        tool: 'prometheus',
        seenAt: '2026-12-07T10:00:00.000Z',
      }),
    ]);
  });

  it('keeps when a piece was seen, and carries only the sources that failed', () => {
    expect(
      carriedEvidence(
        previous,
        [{ source: 'images', message: 'registry.example.com: 503' }],
        [],
      ),
    ).toEqual([
      piece('registry', 'container-registry', {
        seenAt: '2026-12-06T09:00:00.000Z',
      }),
    ]);
  });

  it('carries nothing without a failed evidence source or an earlier evaluation', () => {
    expect(
      carriedEvidence(previous, [{ source: 'ownership', message: 'down' }], []),
    ).toEqual([]);
    expect(
      carriedEvidence(
        undefined,
        [{ source: 'observability', message: 'x' }],
        [],
      ),
    ).toEqual([]);
  });
});
