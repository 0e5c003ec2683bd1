import { defaultLayerModel } from '../layers/defaultLayerModel';
import type { LayerModel } from '../layers/types';
import { computeCoverage } from './computeCoverage';
import { defaultRequirementProfiles } from './defaultRequirementProfiles';
import type {
  CoverageEvidence,
  ProfileChoice,
  RequirementProfile,
} from './types';

const now = new Date('2025-06-01T00:00:00Z');

const model: LayerModel = {
  version: '1',
  layers: [
    {
      id: 0,
      title: 'Base',
      description: 'base',
      capabilities: [
        { id: 'alpha', title: 'Alpha', description: 'a', tools: [] },
        { id: 'beta', title: 'Beta', description: 'b', tools: [] },
      ],
    },
    {
      id: 1,
      title: 'Middle',
      description: 'middle',
      capabilities: [
        { id: 'gamma', title: 'Gamma', description: 'g', tools: [] },
        { id: 'delta', title: 'Delta', description: 'd', tools: [] },
        { id: 'epsilon', title: 'Epsilon', description: 'e', tools: [] },
      ],
    },
    {
      id: 2,
      title: 'Top',
      description: 'top',
      capabilities: [
        { id: 'zeta', title: 'Zeta', description: 'z', tools: [] },
        { id: 'eta', title: 'Eta', description: 'h', tools: [] },
      ],
    },
  ],
};

const profile: RequirementProfile = {
  id: 'test',
  title: 'Test',
  required: ['layer-0', 'gamma', 'delta'],
  recommended: ['epsilon'],
  notApplicable: ['eta'],
};
const choice: ProfileChoice = { profile, reason: 'default' };

function evidence(
  capability: string,
  source: CoverageEvidence['source'],
  strength: CoverageEvidence['strength'],
  tool?: string,
): CoverageEvidence {
  return { capability, source, strength, tool, detail: `${source} ${tool}` };
}

function statusOf(
  result: ReturnType<typeof computeCoverage>,
  capability: string,
) {
  return result.capabilities.find(c => c.capability === capability)!;
}

