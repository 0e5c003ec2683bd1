import {
  chooseRequirementProfile,
  computeCoverage,
  defaultLayerModel,
  defaultRequirementProfiles,
  formatDeclaredTools,
} from '@internal/backstage-plugin-runtime-stack-common';
import { readPreviewChoices } from './previewEvidence';
import {
  registeredEntityOf,
  registeredEvidence,
  templateDeclaredTools,
} from './registeredEvidence';

/**
 * Forms of the runtime-service template and the runtime-stack.io/tools its
 * declare-stack step writes for them, as the template's own test
 * (scaffolder-backend-module-runtime-stack, runtimeServiceTemplate.test.ts)
 * runs them.
 */
const templateRuns = [
  {
    values: {
      name: 'payments-fx-api',
      cluster: 'prod-eu-1',
      requirementProfile: 'tier-1',
      ingressEnabled: true,
      ingressClass: 'ingress-nginx',
      ingressHost: 'fx.payments.example.com',
      tlsEnabled: true,
      certIssuer: 'letsencrypt-prod',
      gitops: 'argo-cd',
      serviceMonitor: true,
      dashboards: true,
      alertRules: true,
      mesh: 'istio',
      sandbox: 'gvisor',
      autoscalingEnabled: true,
      ciSystem: 'github-actions',
      registryHost: 'registry.acme.internal',
      imageName: 'payments/payments-fx-api',
      repoUrl: 'github.com?owner=acme&repo=payments-fx-api',
      publishTo: 'repository',
    },
    tools:
      'alerting=alertmanager,build-security=trivy,certificate-management=cert-manager,ci-cd=github-actions,container-runtime=gvisor,gitops=argo-cd,metrics=prometheus,package-management=helm,policy=kubernetes-network-policy,service-mesh=istio,service-proxy=ingress-nginx,source-control=github,visualization=grafana',
  },
  {
    values: {
      name: 'cart-price-rules-worker',
      requirementProfile: 'tier-2',
      ingressEnabled: false,
      gitops: 'flux',
      serviceMonitor: true,
      dashboards: false,
      alertRules: true,
      mesh: 'linkerd',
      sandbox: 'kata-qemu',
      autoscalingEnabled: true,
      ciSystem: 'gitlab-ci',
      registryHost: 'harbor.acme.internal:8443',
      repoUrl: 'gitlab.com?owner=acme&repo=cart-price-rules-worker',
      publishTo: 'repository',
    },
    tools:
      'alerting=alertmanager,build-security=trivy,ci-cd=gitlab-ci,container-runtime=kata-containers,gitops=flux,metrics=prometheus,package-management=helm,policy=kubernetes-network-policy,service-mesh=linkerd,source-control=gitlab',
  },
  {
    values: {
      name: 'catalog-preview-web',
      requirementProfile: 'experimental',
      ingressEnabled: true,
      ingressClass: 'traefik',
      ingressHost: 'preview.catalog.example.com',
      tlsEnabled: false,
      gitops: 'none',
      serviceMonitor: false,
      dashboards: false,
      alertRules: false,
      mesh: 'none',
      sandbox: 'none',
      autoscalingEnabled: false,
      ciSystem: 'github-actions',
      registryHost: 'cr.acme.internal',
      imageName: 'catalog/catalog-preview-web',
      repoUrl: 'github.com?owner=acme&repo=catalog-preview-web',
      publishTo: 'repository',
    },
    tools:
      'build-security=trivy,ci-cd=github-actions,package-management=helm,policy=kubernetes-network-policy,service-proxy=traefik,source-control=github',
  },
];

/** The template's defaults, as the form holds them on the platform page. */
const templateDefaults = {
  name: 'web',
  requirementProfile: 'tier-2',
  ingressEnabled: true,
  ingressClass: 'ingress-nginx',
  tlsEnabled: true,
  certIssuer: 'letsencrypt-prod',
  gitops: 'argo-cd',
  serviceMonitor: true,
  dashboards: true,
  alertRules: true,
  mesh: 'none',
  sandbox: 'none',
  autoscalingEnabled: true,
  ciSystem: 'github-actions',
  registryHost: 'registry.example.com',
};

describe('the registered service', () => {
  it.each(templateRuns.map(run => [run.values.name, run]))(
    'declares the tools the template declares for %s',
    (_, { values, tools }) => {
      expect(
        formatDeclaredTools(templateDeclaredTools(readPreviewChoices(values))),
      ).toBe(tools);
    },
  );

  it("writes the template's annotations into its catalog entry", () => {
    const entity = registeredEntityOf(
      readPreviewChoices({
        ...templateRuns[1].values,
        namespace: 'checkout',
        cluster: 'prod-eu-1',
      }),
    );
    expect(entity.metadata.annotations).toEqual({
      'backstage.io/kubernetes-id': 'cart-price-rules-worker',
      'backstage.io/kubernetes-namespace': 'checkout',
      'backstage.io/kubernetes-cluster': 'prod-eu-1',
      'gitlab.com/project-slug': 'acme/cart-price-rules-worker',
      'runtime-stack.io/images':
        'harbor.acme.internal:8443/cart-price-rules-worker',
      'runtime-stack.io/tools': templateRuns[1].tools,
      'runtime-stack.io/requirement-profile': 'tier-2',
    });
    expect(entity.spec).toMatchObject({ lifecycle: 'production' });
  });

  it('takes the repository host from the CI system until the Repository page names it', () => {
    const tools = (ciSystem: string) =>
      templateDeclaredTools(readPreviewChoices({ ciSystem })).find(
        t => t.capability === 'source-control',
      )?.tool;
    expect(tools('gitlab-ci')).toBe('gitlab');
    expect(tools('github-actions')).toBe('github');
  });

  it('claims only what catalog-info.yaml declares, not what the chart renders', () => {
    const evidence = registeredEvidence(
      readPreviewChoices(templateDefaults),
      defaultLayerModel,
    );
    expect(evidence.every(e => e.source === 'declared')).toBe(true);
    expect([...new Set(evidence.map(e => e.capability))].sort()).toEqual([
      'alerting',
      'build-security',
      'certificate-management',
      'ci-cd',
      'gitops',
      'metrics',
      'package-management',
      'policy',
      'service-proxy',
      'source-control',
      'visualization',
    ]);
  });

  it('measures the defaults as the entity page will: source control, GitOps and metrics claimed of the 7 tier-2 requires', () => {
    const coverage = computeCoverage({
      layerModel: defaultLayerModel,
      choice: chooseRequirementProfile(
        { annotation: 'tier-2' },
        defaultRequirementProfiles,
      ),
      evidence: registeredEvidence(
        readPreviewChoices(templateDefaults),
        defaultLayerModel,
      ),
      now: new Date('2026-01-01T00:00:00Z'),
    });
    expect(coverage.overall).toEqual({
      required: 7,
      covered: 0,
      partial: 3,
      ratio: 1.5 / 7,
    });
  });
});
