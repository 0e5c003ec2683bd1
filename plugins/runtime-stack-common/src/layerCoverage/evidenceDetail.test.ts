import {
  describeEvidenceDetail,
  partialEvidence,
  withEvidenceDetail,
  type EvidenceDetailParts,
} from './evidenceDetail';

describe('describeEvidenceDetail', () => {
  it.each<[EvidenceDetailParts, string]>([
    [
      {
        kind: 'declared',
        annotation: 'runtime-stack.io/tools',
        ofSystem: false,
      },
      'declared in runtime-stack.io/tools',
    ],
    [
      {
        kind: 'declared',
        annotation: 'runtime-stack.io/tools',
        ofSystem: true,
      },
      'declared in runtime-stack.io/tools of its System',
    ],
    [
      { kind: 'catalog-location', address: 'https://github.com/acme/a' },
      'the catalog reads this entity from https://github.com/acme/a',
    ],
    [
      { kind: 'every-container', object: 'Deployment payments/api' },
      'Deployment payments/api: every container has it',
    ],
    [
      { kind: 'image-runs', image: 'ghcr.io/acme/api:1.2', pods: 1 },
      'ghcr.io/acme/api:1.2 runs in 1 pod',
    ],
    [
      { kind: 'image-runs', image: 'ghcr.io/acme/api:1.2', pods: 3 },
      'ghcr.io/acme/api:1.2 runs in 3 pods',
    ],
    [
      {
        kind: 'image-built-from',
        image: 'ghcr.io/acme/api:1.2',
        address: 'https://github.com/acme/api',
        revision: 'abc123',
        label: 'org.opencontainers.image.source',
      },
      'ghcr.io/acme/api:1.2 was built from https://github.com/acme/api at abc123 (org.opencontainers.image.source)',
    ],
    [
      {
        kind: 'image-built-from',
        image: 'ghcr.io/acme/api:1.2',
        address: 'https://github.com/acme/api',
        label: 'org.opencontainers.image.source',
      },
      'ghcr.io/acme/api:1.2 was built from https://github.com/acme/api (org.opencontainers.image.source)',
    ],
    [
      {
        kind: 'registry-not-read',
        repository: 'ghcr.io/acme/api',
        configured: true,
      },
      'ghcr.io/acme/api: not read yet',
    ],
    [
      {
        kind: 'registry-not-read',
        repository: 'quay.io/x/y',
        configured: false,
      },
      'quay.io/x/y: not a configured registry',
    ],
    [
      {
        kind: 'telemetry',
        capability: 'metrics',
        counts: { targets: 2, healthyTargets: 1 },
      },
      '1 of 2 targets healthy',
    ],
    [
      { kind: 'provided-by-cluster', cluster: 'prod-eu-1' },
      'every workload on prod-eu-1 runs with it',
    ],
    [
      {
        kind: 'provided-by-cluster',
        cluster: 'prod-eu-1',
        object:
          'DaemonSet kube-system/cilium: spec.template.spec.containers[0].image = quay.io/cilium/cilium:v1.16.1',
      },
      'every workload on prod-eu-1 runs with it (DaemonSet kube-system/cilium: spec.template.spec.containers[0].image = quay.io/cilium/cilium:v1.16.1)',
    ],
    [{ kind: 'detected' }, 'detected'],
  ])('words %j as %p', (parts, text) => {
    expect(describeEvidenceDetail(parts)).toBe(text);
  });
});

describe('withEvidenceDetail', () => {
  it('keeps the evidence and adds the English detail beside its parts', () => {
    const parts: EvidenceDetailParts = {
      kind: 'image-runs',
      image: 'a:1',
      pods: 2,
    };
    expect(
      withEvidenceDetail({ source: 'cluster', capability: 'images' }, parts),
    ).toEqual({
      source: 'cluster',
      capability: 'images',
      detail: 'a:1 runs in 2 pods',
      detailParts: parts,
    });
  });
});

describe('partialEvidence', () => {
  it('keeps partial observations, not claims or full evidence', () => {
    const evidence = [
      { source: 'declared', strength: 'partial' as const, id: 1 },
      { source: 'cluster', strength: 'partial' as const, id: 2 },
      { source: 'observability', strength: 'full' as const, id: 3 },
      { source: 'registry', strength: 'partial' as const, id: 4 },
    ];
    expect(partialEvidence(evidence).map(e => e.id)).toEqual([2, 4]);
  });
});
