import {
  chooseRequirementProfile,
  computeCoverage,
  defaultLayerModel,
  defaultRequirementProfiles,
  type CoverageEvidence,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  previewEvidence,
  sandboxToolOf,
  previewHint,
  readPreviewChoices,
  registryHostOf,
  type PreviewChoices,
} from './previewEvidence';
import {
  coverageOnceConfirmed,
  remainingGaps,
  unconfirmedClaims,
} from './onceRunning';
import { registeredEvidence } from './registeredEvidence';
import { englishT } from '../../__testUtils__/translations';

/** Capability → tools of the evidence, for compact assertions. */
function toolsByCapability(evidence: CoverageEvidence[]) {
  const map: Record<string, Array<string | undefined>> = {};
  for (const e of evidence) (map[e.capability] ??= []).push(e.tool);
  return map;
}

const everything: PreviewChoices = {
  ingress: {
    enabled: true,
    className: 'traefik',
    host: 'web.example.com',
    tls: true,
    clusterIssuer: 'letsencrypt-prod',
  },
  gitops: 'argo-cd',
  observability: { serviceMonitor: true, dashboards: true, alertRules: true },
  mesh: 'linkerd',
  sandbox: 'gvisor',
  autoscaling: { enabled: true, min: 2, max: 6, cpu: 75 },
  ci: 'github-actions',
  repositoryHost: 'github.com',
  requirementProfile: 'tier-1',
  image: 'quay.io/team/web',
};

/** The coverage once running, from what is registered and what the chart renders. */
function coverageOf(choices: PreviewChoices) {
  return computeCoverage({
    layerModel: defaultLayerModel,
    choice: chooseRequirementProfile(
      { annotation: choices.requirementProfile },
      defaultRequirementProfiles,
    ),
    evidence: [
      ...registeredEvidence(choices, defaultLayerModel),
      ...previewEvidence(choices),
    ],
    now: new Date('2026-01-01T00:00:00Z'),
  });
}

describe('sandboxToolOf', () => {
  it('knows the usual RuntimeClass names of gVisor and Kata, and no other', () => {
    expect(
      ['gvisor', 'runsc', 'kata', 'kata-qemu', 'kata-clh', 'wasmtime'].map(
        sandboxToolOf,
      ),
    ).toEqual([
      'gvisor',
      'gvisor',
      'kata-containers',
      'kata-containers',
      'kata-containers',
      undefined,
    ]);
  });

  it('declares a sandbox of unknown make as a partial container runtime', () => {
    const [sandbox] = previewEvidence({ sandbox: 'wasmtime' }).filter(
      e => e.capability === 'container-runtime',
    );
    expect(sandbox).toEqual({
      source: 'declared',
      capability: 'container-runtime',
      detail: 'the pods run in the wasmtime RuntimeClass',
      strength: 'partial',
    });
  });
});

