import { coverageHintParts, describeCoverageHint } from './coverageHints';
import type { CoverageEvidence, OfferedTool } from './types';

/** The English hint, as the coverage engine writes it. */
const coverageHint = (...args: Parameters<typeof coverageHintParts>) =>
  describeCoverageHint(coverageHintParts(...args));

const offered: OfferedTool[] = [
  { cluster: 'prod-eu-1', capability: 'metrics', tool: 'prometheus' },
  { cluster: 'prod-eu-1', capability: 'gitops', tool: 'argo-cd' },
];

describe('coverageHint', () => {
  it('points an observability gap at the annotations that make telemetry visible', () => {
    expect(coverageHint('alerting', [])).toBe(
      'add alert rules: name its Prometheus rules in prometheus.io/rule, or label Grafana-managed rules and set grafana/alert-label-selector',
    );
    expect(coverageHint('visualization', [])).toMatch(
      /grafana\/dashboard-selector .* or grafana\/overview-dashboard$/,
    );
    expect(coverageHint('tracing', [])).toMatch(/type traces/);
  });

  it('adds what the clusters offer, and what partly covers it, to a telemetry hint', () => {
    const links: CoverageEvidence[] = [
      {
        source: 'observability',
        capability: 'metrics',
        detail: '0 of 2 targets healthy',
        strength: 'partial',
      },
    ];
    expect(coverageHint('metrics', offered, links)).toBe(
      'only partly covered (0 of 2 targets healthy); make Prometheus scrape it: targets labelled with its kubernetes-id (a service, app or job label), or with the labels of its prometheus.io/labels annotation (prod-eu-1 offers prometheus)',
    );
  });

  it('says a declared telemetry tool is unconfirmed, and how to show it', () => {
    const declared: CoverageEvidence[] = [
      {
        source: 'declared',
        capability: 'alerting',
        tool: 'alertmanager',
        detail: 'runtime-stack.io/tools',
        strength: 'partial',
      },
    ];
    expect(coverageHint('alerting', [], declared)).toMatch(
      /^alertmanager is declared, but nothing observed confirms it yet: add alert rules: /,
    );
  });

  it('keeps the tool hint for other capabilities, including ones named like object keys', () => {
    expect(coverageHint('gitops', offered)).toBe(
      'prod-eu-1 offers argo-cd: use it and declare it in runtime-stack.io/tools (gitops=argo-cd)',
    );
    expect(coverageHint('constructor', [])).toMatch(/^declare a tool with/);
  });

  it('names tools by title in prose and by id in the annotation to write', () => {
    const titles: Record<string, string> = {
      'argo-cd': 'Argo CD',
      flux: 'Flux',
    };
    const titleOf = (tool: string) => titles[tool] ?? tool;
    expect(coverageHint('gitops', offered, [], titleOf)).toBe(
      'prod-eu-1 offers Argo CD: use it and declare it in runtime-stack.io/tools (gitops=argo-cd)',
    );
    const declaredFlux: CoverageEvidence[] = [
      {
        capability: 'gitops',
        source: 'declared',
        tool: 'flux',
        detail: 'runtime-stack.io/tools',
        strength: 'partial',
      },
    ];
    expect(coverageHint('gitops', offered, declaredFlux, titleOf)).toBe(
      'Flux is declared, but nothing observed confirms it yet: prod-eu-1 offers Argo CD',
    );
  });
});

describe('coverageHintParts', () => {
  const titles: Record<string, string> = { 'argo-cd': 'Argo CD', flux: 'Flux' };
  const titleOf = (tool: string) => titles[tool] ?? tool;
  const declare = (capability: string, tool: string): CoverageEvidence => ({
    source: 'declared',
    capability,
    tool,
    detail: 'runtime-stack.io/tools',
    strength: 'partial',
  });

  it('says what the clusters offer and the annotation entry to write, by id', () => {
    expect(
      coverageHintParts(
        'gitops',
        [
          ...offered,
          { cluster: 'prod-us-1', capability: 'gitops', tool: 'flux' },
          { cluster: 'prod-us-1', capability: 'gitops', tool: 'flux' },
        ],
        [],
        titleOf,
      ),
    ).toEqual({
      capability: 'gitops',
      next: 'offered',
      offers: [
        { cluster: 'prod-eu-1', tools: ['Argo CD'] },
        { cluster: 'prod-us-1', tools: ['Flux'] },
      ],
      example: 'gitops=argo-cd',
    });
  });

  it('asks for a declaration when no cluster offers anything', () => {
    expect(coverageHintParts('policy', offered)).toEqual({
      capability: 'policy',
      next: 'declare',
    });
  });

  it('points telemetry at its source, with what partly covers it and what is offered', () => {
    const partial: CoverageEvidence = {
      source: 'observability',
      capability: 'metrics',
      detail: '0 of 2 targets healthy',
      strength: 'partial',
    };
    expect(coverageHintParts('metrics', offered, [partial])).toEqual({
      capability: 'metrics',
      next: 'source',
      partly: ['0 of 2 targets healthy'],
      offers: [{ cluster: 'prod-eu-1', tools: ['prometheus'] }],
    });
  });

  it('asks to check a declared tool nothing confirms, whatever else is known', () => {
    expect(
      coverageHintParts(
        'gitops',
        offered,
        [declare('gitops', 'flux')],
        titleOf,
      ),
    ).toEqual({
      capability: 'gitops',
      next: 'offered',
      declared: ['Flux'],
      offers: [{ cluster: 'prod-eu-1', tools: ['Argo CD'] }],
    });
    expect(
      coverageHintParts(
        'policy',
        [],
        [declare('policy', 'kyverno'), declare('policy', 'kyverno')],
      ),
    ).toEqual({ capability: 'policy', next: 'check', declared: ['kyverno'] });
    expect(
      coverageHintParts('alerting', offered, [declare('alerting', 'a')]).next,
    ).toBe('source');
    expect(
      coverageHintParts('ci-cd', offered, [declare('ci-cd', 'jenkins')]).next,
    ).toBe('claim-only');
  });

  it('says several unconfirmed declarations, and a claim-only one, in English', () => {
    expect(
      describeCoverageHint(
        coverageHintParts(
          'policy',
          [],
          [declare('policy', 'kyverno'), declare('policy', 'opa')],
        ),
      ),
    ).toBe(
      'kyverno, opa are declared, but nothing observed confirms it yet: check that it runs for this service, or ask the platform team',
    );
    expect(
      describeCoverageHint(
        coverageHintParts('ci-cd', [], [declare('ci-cd', 'jenkins')]),
      ),
    ).toBe(
      "jenkins is declared; the portal reads no CI system, so it stays a claim; the CI plugin's own tab shows the builds",
    );
  });
});
