import { coverageHint } from './coverageHints';
import type { CoverageEvidence, OfferedTool } from './types';

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