describe('previewEvidence', () => {
  it('maps every choice to a capability and tool of the layer model', () => {
    const evidence = previewEvidence(everything);
    expect(evidence.every(e => e.source === 'declared')).toBe(true);
    expect(toolsByCapability(evidence)).toEqual({
      workloads: ['deployment'],
      health: [
        'liveness-probe',
        'readiness-probe',
        'resource-limits',
        'pod-disruption-budget',
        'horizontal-pod-autoscaler',
      ],
      policy: ['kubernetes-network-policy'],
      'package-management': ['helm'],
      images: ['oci-image'],
      'container-registry': ['quay'],
      'service-proxy': ['traefik'],
      'certificate-management': ['cert-manager'],
      gitops: ['argo-cd'],
      'service-mesh': ['linkerd'],
      'container-runtime': ['gvisor'],
      metrics: ['prometheus'],
      alerting: ['alertmanager'],
      visualization: ['grafana'],
      'ci-cd': ['github-actions'],
    });
  });

  it('names only capabilities and tools the default layer model knows', () => {
    const tools = new Map(
      defaultLayerModel.layers.flatMap(l =>
        l.capabilities.map(c => [c.id, new Set(c.tools.map(t => t.id))]),
      ),
    );
    const variants: PreviewChoices[] = [
      everything,
      {
        ...everything,
        gitops: 'flux',
        mesh: 'istio',
        sandbox: 'kata-qemu',
        ci: 'gitlab-ci',
        repositoryHost: 'gitlab.com',
        ingress: { enabled: true, className: 'ingress-nginx' },
      },
    ];
    const unknown = variants
      .flatMap(previewEvidence)
      .filter(
        e =>
          !tools.has(e.capability) ||
          (e.tool !== undefined && !tools.get(e.capability)!.has(e.tool)),
      )
      .map(e => `${e.capability}=${e.tool}`);
    expect(unknown).toEqual([]);
  });

  it('counts alerting and dashboards only beside the ServiceMonitor, as the chart renders them', () => {
    const observed = (serviceMonitor: boolean) =>
      Object.keys(
        toolsByCapability(
          previewEvidence({
            observability: {
              serviceMonitor,
              dashboards: true,
              alertRules: true,
            },
          }),
        ),
      );
    expect(observed(true)).toEqual(
      expect.arrayContaining(['metrics', 'alerting', 'visualization']),
    );
    const without = observed(false);
    expect(without).not.toContain('metrics');
    expect(without).not.toContain('alerting');
    expect(without).not.toContain('visualization');
  });

  it('gives only the chart when nothing is chosen, and none means none', () => {
    const none = toolsByCapability(
      previewEvidence({
        gitops: 'none',
        mesh: 'none',
        sandbox: 'none',
        ingress: { enabled: false, className: 'traefik', tls: true },
        observability: {
          serviceMonitor: false,
          dashboards: false,
          alertRules: false,
        },
        autoscaling: { enabled: false },
      }),
    );
    // The repository is no object of the chart: what it declares is registered.
    expect(Object.keys(none).sort()).toEqual([
      'health',
      'package-management',
      'policy',
      'workloads',
    ]);
    expect(none.health).not.toContain('horizontal-pod-autoscaler');
    expect(Object.keys(toolsByCapability(previewEvidence({})))).toEqual(
      Object.keys(none),
    );
  });

  it('counts the probes and limits of the one container as full health, a budget or autoscaler as partial', () => {
    const health = previewEvidence(everything).filter(
      e => e.capability === 'health',
    );
    expect(Object.fromEntries(health.map(e => [e.tool, e.strength]))).toEqual({
      'liveness-probe': 'full',
      'readiness-probe': 'full',
      'resource-limits': 'full',
      'pod-disruption-budget': 'partial',
      'horizontal-pod-autoscaler': 'partial',
    });
  });

  it("needs an enabled Ingress for TLS, and takes the template's ClusterIssuer when none is given", () => {
    const tlsOnly = previewEvidence({
      ingress: { enabled: true, className: 'ingress-nginx', tls: true },
    }).find(e => e.capability === 'certificate-management');
    // The template writes `certIssuer or 'letsencrypt-prod'`.
    expect(tlsOnly).toEqual({
      source: 'declared',
      capability: 'certificate-management',
      tool: 'cert-manager',
      detail:
        'cert-manager issues the TLS certificate (ClusterIssuer letsencrypt-prod)',
      strength: 'full',
    });

    const noTls = previewEvidence({
      ingress: { enabled: true, className: 'ingress-nginx', tls: false },
    });
    expect(noTls.some(e => e.capability === 'certificate-management')).toBe(
      false,
    );
    expect(toolsByCapability(noTls)['service-proxy']).toEqual([
      'ingress-nginx',
    ]);
  });

  it('names the registry of the image', () => {
    expect(registryHostOf('registry.example.com/team/web')).toBe(
      'registry.example.com',
    );
    expect(registryHostOf('localhost:5000/web')).toBe('localhost:5000');
    expect(registryHostOf('library/nginx')).toBe('docker.io');
    expect(registryHostOf('nginx')).toBe('docker.io');
  });

  const registryOf = (image: string) =>
    previewEvidence({ image }).find(e => e.capability === 'container-registry');

  it("names the registry's tool as the entity page does", () => {
    expect(
      [
        'nginx',
        'quay.io/team/web',
        'ghcr.io/acme/web',
        'acme.jfrog.io/docker/web',
        'public.ecr.aws/acme/web',
        '123456789012.dkr.ecr.eu-west-1.amazonaws.com/web',
        '123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/web',
        'europe-west1-docker.pkg.dev/acme/web',
        'eu.gcr.io/acme/web',
        'team.azurecr.io/web',
        'registry.gitlab.com/acme/web',
        'registry.acme.internal:5000/web',
      ].map(image => registryOf(image)?.tool),
    ).toEqual([
      'docker-hub',
      'quay',
      'github-container-registry',
      'jfrog-artifactory',
      'amazon-ecr',
      'amazon-ecr',
      'amazon-ecr',
      'google-container-registry',
      'google-container-registry',
      'azure-container-registry',
      'gitlab-container-registry',
      undefined,
    ]);
    expect(registryOf('registry.acme.internal:5000/web')).toMatchObject({
      detail:
        'CI pushes registry.acme.internal:5000/web to registry.acme.internal:5000',
      strength: 'full',
    });
  });

  it('counts an image for a placeholder registry as partial: CI can push it nowhere', () => {
    for (const image of [
      'registry.example.com/web',
      'cr.example.org:5000/team/web',
      'example.net/web',
    ]) {
      expect(registryOf(image)).toMatchObject({
        strength: 'partial',
        detail: expect.stringMatching(
          /is a placeholder: CI can push .* nowhere$/,
        ),
      });
      expect(registryOf(image)?.tool).toBeUndefined();
    }
    expect(registryOf('registry.example.company/web')).toMatchObject({
      strength: 'full',
    });
  });
});

