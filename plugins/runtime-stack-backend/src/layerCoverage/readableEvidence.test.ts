import {
  computeCoverage,
  defaultLayerModel,
  defaultRequirementProfiles,
  type CoverageEvidence,
  type EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import { withReadableEvidence } from './readableEvidence';

const tier1 = defaultRequirementProfiles.find(p => p.id === 'tier-1')!;

function coverageOf(
  evidence: CoverageEvidence[],
  sourceErrors: EntityCoverage['sourceErrors'] = [],
): EntityCoverage {
  return {
    entityRef: 'component:default/payments-api',
    evaluatedAt: '2026-12-08T10:00:00.000Z',
    sourceErrors,
    ...computeCoverage({
      layerModel: defaultLayerModel,
      choice: { profile: tier1, reason: 'test' },
      evidence,
      offered: [
        { capability: 'gitops', tool: 'argo-cd', cluster: 'prod-eu-1' },
        { capability: 'policy', tool: 'kyverno', cluster: 'prod-eu-1' },
      ],
      exemptions: [],
      now: new Date('2026-12-08T10:00:00Z'),
    }),
  };
}

const capabilityOf = (coverage: EntityCoverage, id: string) =>
  coverage.capabilities.find(c => c.capability === id)!;

const seen: CoverageEvidence[] = [
  {
    source: 'cluster',
    capability: 'service-proxy',
    tool: 'ingress-nginx',
    detail: 'Ingress payments/api: spec.ingressClassName = nginx',
    cluster: 'prod-eu-1',
    seenAt: '2026-12-08T09:58:00.000Z',
    strength: 'full',
  },
  {
    source: 'observability',
    capability: 'metrics',
    tool: 'prometheus',
    detail: '3 of 4 targets up',
    strength: 'partial',
  },
  {
    source: 'declared',
    capability: 'policy',
    tool: 'kyverno',
    detail: 'declared in runtime-stack.io/tools',
    strength: 'full',
  },
];

describe('withReadableEvidence', () => {
  it('gives the coverage as stored to a caller who may read every source', () => {
    const coverage = coverageOf(seen);
    expect(withReadableEvidence(coverage, new Set())).toBe(coverage);
  });

  it('keeps statuses, tools and figures but replaces what a withheld source saw with the permission that shows it', () => {
    const coverage = coverageOf(seen, [
      { source: 'clusters', message: 'prod-us-1: connect ECONNREFUSED' },
      { source: 'images', message: 'ghcr.io/acme/api: 401' },
    ]);
    const readable = withReadableEvidence(
      coverage,
      new Set(['cluster', 'observability'] as const),
    );
    expect(readable.overall).toEqual(coverage.overall);
    expect(readable.capabilities.map(c => [c.status, c.tools])).toEqual(
      coverage.capabilities.map(c => [c.status, c.tools]),
    );
    expect(capabilityOf(readable, 'service-proxy').evidence).toEqual([
      {
        source: 'cluster',
        capability: 'service-proxy',
        tool: 'ingress-nginx',
        strength: 'full',
        detail: 'not shown: reading it needs runtime-stack.clusters.read',
        detailParts: {
          kind: 'withheld',
          permission: 'runtime-stack.clusters.read',
        },
      },
    ]);
    // A partial capability's hint names its evidence as it now reads.
    const metrics = capabilityOf(readable, 'metrics');
    expect(metrics.status).toBe('partial');
    expect(metrics.hintParts?.partly).toEqual([
      'not shown: reading it needs runtime-stack.observability.read',
    ]);
    expect(metrics.hint).not.toContain('targets up');
    // The declaration is the entity's own: it stays.
    expect(capabilityOf(readable, 'policy').evidence).toEqual(
      capabilityOf(coverage, 'policy').evidence,
    );
    expect(readable.sourceErrors).toEqual([
      {
        source: 'clusters',
        message: 'could not be read (details need runtime-stack.clusters.read)',
      },
      { source: 'images', message: 'ghcr.io/acme/api: 401' },
    ]);
    expect(JSON.stringify(readable)).not.toContain('prod-');
  });

  it("drops the clusters' offers from hints without cluster state: declare a tool, or check the declared one", () => {
    const coverage = coverageOf(seen);
    expect(capabilityOf(coverage, 'gitops').hintParts).toMatchObject({
      next: 'offered',
      example: 'gitops=argo-cd',
    });
    const readable = withReadableEvidence(
      coverage,
      new Set(['cluster'] as const),
    );
    const gitops = capabilityOf(readable, 'gitops');
    expect(gitops.hintParts).toEqual({ capability: 'gitops', next: 'declare' });
    expect(gitops.hint).toBe(
      'declare a tool with the runtime-stack.io/tools annotation (gitops=tool) or ask the platform team',
    );
    // Declared but not observed: what to check, without the cluster.
    const policy = capabilityOf(readable, 'policy');
    expect(policy.hintParts).toMatchObject({ next: 'check' });
    expect(policy.hint).not.toContain('prod-eu-1');

    // Offers stay for a caller who may read cluster state.
    const withClusters = withReadableEvidence(
      coverage,
      new Set(['observability'] as const),
    );
    expect(capabilityOf(withClusters, 'gitops').hintParts).toEqual(
      capabilityOf(coverage, 'gitops').hintParts,
    );
  });
});
