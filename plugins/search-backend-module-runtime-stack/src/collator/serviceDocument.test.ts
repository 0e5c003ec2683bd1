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
    { capability: 'gitops', tool: 'argo-cd' },
    { capability: 'service-mesh', tool: 'istio' },
    { capability: 'service-mesh', tool: 'homegrown-mesh' },
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
        'Gaps: Certificate management (missing), Alerting (partial).',
    );
    // A tool the layer model does not know keeps its id.
    expect(document.tools).toEqual(['Argo CD', 'Istio', 'homegrown-mesh']);
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