describe('readPreviewChoices', () => {
  it('reads the nested form fields', () => {
    expect(
      readPreviewChoices({
        name: 'web',
        ...everything,
        ingress: { ...everything.ingress, extra: 'ignored' },
      }),
    ).toEqual({ ...everything, name: 'web' });
  });

  it('reads the flat parameter names of the runtime-service template', () => {
    expect(
      readPreviewChoices({
        name: 'web',
        requirementProfile: 'tier-2',
        ingressEnabled: true,
        ingressClass: 'ingress-nginx',
        ingressHost: 'web.example.com',
        tlsEnabled: true,
        certIssuer: 'letsencrypt-prod',
        gitops: 'flux',
        serviceMonitor: true,
        dashboards: false,
        alertRules: true,
        mesh: 'none',
        sandbox: 'gvisor',
        autoscalingEnabled: true,
        autoscalingMin: 2,
        autoscalingMax: 6,
        autoscalingCpu: 75,
        ciSystem: 'gitlab-ci',
        registryHost: 'registry.example.com',
        repoUrl: 'gitlab.example.com?owner=checkout&repo=web',
        publishTo: 'repository',
        namespace: 'storefront',
        cluster: 'prod-eu-1',
      }),
    ).toEqual({
      name: 'web',
      namespace: 'storefront',
      cluster: 'prod-eu-1',
      requirementProfile: 'tier-2',
      ingress: {
        enabled: true,
        className: 'ingress-nginx',
        host: 'web.example.com',
        tls: true,
        clusterIssuer: 'letsencrypt-prod',
      },
      gitops: 'flux',
      observability: {
        serviceMonitor: true,
        dashboards: false,
        alertRules: true,
      },
      mesh: 'none',
      sandbox: 'gvisor',
      autoscaling: { enabled: true, min: 2, max: 6, cpu: 75 },
      ci: 'gitlab-ci',
      repositoryHost: 'gitlab.example.com',
      repositorySlug: 'checkout/web',
      publishTo: 'repository',
      // imageName defaults to the service's name, as in the template.
      image: 'registry.example.com/web',
    });
  });

  it('ignores values of the wrong type and anything that is not an object', () => {
    expect(
      readPreviewChoices({
        ingress: { enabled: 'yes', className: 3 },
        gitops: '',
        observability: 'all',
        autoscaling: { min: '2' },
      }),
    ).toEqual({});
    expect(readPreviewChoices(undefined)).toEqual({});
    expect(readPreviewChoices(['argo-cd'])).toEqual({});
  });
});

describe('the preview with the coverage engine', () => {
  it('turns a choice into declared (partial) coverage that a cluster would confirm', () => {
    const without = coverageOf({ requirementProfile: 'tier-2' });
    const gitopsWithout = without.capabilities.find(
      c => c.capability === 'gitops',
    )!;
    expect(gitopsWithout.status).toBe('missing');

    const withArgo = coverageOf({
      requirementProfile: 'tier-2',
      gitops: 'argo-cd',
    });
    const gitops = withArgo.capabilities.find(c => c.capability === 'gitops')!;
    expect(gitops).toMatchObject({ status: 'partial', tools: ['argo-cd'] });
    expect(withArgo.overall.ratio).toBeGreaterThan(without.overall.ratio);
    expect(coverageOnceConfirmed(withArgo).covered).toBe(
      coverageOnceConfirmed(without).covered + 1,
    );
  });

  it('leaves only what no choice covers as remaining gaps', () => {
    const published = { ...everything, publishTo: 'repository' };
    const coverage = coverageOf(published);
    expect(coverage.profile.id).toBe('tier-1');
    // Logging and backups are not part of the template.
    const unconfirmed = unconfirmedClaims(published);
    expect(
      remainingGaps(coverage, unconfirmed)
        .map(g => g.capability)
        .sort(),
    ).toEqual(['data-protection', 'logging']);
    expect(coverageOnceConfirmed(coverage, unconfirmed)).toEqual({
      required: 13,
      covered: 11,
      partial: 0,
      ratio: 11 / 13,
    });
  });

  it("keeps the repository a claim once running when the service is written on the portal's host", () => {
    for (const publishTo of [undefined, 'local']) {
      const choices = { ...everything, publishTo };
      const coverage = coverageOf(choices);
      const unconfirmed = unconfirmedClaims(choices);
      expect(
        remainingGaps(coverage, unconfirmed)
          .map(g => g.capability)
          .sort(),
      ).toEqual(['data-protection', 'logging', 'source-control']);
      expect(coverageOnceConfirmed(coverage, unconfirmed)).toMatchObject({
        covered: 10,
        partial: 1,
      });
    }
  });

  it('hints at the form choice that closes a gap', () => {
    expect(previewHint(englishT, 'gitops', 'engine hint')).toBe(
      'Choose Argo CD or Flux under GitOps',
    );
    expect(previewHint(englishT, 'logging', 'engine hint')).toBe('engine hint');
    expect(previewHint(englishT, 'logging')).toBe(
      'Not covered by this template: ask the platform team',
    );
    // A capability id is never mistaken for a property of any object.
    expect(previewHint(englishT, 'constructor', 'engine hint')).toBe(
      'engine hint',
    );
  });
});