describe('computeCoverage', () => {
  const result = computeCoverage({
    layerModel: model,
    choice,
    now,
    evidence: [
      evidence('alpha', 'cluster', 'full', 'prometheus'),
      evidence('beta', 'declared', 'full', 'velero'),
      evidence('zeta', 'observability', 'partial'),
      evidence('teleportation', 'cluster', 'full', 'tardis'),
    ],
    exemptions: [
      { capability: 'gamma', reason: 'migrating', expiresAt: '2025-07-01' },
      { capability: 'delta', reason: 'old', expiresAt: '2025-05-01' },
    ],
  });

  it('gives every capability of the model a requirement and status, in model order', () => {
    expect(
      result.capabilities.map(c => [c.capability, c.requirement, c.status]),
    ).toEqual([
      ['alpha', 'required', 'covered'],
      ['beta', 'required', 'partial'],
      ['gamma', 'required', 'exempt'],
      ['delta', 'required', 'missing'],
      ['epsilon', 'recommended', 'missing'],
      ['zeta', 'optional', 'partial'],
      ['eta', 'not-applicable', 'not-required'],
    ]);
    expect(statusOf(result, 'alpha')).toMatchObject({
      title: 'Alpha',
      layer: 0,
      tools: ['prometheus'],
    });
  });

  it('shows the active exemption and ignores the expired one', () => {
    expect(statusOf(result, 'gamma').exemption).toEqual({
      capability: 'gamma',
      reason: 'migrating',
      expiresAt: '2025-07-01',
    });
    expect(statusOf(result, 'delta').exemption).toBeUndefined();
  });

  it('computes layer and overall ratios, exempt capabilities left out', () => {
    expect(result.layers).toEqual([
      {
        layer: 0,
        title: 'Base',
        required: 2,
        covered: 1,
        partial: 1,
        ratio: 0.75,
      },
      {
        layer: 1,
        title: 'Middle',
        required: 1,
        covered: 0,
        partial: 0,
        ratio: 0,
      },
      { layer: 2, title: 'Top', required: 0, covered: 0, partial: 0, ratio: 1 },
    ]);
    expect(result.overall).toEqual({
      required: 3,
      covered: 1,
      partial: 1,
      ratio: 0.5,
    });
  });

  it('lists required gaps in layer order and echoes the profile', () => {
    expect(result.gaps.map(g => g.capability)).toEqual(['beta', 'delta']);
    expect(result.profile).toEqual({
      id: 'test',
      title: 'Test',
      reason: 'default',
    });
    const chosen = computeCoverage({
      layerModel: model,
      choice: {
        profile,
        reason: 'lifecycle production',
        reasonParts: { rule: 'lifecycle', lifecycle: 'production' },
      },
      now,
      evidence: [],
    });
    expect(chosen.profile.reasonParts).toEqual({
      rule: 'lifecycle',
      lifecycle: 'production',
    });
  });

  it('counts a declaration as covered once an observation confirms it', () => {
    const confirmed = computeCoverage({
      layerModel: model,
      choice,
      now,
      evidence: [
        evidence('beta', 'declared', 'full', 'velero'),
        evidence('beta', 'registry', 'partial', 'velero'),
        // Another tool observed does not confirm the declared one.
        evidence('gamma', 'declared', 'full', 'istio'),
        evidence('gamma', 'cluster', 'partial', 'linkerd'),
      ],
    });
    expect(statusOf(confirmed, 'beta').status).toBe('covered');
    expect(statusOf(confirmed, 'gamma').status).toBe('partial');
  });

  it('shows a conflict between declared and observed tools without hiding the status', () => {
    const conflicting = computeCoverage({
      layerModel: model,
      choice,
      now,
      evidence: [
        evidence('alpha', 'declared', 'full', 'istio'),
        evidence('alpha', 'cluster', 'full', 'linkerd'),
        // Observing more than was declared is no conflict.
        evidence('beta', 'declared', 'full', 'prometheus'),
        evidence('beta', 'cluster', 'full', 'prometheus'),
        evidence('beta', 'cluster', 'full', 'opentelemetry'),
      ],
    });
    expect(statusOf(conflicting, 'alpha')).toMatchObject({
      status: 'covered',
      tools: ['istio', 'linkerd'],
      conflict: { declared: ['istio'], observed: ['linkerd'] },
    });
    expect(statusOf(conflicting, 'beta').conflict).toBeUndefined();
  });

  it('names the declared tools no observation confirms, even where another covers the capability', () => {
    const coverage = computeCoverage({
      layerModel: model,
      choice,
      now,
      evidence: [
        evidence('alpha', 'declared', 'full', 'istio'),
        evidence('alpha', 'cluster', 'full', 'linkerd'),
        evidence('beta', 'declared', 'full', 'prometheus'),
        evidence('beta', 'cluster', 'partial', 'prometheus'),
        // A declaration alone confirms nothing, however full its claim.
        evidence('gamma', 'declared', 'full', 'argo-cd'),
        // An observation naming no tool agrees with any declared one.
        evidence('delta', 'declared', 'full', 'loki'),
        evidence('delta', 'observability', 'partial'),
      ],
    });
    expect(statusOf(coverage, 'alpha')).toMatchObject({
      status: 'covered',
      unconfirmedTools: ['istio'],
    });
    expect(statusOf(coverage, 'beta').unconfirmedTools).toBeUndefined();
    expect(statusOf(coverage, 'gamma')).toMatchObject({
      status: 'partial',
      unconfirmedTools: ['argo-cd'],
    });
    expect(statusOf(coverage, 'delta').unconfirmedTools).toBeUndefined();
  });

  describe('with tools that run one another', () => {
    const observability: ProfileChoice = {
      profile: {
        id: 'mesh-and-metrics',
        title: 'Mesh and metrics',
        required: ['metrics', 'service-mesh'],
      },
      reason: 'default',
    };
    const coverageOf = (items: CoverageEvidence[]) =>
      computeCoverage({
        layerModel: defaultLayerModel,
        choice: observability,
        now,
        evidence: items,
      });

    it('confirms a declared Prometheus with a ServiceMonitor, without a conflict', () => {
      const metrics = statusOf(
        coverageOf([
          evidence('metrics', 'declared', 'full', 'prometheus'),
          evidence('metrics', 'cluster', 'partial', 'prometheus-operator'),
        ]),
        'metrics',
      );
      expect(metrics.status).toBe('covered');
      expect(metrics.tools).toEqual(['prometheus', 'prometheus-operator']);
      expect(metrics.conflict).toBeUndefined();
      expect(metrics.unconfirmedTools).toBeUndefined();
    });

    it('reads the relation both ways: a declared operator, scrape annotations seen', () => {
      const metrics = statusOf(
        coverageOf([
          evidence('metrics', 'declared', 'full', 'prometheus-operator'),
          evidence('metrics', 'cluster', 'partial', 'prometheus'),
        ]),
        'metrics',
      );
      expect(metrics.status).toBe('covered');
      expect(metrics.conflict).toBeUndefined();
    });

    it('still reports tools that are not related', () => {
      const coverage = coverageOf([
        evidence('metrics', 'declared', 'full', 'opentelemetry'),
        evidence('metrics', 'cluster', 'partial', 'prometheus-operator'),
        evidence('service-mesh', 'declared', 'full', 'linkerd'),
        evidence('service-mesh', 'cluster', 'partial', 'istio'),
      ]);
      expect(statusOf(coverage, 'metrics')).toMatchObject({
        status: 'partial',
        conflict: {
          declared: ['opentelemetry'],
          observed: ['prometheus-operator'],
        },
      });
      expect(statusOf(coverage, 'service-mesh')).toMatchObject({
        status: 'partial',
        conflict: { declared: ['linkerd'], observed: ['istio'] },
      });
    });

    it('relates tools one step only: Istio and Kuma both run Envoy, yet conflict', () => {
      const mesh = statusOf(
        coverageOf([
          evidence('service-mesh', 'declared', 'full', 'istio'),
          evidence('service-mesh', 'cluster', 'partial', 'kuma'),
        ]),
        'service-mesh',
      );
      expect(mesh).toMatchObject({
        status: 'partial',
        conflict: { declared: ['istio'], observed: ['kuma'] },
      });
    });

    it('takes the relation from the model it is given', () => {
      const related: LayerModel = {
        ...model,
        layers: model.layers.map(layer => ({
          ...layer,
          capabilities: layer.capabilities.map(capability =>
            capability.id === 'alpha'
              ? {
                  ...capability,
                  tools: [
                    { id: 'linkerd', title: 'Linkerd' },
                    { id: 'istio', title: 'Istio', runs: ['linkerd'] },
                  ],
                }
              : capability,
          ),
        })),
      };
      const items = [
        evidence('alpha', 'declared', 'full', 'linkerd'),
        evidence('alpha', 'cluster', 'partial', 'istio'),
        // Same tools, no relation in this capability.
        evidence('beta', 'declared', 'full', 'linkerd'),
        evidence('beta', 'cluster', 'partial', 'istio'),
      ];
      const coverage = computeCoverage({
        layerModel: related,
        choice,
        now,
        evidence: items,
      });
      expect(statusOf(coverage, 'alpha').status).toBe('covered');
      expect(statusOf(coverage, 'alpha').conflict).toBeUndefined();
      expect(statusOf(coverage, 'beta').status).toBe('partial');
      expect(statusOf(coverage, 'beta').conflict).toEqual({
        declared: ['linkerd'],
        observed: ['istio'],
      });
    });
  });

  it('says what is there for a partial capability, and what the clusters offer instead of a declared tool', () => {
    const hinted = computeCoverage({
      layerModel: model,
      choice,
      now,
      evidence: [
        evidence('alpha', 'observability', 'partial', 'prometheus'),
        evidence('beta', 'declared', 'partial', 'linkerd'),
      ],
      offered: [{ capability: 'beta', tool: 'istio', cluster: 'prod-eu-1' }],
    });
    expect(statusOf(hinted, 'alpha').hint).toBe(
      'only partly covered (observability prometheus); declare a tool with the runtime-stack.io/tools annotation (alpha=tool) or ask the platform team',
    );
    expect(statusOf(hinted, 'beta').hint).toBe(
      'linkerd is declared, but nothing observed confirms it yet: prod-eu-1 offers istio',
    );
  });

  it('lets covered evidence win over an exemption', () => {
    const covered = computeCoverage({
      layerModel: model,
      choice,
      now,
      evidence: [evidence('alpha', 'cluster', 'full', 'x')],
      exemptions: [{ capability: 'alpha', reason: 'no longer needed' }],
    });
    expect(statusOf(covered, 'alpha')).toMatchObject({ status: 'covered' });
    expect(statusOf(covered, 'alpha').exemption).toBeUndefined();
  });

  it('hints at tools offered on the service clusters, else how to declare one', () => {
    const hinted = computeCoverage({
      layerModel: model,
      choice,
      now,
      evidence: [evidence('beta', 'declared', 'partial', 'velero')],
      offered: [
        { capability: 'delta', tool: 'cert-manager', cluster: 'prod-eu-1' },
        { capability: 'delta', tool: 'vault', cluster: 'prod-eu-1' },
        { capability: 'delta', tool: 'cert-manager', cluster: 'prod-us-1' },
        { capability: 'eta', tool: 'unused', cluster: 'prod-eu-1' },
      ],
    });
    expect(statusOf(hinted, 'delta').hint).toBe(
      'prod-eu-1 offers cert-manager, vault; prod-us-1 offers cert-manager: use it and declare it in runtime-stack.io/tools (delta=cert-manager)',
    );
    // Declared but unconfirmed: check it, rather than declare it again.
    expect(statusOf(hinted, 'beta').hint).toBe(
      'velero is declared, but nothing observed confirms it yet: check that it runs for this service, or ask the platform team',
    );
    expect(statusOf(hinted, 'epsilon').hint).toMatch(/^declare a tool/);
    // The same in parts, for the UI to word.
    expect(statusOf(hinted, 'delta').hintParts).toEqual({
      capability: 'delta',
      next: 'offered',
      offers: [
        { cluster: 'prod-eu-1', tools: ['cert-manager', 'vault'] },
        { cluster: 'prod-us-1', tools: ['cert-manager'] },
      ],
      example: 'delta=cert-manager',
    });
    expect(statusOf(hinted, 'epsilon').hintParts).toEqual({
      capability: 'epsilon',
      next: 'declare',
    });
    expect(statusOf(hinted, 'eta').hintParts).toBeUndefined();
    // Nothing to do for covered, exempt or unasked capabilities.
    expect(statusOf(hinted, 'eta').hint).toBeUndefined();
    expect(statusOf(hinted, 'zeta').hint).toBeUndefined();
  });

  it('expands layer-N to every capability of the layer in the default model', () => {
    const layerProfile: RequirementProfile = {
      id: 'layer-5',
      title: 'Platform services',
      // Both of layer 5's other capabilities are optional in the default
      // model: the layer entry only recommends them, naming one requires it.
      required: ['layer-5', 'database-operators'],
      notApplicable: ['messaging'],
    };
    const coverage = computeCoverage({
      layerModel: defaultLayerModel,
      choice: { profile: layerProfile, reason: 'default' },
      now,
      evidence: [evidence('service-mesh', 'cluster', 'full', 'istio')],
    });
    const layer5 = coverage.capabilities.filter(c => c.layer === 5);
    expect(layer5.map(c => [c.capability, c.requirement, c.status])).toEqual([
      ['service-mesh', 'recommended', 'covered'],
      ['messaging', 'not-applicable', 'not-required'],
      ['database-operators', 'required', 'missing'],
    ]);
    expect(coverage.layers.find(l => l.layer === 5)?.ratio).toBe(0);
    expect(coverage.layers.map(l => l.layer)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('finds every tier-1 requirement missing for a service with no evidence', () => {
    const tier1 = defaultRequirementProfiles[0];
    const coverage = computeCoverage({
      layerModel: defaultLayerModel,
      choice: { profile: tier1, reason: 'lifecycle production' },
      now,
      evidence: [],
    });
    expect(coverage.overall).toEqual({
      required: tier1.required.length,
      covered: 0,
      partial: 0,
      ratio: 0,
    });
    expect(coverage.gaps.map(g => g.capability).sort()).toEqual(
      [...tier1.required].sort(),
    );
  });
});

describe('computeCoverage of delivery (layer 0)', () => {
  const tier = (id: string): ProfileChoice => ({
    profile: defaultRequirementProfiles.find(p => p.id === id)!,
    reason: 'default',
  });
  const coverageOf = (items: CoverageEvidence[], profileId = 'tier-1') =>
    computeCoverage({
      layerModel: defaultLayerModel,
      choice: tier(profileId),
      now,
      evidence: items,
    });

  it('asks production services for source control and recommends CI/CD', () => {
    const coverage = coverageOf([]);
    expect(statusOf(coverage, 'source-control')).toMatchObject({
      requirement: 'required',
      status: 'missing',
      hint: expect.stringContaining('github.com/project-slug'),
    });
    expect(statusOf(coverage, 'ci-cd')).toMatchObject({
      requirement: 'recommended',
      status: 'missing',
      hint: expect.stringContaining('jenkins.io/job-full-name'),
    });
    expect(
      statusOf(coverageOf([], 'tier-2'), 'source-control').requirement,
    ).toBe('required');
    expect(
      statusOf(coverageOf([], 'experimental'), 'source-control').requirement,
    ).toBe('recommended');
  });

  it('counts a project slug as a claim until an image or the catalog confirms it', () => {
    const slug = evidence('source-control', 'declared', 'full', 'github');
    expect(statusOf(coverageOf([slug]), 'source-control')).toMatchObject({
      status: 'partial',
      hint: expect.stringMatching(
        /^GitHub is declared, but nothing observed confirms it yet: .*org\.opencontainers\.image\.source/,
      ),
    });
    expect(
      statusOf(
        coverageOf([
          slug,
          evidence('source-control', 'registry', 'full', 'github'),
        ]),
        'source-control',
      ),
    ).toMatchObject({ status: 'covered', tools: ['github'] });
    // A url location on a host of unknown make still proves a repository.
    expect(
      statusOf(
        coverageOf([slug, evidence('source-control', 'catalog', 'full')]),
        'source-control',
      ).status,
    ).toBe('covered');
  });

  it('shows a repository declared on GitLab whose images were built on GitHub as a conflict', () => {
    const sourceControl = statusOf(
      coverageOf([
        evidence('source-control', 'declared', 'full', 'gitlab'),
        evidence('source-control', 'registry', 'full', 'github'),
      ]),
      'source-control',
    );
    expect(sourceControl).toMatchObject({
      status: 'covered',
      conflict: { declared: ['gitlab'], observed: ['github'] },
    });
  });

  it('does not ask to confirm a declared CI, which nothing can observe', () => {
    const ci = statusOf(
      coverageOf([evidence('ci-cd', 'declared', 'full', 'jenkins')]),
      'ci-cd',
    );
    expect(ci.status).toBe('partial');
    expect(ci.hint).toBe(
      "Jenkins is declared; the portal reads no CI system, so it stays a claim; the CI plugin's own tab shows the builds",
    );
  });

  it('never lets a default telemetry tool contradict a declaration', () => {
    const metrics = statusOf(
      coverageOf([
        evidence('metrics', 'declared', 'full', 'victoria-metrics'),
        evidence('metrics', 'observability', 'full', 'prometheus'),
      ]),
      'metrics',
    );
    expect(metrics.conflict).toBeUndefined();
  });
});
