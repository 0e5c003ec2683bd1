import {
  defaultLayerModel,
  layerModelTitlesOf,
  type SearchableService,
} from '@internal/backstage-plugin-runtime-stack-common';
import { serviceDocument } from './serviceDocument';

const service: SearchableService = {
  entityRef: 'component:default/payments-api',
  title: 'Payments API',
  owner: 'group:default/payments',
  system: 'system:default/payments',
  lifecycle: 'production',
  profile: 'tier-1',
  required: 13,
  covered: 11,
  partial: 1,
  ratio: 0.885,
  gapCount: 2,
  exemptCount: 0,
  evaluatedAt: '2026-12-05T10:00:00.000Z',
  tools: [
    {
      capability: 'gitops',
      tool: 'argo-cd',
      status: 'covered',
      confirmed: true,
    },
    {
      capability: 'service-mesh',
      tool: 'istio',
      status: 'covered',
      confirmed: true,
    },
    {
      capability: 'service-mesh',
      tool: 'homegrown-mesh',
      status: 'covered',
      confirmed: true,
    },
  ],
  gaps: [
    { capability: 'certificate-management', layer: 4, status: 'missing' },
    { capability: 'alerting', layer: 4, status: 'partial' },
  ],
};

describe('serviceDocument', () => {
  const titles = layerModelTitlesOf(defaultLayerModel);

  it('names the tools and gaps by their titles, and links the Runtime stack tab', () => {
    const document = serviceDocument(service, titles);
    expect(document).toMatchObject({
      title: 'Payments API · runtime stack',
      location: '/catalog/default/component/payments-api/runtime-stack',
      entityRef: 'component:default/payments-api',
      owner: 'group:default/payments',
      coverage: 0.885,
      required: 13,
      gapCount: 2,
      authorization: { resourceRef: 'component:default/payments-api' },
    });
    expect(document.text).toBe(
      '89% of 13 required capabilities covered under the tier-1 profile. ' +
        'Runs with Argo CD (GitOps), Istio (Service mesh), homegrown-mesh (Service mesh). ' +
        'Gaps: Certificate management (missing), Alerting (partial). ' +
        // Without the names the pages show, the ids (the owner's name).
        'Owned by payments.',
    );
    // A tool the layer model does not know keeps its id.
    expect(document.tools).toEqual(['Argo CD', 'Istio', 'homegrown-mesh']);
    expect(document.confirmedTools).toEqual(document.tools);
  });

  it('names the profile and the owner as the pages do, falling back to the ids', () => {
    const names = {
      profileTitleOf: (id: string) =>
        id === 'tier-1' ? 'Tier 1 (production-critical)' : undefined,
      ownerTitleOf: (ref: string) =>
        ref === 'group:default/team-payments' ? 'Payments' : undefined,
    };
    const document = serviceDocument(
      { ...service, owner: 'group:default/team-payments' },
      titles,
      names,
    );
    expect(document.text).toMatch(
      /^89% of 13 required capabilities covered under the Tier 1 \(production-critical\) profile\. /,
    );
    expect(document.text).toMatch(/ Owned by Payments\.$/);
    expect(document.text).not.toContain('tier-1');
    expect(document.text).not.toContain('team-payments');
    // Filters match the ids, which the fields keep.
    expect(document).toMatchObject({
      profile: 'tier-1',
      owner: 'group:default/team-payments',
      ownerTitle: 'Payments',
    });

    // A profile or an owner the names do not know keeps its id.
    const unknown = serviceDocument(
      {
        ...service,
        profile: 'pci',
        owner: 'group:default/team-checkout',
      },
      titles,
      names,
    );
    expect(unknown.text).toMatch(/ under the pci profile\. /);
    expect(unknown.text).toMatch(/ Owned by team-checkout\.$/);
    expect(unknown).toMatchObject({
      profile: 'pci',
      owner: 'group:default/team-checkout',
    });
    expect(unknown.ownerTitle).toBeUndefined();
  });

  it('says it runs only the tools something observed confirms, not those merely named', () => {
    const document = serviceDocument(
      {
        ...service,
        tools: [
          {
            capability: 'gitops',
            tool: 'argo-cd',
            status: 'covered',
            confirmed: true,
          },
          // Declared, while a cluster shows Istio covering the capability.
          {
            capability: 'service-mesh',
            tool: 'linkerd',
            status: 'covered',
            confirmed: false,
          },
          {
            capability: 'service-mesh',
            tool: 'istio',
            status: 'covered',
            confirmed: true,
          },
          {
            capability: 'data-protection',
            tool: 'velero',
            status: 'exempt',
            confirmed: false,
          },
          // Seen running, though the capability asks for more.
          {
            capability: 'metrics',
            tool: 'prometheus',
            status: 'partial',
            confirmed: true,
          },
        ],
      },
      titles,
    );
    expect(document.text).toContain(
      'Runs with Argo CD (GitOps), Istio (Service mesh), Prometheus (Metrics).',
    );
    expect(document.text).toMatch(
      /Named, not confirmed: Linkerd \(Service mesh\), Velero \(Data protection \(backup & restore\)\)\./,
    );
    expect(document.text).not.toMatch(/Runs with [^.]*Linkerd/);
    expect(document.tools).toEqual([
      'Argo CD',
      'Linkerd',
      'Istio',
      'Velero',
      'Prometheus',
    ]);
    expect(document.confirmedTools).toEqual(['Argo CD', 'Istio', 'Prometheus']);
  });

  it('says when every required capability is exempt, not that none is required', () => {
    const allExempt = serviceDocument(
      { ...service, required: 0, ratio: 1, exemptCount: 13, gaps: [] },
      titles,
    );
    expect(allExempt.text).toMatch(
      /^All 13 required capabilities are exempt under the tier-1 profile\./,
    );
    expect(allExempt).toMatchObject({ required: 0, exemptCount: 13 });

    const oneExempt = serviceDocument(
      { ...service, required: 0, ratio: 1, exemptCount: 1, gaps: [] },
      titles,
    );
    expect(oneExempt.text).toMatch(
      /^The one required capability is exempt under the tier-1 profile\./,
    );
  });

  it('counts the exempt capabilities beside the required ones covered', () => {
    const document = serviceDocument(
      { ...service, required: 11, exemptCount: 2 },
      titles,
    );
    expect(document.text).toMatch(
      /^89% of 11 required capabilities covered under the tier-1 profile \(2 more exempt\)\./,
    );
    expect(document.exemptCount).toBe(2);
  });

  it('falls back to the entity name, and says when nothing is seen or required', () => {
    const document = serviceDocument(
      {
        ...service,
        entityRef: 'component:Team-A/Billing',
        title: undefined,
        owner: undefined,
        required: 0,
        ratio: 1,
        tools: [],
        gaps: [],
        gapCount: 0,
      },
      titles,
    );
    expect(document.title).toBe('Billing · runtime stack');
    expect(document.location).toBe(
      '/catalog/team-a/component/Billing/runtime-stack',
    );
    expect(document.text).toBe(
      'No capability is required under the tier-1 profile. No tools seen yet.',
    );
    expect(document).not.toHaveProperty('owner');
    // The ratio of nothing required is 1: the count says it is no coverage.
    expect(document).toMatchObject({ coverage: 1, required: 0 });
  });
});
