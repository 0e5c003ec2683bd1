import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  defaultLayerModel,
  defaultRequirementProfiles,
  type EffectiveOwner,
  type EffectiveOwnership,
  type LayerModel,
  type PlannedServiceEvidence,
  type RequirementProfileSettings,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { useState } from 'react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { runtimeStackApiRef, type RuntimeStackApi } from '../../api';
import {
  coveragePreviewFieldExtension,
  runtimeStackCoveragePreviewFieldOptions,
} from './extensions';
import { RuntimeStackCoveragePreview } from './RuntimeStackCoveragePreview';
import { testClient } from '../../__testUtils__/runtimeStackClient';
import { scaffolderFieldProps } from '../../__testUtils__/scaffolderFieldProps';
import { translationModule } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';
import { shownStatusOf } from '../../__testUtils__/statusChips';
import {
  findCoverageFigure,
  getCoverageFigure,
  queryCoverageFigure,
} from '../../__testUtils__/coverageFigure';

/** The preview's props, the whole form in formContext. */
const fieldProps = (formData: Record<string, unknown>) =>
  scaffolderFieldProps<unknown>({
    name: 'coveragePreview',
    uiField: 'RuntimeStackCoveragePreview',
    schema: {
      type: 'object',
      title: 'Runtime coverage preview',
      description: 'What these choices cover.',
    },
    formContext: formData,
  });

/** Who will own what of the planned service: no record names it yet. */
const noPlannedOwners: EffectiveOwnership = {
  entityRef: 'component:default/web',
  scopes: [],
  capabilities: [],
};

/** The backend with the default model and profiles, or what a test gives. */
function withBackend(api: Partial<RuntimeStackApi> = {}) {
  return {
    apis: [
      [
        runtimeStackApiRef,
        {
          getLayerModel: async () => defaultLayerModel,
          getRequirementProfiles:
            async (): Promise<RequirementProfileSettings> => ({
              profiles: defaultRequirementProfiles,
            }),
          getPlannedOwnership: async () => noPlannedOwners,
          ...api,
        },
      ],
    ] as const,
  };
}

/** Minimal choices: no GitOps, no monitoring, no ingress (the template's flat names). */
const minimal = {
  name: 'web',
  requirementProfile: 'tier-2',
  ingressEnabled: false,
  gitops: 'none',
  serviceMonitor: false,
  dashboards: false,
  alertRules: false,
  mesh: 'none',
  autoscalingEnabled: false,
  ciSystem: 'github-actions',
  registryHost: 'registry.example.com',
};

/** Everything on, in the nested names. */
const full = {
  name: 'web',
  requirementProfile: 'tier-2',
  ingress: {
    enabled: true,
    className: 'ingress-nginx',
    host: 'web.example.com',
    tls: true,
    clusterIssuer: 'letsencrypt-prod',
  },
  gitops: 'argo-cd',
  observability: { serviceMonitor: true, dashboards: true, alertRules: true },
  mesh: 'linkerd',
  autoscaling: { enabled: true, min: 2, max: 6, cpu: 75 },
  ci: 'github-actions',
  image: 'registry.example.com/team/web',
};

const statusOf = (capabilityTitle: string) => shownStatusOf(capabilityTitle);

const layer = (n: number) =>
  screen.getByRole('region', { name: new RegExp(`^Layer ${n}:`) });

/** A cluster as GET /clusters lists it, with the RuntimeClasses it offers. */
const offeringSandboxes = (
  name: string,
  runtimeClasses: string[],
  meshes: string[] = [],
) =>
  ({
    name,
    stale: false,
    lastSuccessAt: new Date().toISOString(),
    objectCount: 10,
    platformTools: [
      ...meshes.map(tool => ({
        tool,
        capability: 'service-mesh',
        layer: 5,
        evidence: [],
      })),
      ...runtimeClasses.map(runtimeClass => ({
        tool: 'gvisor',
        capability: 'container-runtime',
        layer: 1,
        evidence: [
          {
            kind: 'RuntimeClass',
            apiVersion: 'node.k8s.io/v1',
            name: runtimeClass,
            field: 'handler',
            value: 'runsc',
          },
        ],
      })),
    ],
  } as any);
describe('RuntimeStackCoveragePreview', () => {
  it('shows the coverage of minimal choices, GitOps and metrics missing', async () => {
    const { props, onChange } = fieldProps(minimal);
    await renderInTestApp(
      <RuntimeStackCoveragePreview {...props} />,
      withBackend(),
    );

    // tier-2 requires 7. Registered, catalog-info.yaml claims only the
    // repository (partial until observed). Once running, the chart's
    // workloads and health count; the placeholder registry and the
    // repository of a service written on the portal's host stay partial;
    // gitops, logging and metrics are missing.
    expect(
      await findCoverageFigure('Coverage when registered'),
    ).toHaveTextContent('7%');
    expect(getCoverageFigure('Coverage once running')).toHaveTextContent('43%');
    expect(
      screen.getByText(/Profile Tier 2 \(production\) \(annotation/),
    ).toBeInTheDocument();
    expect(statusOf('GitOps')).toBe('missing');
    expect(statusOf('Metrics')).toBe('missing');
    // Declared by the chart, shown by the running service: covered then,
    // as the layer's figure counts it; the placeholder registry stays
    // partial.
    expect(statusOf('Workloads')).toBe('once running');
    expect(statusOf('Container registry')).toBe('partial');
    expect(
      within(layer(6)).getByRole('heading', { level: 4 }),
    ).toHaveTextContent('Layer 6 · Application · 100%');
    // Not asked for and not chosen: listed in one line, without a chip.
    expect(screen.queryByLabelText(/^Service mesh status/)).toBeNull();
    expect(
      within(layer(5)).getByText(/^Not asked for: Service mesh/),
    ).toBeInTheDocument();

    const gaps = within(
      screen.getByRole('list', { name: 'Top coverage gaps' }),
    );
    expect(gaps.getByText('Layer 4 · GitOps')).toBeInTheDocument();
    expect(
      gaps.getByText('Choose Argo CD or Flux under GitOps'),
    ).toBeInTheDocument();
    expect(
      gaps.getByText('Turn on the Prometheus ServiceMonitor'),
    ).toBeInTheDocument();
    expect(gaps.getByText('Layer 3 · Container registry')).toBeInTheDocument();
    expect(gaps.getByText('Set your image registry')).toBeInTheDocument();

    // Layers from 6 down to 0.
    const titles = screen
      .getAllByRole('region', { name: /^Layer \d:/ })
      .map(r => r.getAttribute('aria-label')!.slice(0, 7));
    expect(titles).toEqual([
      'Layer 6',
      'Layer 5',
      'Layer 4',
      'Layer 3',
      'Layer 2',
      'Layer 1',
      'Layer 0',
    ]);
    expect(onChange).not.toHaveBeenCalled();
  });

  describe('with a System chosen', () => {
    const payments: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: 'payments',
        annotations: {
          'runtime-stack.io/tools': 'gitops=argo-cd,service-mesh=linkerd',
          'runtime-stack.io/requirement-profile': 'tier-1',
        },
      },
      spec: { owner: 'group:default/payments' },
    };
    const withCatalog = (entities: Entity[]) => ({
      apis: [
        ...withBackend().apis,
        [catalogApiRef, catalogApiMock({ entities })],
      ] as const,
    });

    it('counts what the System declares, as the entity page will', async () => {
      const { props } = fieldProps({
        ...minimal,
        system: 'system:default/payments',
      });
      await renderInTestApp(
        <RuntimeStackCoveragePreview {...props} />,
        withCatalog([payments]),
      );

      // Declared, not yet seen running: covered once running, where it was
      // missing.
      await waitFor(() => expect(statusOf('GitOps')).toBe('once running'));
      // The form's own profile wins over the System's.
      expect(
        screen.getByText(/Profile Tier 2 \(production\) \(annotation/),
      ).toBeInTheDocument();
      expect(screen.queryByText(/counts no declaration/)).toBeNull();
    });

    it('measures against the System’s profile when the form names none', async () => {
      const { requirementProfile: _, ...unprofiled } = minimal;
      const { props } = fieldProps({ ...unprofiled, system: 'payments' });
      await renderInTestApp(
        <RuntimeStackCoveragePreview {...props} />,
        withCatalog([payments]),
      );
      expect(
        await screen.findByText(/Profile Tier 1 .*system:default\/payments/),
      ).toBeInTheDocument();
    });

    it('measures against the System’s profile when the form’s is blank, and reads both trimmed', async () => {
      const { props } = fieldProps({
        ...minimal,
        requirementProfile: ' ',
        system: 'payments',
      });
      const spaced: Entity = {
        ...payments,
        metadata: {
          ...payments.metadata,
          annotations: {
            ...payments.metadata.annotations,
            'runtime-stack.io/requirement-profile': ' tier-1 ',
          },
        },
      };
      await renderInTestApp(
        <RuntimeStackCoveragePreview {...props} />,
        withCatalog([spaced]),
      );
      expect(
        await screen.findByText(/Profile Tier 1 .*system:default\/payments/),
      ).toBeInTheDocument();
      expect(screen.queryByText(/Unknown requirement profile/)).toBeNull();
    });

    it('says so when the catalog has no such System, and counts the rest', async () => {
      const { props } = fieldProps({
        ...minimal,
        system: 'system:default/nowhere',
      });
      await renderInTestApp(
        <RuntimeStackCoveragePreview {...props} />,
        withCatalog([payments]),
      );
      expect(
        await screen.findByText(
          'The catalog has no system:default/nowhere: the preview counts no declaration of a System.',
        ),
      ).toBeInTheDocument();
      expect(statusOf('GitOps')).toBe('missing');
    });
  });

  it('speaks the words an app installs for the plugin', async () => {
    const german = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        'coveragePreview.title': 'Vorschau der Abdeckung',
        'coveragePreview.willBeCoveredPartly_other':
          '{{covered, number}} von {{required, number}} werden abgedeckt, {{count}} vorerst teilweise',
        'coveragePreview.notAskedFor': 'Nicht verlangt: {{capabilities}}',
        'coveragePreview.formHints.gitops': 'Wähle Argo CD oder Flux',
        'coverageCard.topGaps': 'Wichtigste Lücken',
        'coveragePreview.profile': 'Profil {{profile}} ({{reason}})',
        'profileReason.annotation': 'gewählt mit {{annotation}}',
      },
    });
    const { props } = fieldProps(minimal);
    await renderInTestApp(
      <RuntimeStackCoveragePreview
        {...props}
        schema={{ ...props.schema, title: undefined }}
      />,
      { ...withBackend(), features: [translationModule(german)] },
    );

    // The heading shows at once, the figures once the model has loaded.
    expect(
      await screen.findByText('2 von 7 werden abgedeckt, 2 vorerst teilweise'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Vorschau der Abdeckung' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Profil Tier 2 (production) (gewählt mit runtime-stack.io/requirement-profile)',
      ),
    ).toBeInTheDocument();
    expect(
      within(layer(5)).getByText(/^Nicht verlangt: Service mesh/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Wichtigste Lücken' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Top coverage gaps' })).getByText(
        'Wähle Argo CD oder Flux',
      ),
    ).toBeInTheDocument();
  });

  it('shows the coverage rise and the statuses switch with more choices', async () => {
    const { props, onChange } = fieldProps(full);
    await renderInTestApp(
      <RuntimeStackCoveragePreview {...props} />,
      withBackend(),
    );

    // catalog-info.yaml claims the repository, GitOps and metrics (partial
    // until observed). Once running, the chart's workloads and health and
    // the GitOps and metrics it renders count; the placeholder registry
    // and the repository stay partial; logging is missing.
    expect(
      await findCoverageFigure('Coverage when registered'),
    ).toHaveTextContent('21%');
    expect(getCoverageFigure('Coverage once running')).toHaveTextContent('71%');
    expect(statusOf('GitOps')).toBe('once running');
    expect(statusOf('Metrics')).toBe('once running');
    expect(statusOf('Logging')).toBe('missing');
    // Optional under tier-2, but the choice brings it.
    expect(statusOf('Service mesh')).toBe('once running');
    expect(within(layer(5)).getByText(/Linkerd/)).toBeInTheDocument();
    expect(
      within(layer(4)).getByText(/required · Argo CD/),
    ).toBeInTheDocument();

    const gaps = within(
      screen.getByRole('list', { name: 'Top coverage gaps' }),
    );
    expect(gaps.queryByText('Layer 4 · GitOps')).not.toBeInTheDocument();
    expect(gaps.getByText('Layer 4 · Logging')).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('measures against the chosen profile', async () => {
    const { props } = fieldProps({
      ...full,
      requirementProfile: 'experimental',
    });
    await renderInTestApp(
      <RuntimeStackCoveragePreview {...props} />,
      withBackend(),
    );
    expect(await screen.findByText(/Profile Experimental/)).toBeInTheDocument();
    // Experimental requires workloads and metrics, both declared.
    expect(getCoverageFigure('Coverage once running')).toHaveTextContent(
      '100%',
    );
    expect(statusOf('Alerting')).toBe('once running');
    expect(screen.getByText('No gaps')).toBeInTheDocument();
  });

  it('says "counts" of a single capability waiting for the running service', async () => {
    const { props } = fieldProps({
      ...minimal,
      requirementProfile: 'experimental',
    });
    await renderInTestApp(
      <RuntimeStackCoveragePreview {...props} />,
      withBackend(),
    );
    // Experimental requires workloads, declared, and metrics, not chosen.
    expect(
      await screen.findByText(
        '1 of 2 required capabilities will be covered; 1 counts as partial until the running service shows it',
      ),
    ).toBeInTheDocument();
  });

  it("uses the platform's layer model from the backend", async () => {
    const renamed: LayerModel = {
      ...defaultLayerModel,
      layers: defaultLayerModel.layers.map(l =>
        l.id === 4
          ? {
              ...l,
              capabilities: l.capabilities.map(c =>
                c.id === 'gitops'
                  ? { ...c, title: 'Continuous deployment' }
                  : c,
              ),
            }
          : l,
      ),
    };
    const { props } = fieldProps(full);
    // Not awaited: the model arrives while findBy* waits.
    renderInTestApp(
      <RuntimeStackCoveragePreview {...props} />,
      withBackend({ getLayerModel: async () => renamed }),
    );
    expect(
      await screen.findByText('Continuous deployment'),
    ).toBeInTheDocument();
  });

  it('shows a progress bar, not a ratio, while the profiles load', async () => {
    const { props } = fieldProps(full);
    await renderInTestApp(
      <RuntimeStackCoveragePreview {...props} />,
      withBackend({ getRequirementProfiles: () => new Promise(() => {}) }),
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(queryCoverageFigure('Coverage once running')).toBeNull();
  });

  it('says so when the profiles cannot be loaded, instead of using the defaults', async () => {
    const { props } = fieldProps(full);
    await renderInTestApp(
      <RuntimeStackCoveragePreview {...props} />,
      withBackend({
        getRequirementProfiles: async () => {
          throw new Error('503 Service Unavailable');
        },
      }),
    );
    expect(
      await screen.findByText(
        /Could not load the platform's layer model and requirement profiles/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/503 Service Unavailable/).length,
    ).toBeGreaterThan(0);
    expect(queryCoverageFigure('Coverage once running')).toBeNull();
  });

  it('says so when the layer model cannot be loaded, instead of using the default', async () => {
    const { props } = fieldProps(full);
    await renderInTestApp(
      <RuntimeStackCoveragePreview {...props} />,
      withBackend({
        getLayerModel: async () => {
          throw new Error('502 Bad Gateway');
        },
      }),
    );
    expect(
      (await screen.findAllByText(/502 Bad Gateway/)).length,
    ).toBeGreaterThan(0);
    expect(queryCoverageFigure('Coverage once running')).toBeNull();
  });

  it('says so when the app has no runtime-stack API', async () => {
    const { props } = fieldProps(full);
    // Not awaited: it renders at once, and awaiting would let what renders
    // next without an API come outside act().
    renderInTestApp(<RuntimeStackCoveragePreview {...props} />);
    expect(
      (await screen.findAllByText(/runtime-stack API is not installed/)).length,
    ).toBeGreaterThan(0);
    expect(queryCoverageFigure('Coverage once running')).toBeNull();
  });

  it('names a profile the backend does not know', async () => {
    const { props } = fieldProps({ ...full, requirementProfile: 'gold' });
    await renderInTestApp(
      <RuntimeStackCoveragePreview {...props} />,
      withBackend(),
    );
    expect(
      await screen.findByText("Error: Unknown requirement profile 'gold'"),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/knows 'tier-1', 'tier-2', 'experimental'/),
    ).toBeInTheDocument();
    // Not measured against the default profile instead.
    expect(queryCoverageFigure('Coverage once running')).toBeNull();
    expect(screen.queryByText(/^Profile /)).toBeNull();
  });

  describe('with a sandboxed runtime chosen', () => {
    const render = (getClusters: RuntimeStackApi['getClusters']) =>
      renderInTestApp(
        <RuntimeStackCoveragePreview
          {...fieldProps({ ...minimal, sandbox: 'gvisor' }).props}
        />,
        withBackend({ getClusters }),
      );

    it('names the clusters that offer its RuntimeClass', async () => {
      await render(async () => [
        offeringSandboxes('prod-eu-1', ['gvisor']),
        offeringSandboxes('prod-us-1', ['gvisor-legacy']),
        offeringSandboxes('staging-eu-1', ['gvisor']),
      ]);
      expect(
        await screen.findByText(
          'RuntimeClass gvisor is offered on prod-eu-1, staging-eu-1',
        ),
      ).toBeInTheDocument();
      expect(statusOf('Container runtime')).toBe('once running');
    });

    it('warns when no cluster offers it, since Kubernetes would refuse the pods', async () => {
      await render(async () => [offeringSandboxes('prod-eu-1', ['kata-qemu'])]);
      expect(
        await screen.findByText(/No cluster offers the RuntimeClass gvisor/),
      ).toBeInTheDocument();
    });

    it('says it could not check when the clusters cannot be read, and still previews', async () => {
      await render(async () => {
        throw new Error('403 Forbidden');
      });
      expect(
        await screen.findByText(
          'Could not check the service mesh and RuntimeClass chosen against the clusters: 403 Forbidden',
        ),
      ).toBeInTheDocument();
      expect(getCoverageFigure('Coverage once running')).toBeInTheDocument();
    });
  });

  describe('with a chosen cluster', () => {
    const planned = (
      overrides: Partial<PlannedServiceEvidence> = {},
    ): PlannedServiceEvidence => ({
      cluster: 'prod-eu-1',
      namespace: 'payments',
      name: 'web',
      stale: false,
      lastSuccessAt: new Date().toISOString(),
      warnings: [],
      evidence: [
        {
          source: 'cluster',
          capability: 'cni-networking',
          tool: 'cilium',
          cluster: 'prod-eu-1',
          detail: 'provided by the cluster prod-eu-1',
          strength: 'full',
        },
        {
          source: 'cluster',
          capability: 'data-protection',
          tool: 'velero',
          cluster: 'prod-eu-1',
          detail: 'Schedule velero/daily-payments-checkout',
          strength: 'full',
        },
        {
          source: 'observability',
          capability: 'logging',
          detail: '1 link',
          strength: 'partial',
        },
      ],
      offered: [{ capability: 'logging', tool: 'loki', cluster: 'prod-eu-1' }],
      ...overrides,
    });
    const tier1 = {
      ...minimal,
      requirementProfile: 'tier-1',
      namespace: 'payments',
    };

    it('adds what the cluster gives the service to the coverage once running, not to the coverage when registered', async () => {
      const getPlannedServiceEvidence = jest.fn(async () => planned());
      await renderInTestApp(
        <RuntimeStackCoveragePreview
          {...fieldProps({ ...tier1, cluster: 'prod-eu-1' }).props}
        />,
        withBackend({ getPlannedServiceEvidence }),
      );
      expect(
        await screen.findByText(
          'prod-eu-1 gives every service in namespace payments: Cilium, Velero (its data: current)',
        ),
      ).toBeInTheDocument();
      expect(getPlannedServiceEvidence).toHaveBeenCalledWith({
        cluster: 'prod-eu-1',
        namespace: 'payments',
        name: 'web',
      });
      // tier-1 requires 13: registered, catalog-info.yaml claims source
      // control and policy (partial until the service runs); once running,
      // workloads, health and policy count, data protection comes from the
      // cluster's Velero, the logs link, the placeholder registry and the
      // repository count half.
      expect(screen.getByText('once running on prod-eu-1')).toBeInTheDocument();
      expect(statusOf('Data protection (backup & restore)')).toBe('covered');
      expect(statusOf('Logging')).toBe('partial');
      expect(statusOf('Cloud native networking (CNI)')).toBe('covered');
      const registered = getCoverageFigure(
        'Coverage when registered',
      ).textContent;
      const running = getCoverageFigure('Coverage once running').textContent;
      expect(registered).toBe('8%');
      expect(running).toBe('42%');
    });

    it('counts as partial for now only what the running service will show, not a source that stays partial', async () => {
      await renderInTestApp(
        <RuntimeStackCoveragePreview
          {...fieldProps({ ...tier1, cluster: 'prod-eu-1' }).props}
        />,
        withBackend({ getPlannedServiceEvidence: async () => planned() }),
      );
      // Policy, workloads and health turn covered once running; the logs
      // link, the placeholder registry and the unconfirmed repository stay
      // partial, so they are not among them.
      expect(
        await screen.findByText(
          '4 of 13 required capabilities will be covered; 3 count as partial until the running service shows them',
        ),
      ).toBeInTheDocument();
    });

    it("offers the cluster's tools as the hint for a gap the form cannot close", async () => {
      await renderInTestApp(
        <RuntimeStackCoveragePreview
          {...fieldProps({
            ...full,
            requirementProfile: 'tier-1',
            namespace: 'payments',
            cluster: 'prod-eu-1',
          }).props}
        />,
        withBackend({ getPlannedServiceEvidence: async () => planned() }),
      );
      const gaps = within(
        await screen.findByRole('list', { name: 'Top coverage gaps' }),
      );
      await waitFor(() =>
        expect(gaps.getByText('Layer 4 · Logging')).toBeInTheDocument(),
      );
      expect(
        gaps.getByText(/\(prod-eu-1 offers Grafana Loki\)$/),
      ).toBeInTheDocument();
    });

    it('without a cluster measures the choices alone, as before', async () => {
      const getPlannedServiceEvidence = jest.fn(async () => planned());
      await renderInTestApp(
        <RuntimeStackCoveragePreview {...fieldProps(tier1).props} />,
        withBackend({ getPlannedServiceEvidence }),
      );
      expect(
        await findCoverageFigure('Coverage once running'),
      ).toHaveTextContent('31%');
      expect(statusOf('Data protection (backup & restore)')).toBe('missing');
      expect(
        screen.getByText('once a cluster confirms it'),
      ).toBeInTheDocument();
      expect(getPlannedServiceEvidence).not.toHaveBeenCalled();
    });

    it('asks nothing while the name is not a Kubernetes name', async () => {
      const getPlannedServiceEvidence = jest.fn(async () => planned());
      await renderInTestApp(
        <RuntimeStackCoveragePreview
          {...fieldProps({ ...tier1, cluster: 'prod-eu-1', name: 'Web_' })
            .props}
        />,
        withBackend({ getPlannedServiceEvidence }),
      );
      await findCoverageFigure('Coverage once running');
      await act(() => new Promise(resolve => setTimeout(resolve, 600)));
      expect(getPlannedServiceEvidence).not.toHaveBeenCalled();
      expect(
        screen.getByText('once a cluster confirms it'),
      ).toBeInTheDocument();
    });

    it('asks about the namespace named after the service and the sandbox chosen', async () => {
      const getPlannedServiceEvidence = jest.fn(async () => planned());
      await renderInTestApp(
        <RuntimeStackCoveragePreview
          {...fieldProps({
            ...minimal,
            requirementProfile: 'tier-1',
            cluster: 'prod-eu-1',
            sandbox: 'gvisor',
          }).props}
        />,
        withBackend({ getPlannedServiceEvidence, getClusters: async () => [] }),
      );
      await screen.findByText(/^prod-eu-1 gives every service/);
      expect(getPlannedServiceEvidence).toHaveBeenCalledWith({
        cluster: 'prod-eu-1',
        namespace: 'web',
        name: 'web',
        runtimeClass: 'gvisor',
      });
    });

    it('says what it could not read from the cluster and still previews the choices', async () => {
      await renderInTestApp(
        <RuntimeStackCoveragePreview
          {...fieldProps({ ...tier1, cluster: 'prod-eu-1' }).props}
        />,
        withBackend({
          getPlannedServiceEvidence: async () => {
            throw new Error("No cluster named 'prod-eu-1'");
          },
        }),
      );
      expect(
        await screen.findByText(
          /Could not read what prod-eu-1 gives the service/,
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          /No cluster named 'prod-eu-1'\. The preview shows only what the choices bring\./,
        ),
      ).toBeInTheDocument();
      expect(getCoverageFigure('Coverage once running')).toHaveTextContent(
        '31%',
      );
    });

    it('says when the cluster gives nothing the layer model counts, and how old its data is', async () => {
      await renderInTestApp(
        <RuntimeStackCoveragePreview
          {...fieldProps({ ...tier1, cluster: 'lab' }).props}
        />,
        withBackend({
          getPlannedServiceEvidence: async () =>
            planned({
              cluster: 'lab',
              evidence: [],
              offered: [],
              stale: true,
              lastSuccessAt: undefined,
            }),
        }),
      );
      expect(
        await screen.findByText(
          'lab gives a service in namespace payments nothing the layer model counts (its data: not collected yet)',
        ),
      ).toBeInTheDocument();
    });

    it('warns when the chosen cluster lacks the sandbox other clusters offer', async () => {
      await renderInTestApp(
        <RuntimeStackCoveragePreview
          {...fieldProps({ ...tier1, cluster: 'prod-us-1', sandbox: 'gvisor' })
            .props}
        />,
        withBackend({
          getPlannedServiceEvidence: async () =>
            planned({ cluster: 'prod-us-1', runtimeClass: 'gvisor' }),
          getClusters: async () => [
            offeringSandboxes('prod-eu-1', ['gvisor']),
            offeringSandboxes('prod-us-1', []),
          ],
        }),
      );
      expect(
        await screen.findByText(
          /prod-us-1 does not offer the RuntimeClass gvisor/,
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText(/Pick a cluster that offers it \(prod-eu-1\)/),
      ).toBeInTheDocument();
    });

    it('warns, as the template run would refuse it, when the chosen cluster does not run the service mesh chosen', async () => {
      await renderInTestApp(
        <RuntimeStackCoveragePreview
          {...fieldProps({ ...tier1, cluster: 'prod-eu-1', mesh: 'linkerd' })
            .props}
        />,
        withBackend({
          getPlannedServiceEvidence: async () => planned(),
          getClusters: async () => [
            offeringSandboxes('prod-eu-1', [], ['istio']),
            offeringSandboxes('prod-us-1', [], ['linkerd']),
          ],
        }),
      );
      expect(
        await screen.findByText(
          /prod-eu-1 does not run the service mesh linkerd$/,
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText(
          /the template stops before creating anything\. prod-eu-1 runs istio: choose that, pick a cluster that runs linkerd/,
        ),
      ).toBeInTheDocument();
    });

    it('says nothing of a mesh the chosen cluster runs, and names a cluster that runs none', async () => {
      const render = (cluster: string) =>
        renderInTestApp(
          <RuntimeStackCoveragePreview
            {...fieldProps({ ...tier1, cluster, mesh: 'istio' }).props}
          />,
          withBackend({
            getPlannedServiceEvidence: async () => planned({ cluster }),
            getClusters: async () => [
              offeringSandboxes('prod-eu-1', [], ['istio']),
              offeringSandboxes('lab', []),
            ],
          }),
        );
      const { unmount } = await render('prod-eu-1');
      await screen.findByText(/^prod-eu-1 gives every service/);
      expect(screen.queryByText(/does not run the service mesh/)).toBeNull();
      unmount();

      await render('lab');
      expect(
        await screen.findByText(/lab does not run the service mesh istio$/),
      ).toBeInTheDocument();
      expect(
        screen.getByText(/lab runs no service mesh: choose none/),
      ).toBeInTheDocument();
    });

    it("never shows the last cluster's answer as the next one's while that is asked", async () => {
      const getPlannedServiceEvidence = jest.fn(
        async ({ cluster }: { cluster: string }) =>
          cluster === 'prod-eu-1'
            ? planned()
            : new Promise<PlannedServiceEvidence>(() => {}),
      );
      const Switching = () => {
        const [cluster, setCluster] = useState('prod-eu-1');
        return (
          <>
            <button type="button" onClick={() => setCluster('prod-us-1')}>
              Switch cluster
            </button>
            <RuntimeStackCoveragePreview
              {...fieldProps({ ...tier1, cluster }).props}
            />
          </>
        );
      };
      await renderInTestApp(
        <Switching />,
        withBackend({ getPlannedServiceEvidence }),
      );
      expect(
        await screen.findByText(/^prod-eu-1 gives every service/),
      ).toBeInTheDocument();

      fireEvent.click(screen.getByRole('button', { name: 'Switch cluster' }));
      // Asked once the choice settles; the answer never comes.
      await waitFor(() =>
        expect(getPlannedServiceEvidence).toHaveBeenCalledTimes(2),
      );
      await act(() => new Promise(resolve => setTimeout(resolve, 50)));
      expect(
        screen.getByText(
          'Reading what prod-us-1 gives a service in namespace payments…',
        ),
      ).toBeInTheDocument();
      expect(screen.queryByText(/gives every service/)).toBeNull();
      expect(screen.queryByText(/^once running on/)).toBeNull();
      expect(statusOf('Data protection (backup & restore)')).toBe('missing');
    });
  });

  describe('who will run what', () => {
    const owner = (
      ref: string,
      responsibility: EffectiveOwner['responsibility'],
    ): EffectiveOwner => ({
      owner: ref,
      responsibility,
      via: 'layer',
      inheritedFrom: {
        kind: 'organization',
        ref: 'organization',
        source: 'config',
      },
    });

    it('names the groups that will run each capability, from the name, owner, System and cluster chosen', async () => {
      const getPlannedOwnership = jest.fn(async () => ({
        entityRef: 'component:default/web',
        scopes: [],
        capabilities: [
          {
            capability: 'workloads',
            layer: 6,
            owners: [
              owner('group:default/team-payments', 'operates'),
              owner('group:default/platform-team', 'supports'),
            ],
          },
        ],
      }));
      await renderInTestApp(
        <RuntimeStackCoveragePreview
          {...fieldProps({
            ...minimal,
            owner: 'group:default/team-payments',
            system: 'system:default/payments',
            cluster: 'prod-eu-1',
          }).props}
        />,
        withBackend({
          getPlannedOwnership,
          getPlannedServiceEvidence: async () => {
            throw new Error('not asked here');
          },
        }),
      );
      expect(
        await screen.findByText(/· run by team-payments$/),
      ).toBeInTheDocument();
      expect(screen.queryByText(/run by .*platform-team/)).toBeNull();
      expect(getPlannedOwnership).toHaveBeenCalledWith({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'web',
          namespace: 'default',
          annotations: {
            'backstage.io/kubernetes-cluster': 'prod-eu-1',
            // The template records its owner as running layer 6.
            'runtime-stack.io/owners': 'layer-6=group:default/team-payments',
          },
        },
        spec: {
          type: 'service',
          owner: 'group:default/team-payments',
          system: 'system:default/payments',
        },
      });
    });

    it('says when it cannot tell who will run what, and previews the rest', async () => {
      await renderInTestApp(
        <RuntimeStackCoveragePreview {...fieldProps(minimal).props} />,
        withBackend({
          getPlannedOwnership: async () => {
            throw new Error('runtime-stack.ownership.read is not allowed');
          },
        }),
      );
      expect(
        await screen.findByText(
          'Who will run each capability could not be read: runtime-stack.ownership.read is not allowed',
        ),
      ).toBeInTheDocument();
      expect(getCoverageFigure('Coverage once running')).toHaveTextContent(
        '43%',
      );
    });
  });

  describe('through the real client', () => {
    const server = setupServer();
    registerStrictMswTestHooks(server);
    const baseUrl = 'http://backstage.test/api/runtime-stack';
    const client = () => testClient();
    // Besides the model and the profiles each test serves: the clusters the
    // chosen mesh is checked against, and who will own what.
    beforeEach(() =>
      server.use(
        http.get(`${baseUrl}/clusters`, () =>
          HttpResponse.json({
            items: [offeringSandboxes('prod-eu-1', [], ['linkerd'])],
          }),
        ),
        http.post(`${baseUrl}/ownership/planned`, () =>
          HttpResponse.json(noPlannedOwners),
        ),
      ),
    );

    it('measures against the profile as app-config overrides it, not the built-in one', async () => {
      // runtimeStack.coverage.profiles replaces tier-2: three required, all chosen.
      const served: RequirementProfileSettings = {
        profiles: [
          ...defaultRequirementProfiles.filter(p => p.id !== 'tier-2'),
          {
            id: 'tier-2',
            title: 'Tier 2 (ours)',
            required: ['workloads', 'metrics', 'gitops'],
          },
        ],
      };
      server.use(
        http.get(`${baseUrl}/layers`, () =>
          HttpResponse.json(defaultLayerModel),
        ),
        http.get(`${baseUrl}/profiles`, () => HttpResponse.json(served)),
      );
      const { props } = fieldProps(full);
      await renderInTestApp(<RuntimeStackCoveragePreview {...props} />, {
        apis: [[runtimeStackApiRef, client()]],
      });

      // The built-in tier-2 gives 21% and 71% for these choices.
      expect(
        await findCoverageFigure('Coverage once running'),
      ).toHaveTextContent('100%');
      expect(getCoverageFigure('Coverage when registered')).toHaveTextContent(
        '33%',
      );
      expect(screen.getByText(/Profile Tier 2 \(ours\)/)).toBeInTheDocument();
      expect(
        screen.getByText('3 of 3 required capabilities will be covered', {
          exact: false,
        }),
      ).toBeInTheDocument();
      // Logging is no longer required, so no longer a gap.
      expect(screen.getByText('No gaps')).toBeInTheDocument();
    });

    it('picks the profile the backend’s lifecycle rules give when the form names none', async () => {
      const { requirementProfile: _, ...unnamed } = full;
      server.use(
        http.get(`${baseUrl}/layers`, () =>
          HttpResponse.json(defaultLayerModel),
        ),
        http.get(`${baseUrl}/profiles`, () =>
          HttpResponse.json({
            profiles: defaultRequirementProfiles,
            // The template registers the service with lifecycle production.
            byLifecycle: { production: 'experimental' },
            defaultProfile: 'tier-2',
          }),
        ),
      );
      const { props } = fieldProps(unnamed);
      await renderInTestApp(<RuntimeStackCoveragePreview {...props} />, {
        apis: [[runtimeStackApiRef, client()]],
      });
      expect(
        await screen.findByText(
          /Profile Experimental \(lifecycle production\)/,
        ),
      ).toBeInTheDocument();
    });

    it('shows the backend error of the profiles route', async () => {
      server.use(
        http.get(`${baseUrl}/layers`, () =>
          HttpResponse.json(defaultLayerModel),
        ),
        http.get(`${baseUrl}/profiles`, () =>
          HttpResponse.json(
            {
              error: { name: 'NotFoundError', message: 'No such route' },
              request: { method: 'GET', url: '/profiles' },
              response: { statusCode: 404 },
            },
            { status: 404 },
          ),
        ),
      );
      const { props } = fieldProps(full);
      await renderInTestApp(<RuntimeStackCoveragePreview {...props} />, {
        apis: [[runtimeStackApiRef, client()]],
      });
      expect(
        (await screen.findAllByText(/No such route/)).length,
      ).toBeGreaterThan(0);
      expect(queryCoverageFigure('Coverage once running')).toBeNull();
    });
  });

  it('announces the summary sentence as the choices change, not the whole preview', async () => {
    await renderInTestApp(
      <RuntimeStackCoveragePreview {...fieldProps(minimal).props} />,
      withBackend(),
    );
    const sentence = await screen.findByText(
      /^2 of 7 required capabilities will be covered/,
    );
    expect(sentence).toHaveAttribute('aria-live', 'polite');
    expect(
      screen.getByRole('region', { name: 'Runtime coverage preview' }),
    ).not.toHaveAttribute('aria-live');
  });

  it('counts the repository and the registry once running only when published to a repository with a real registry', async () => {
    await renderInTestApp(
      <RuntimeStackCoveragePreview
        {...fieldProps({
          ...minimal,
          registryHost: 'registry.acme.internal',
          repoUrl: 'github.com?owner=acme&repo=web',
          publishTo: 'repository',
        }).props}
      />,
      withBackend(),
    );
    // Workloads, health, the repository and the registry of 7.
    expect(await findCoverageFigure('Coverage once running')).toHaveTextContent(
      '57%',
    );
    const gaps = within(
      screen.getByRole('list', { name: 'Top coverage gaps' }),
    );
    expect(gaps.queryByText(/· Source control$/)).toBeNull();
    expect(gaps.queryByText(/· Container registry$/)).toBeNull();
  });

  it("says what would confirm the repository of a service written on the portal's host", async () => {
    await renderInTestApp(
      <RuntimeStackCoveragePreview {...fieldProps(minimal).props} />,
      withBackend(),
    );
    const gaps = within(
      await screen.findByRole('list', { name: 'Top coverage gaps' }),
    );
    expect(gaps.getByText('Layer 0 · Source control')).toBeInTheDocument();
    expect(
      gaps.getByText(/^Choose the repository location under Publish to/),
    ).toBeInTheDocument();
  });

  it('renders through the legacy field options, loading the component lazily', async () => {
    const { props } = fieldProps(full);
    const Field = runtimeStackCoveragePreviewFieldOptions.component;
    await renderInTestApp(<Field {...props} />, withBackend());
    expect(await findCoverageFigure('Coverage once running')).toHaveTextContent(
      '71%',
    );
    expect(runtimeStackCoveragePreviewFieldOptions.name).toBe(
      'RuntimeStackCoveragePreview',
    );
    expect(runtimeStackCoveragePreviewFieldOptions.validation).toBeUndefined();
  });

  it('is a scaffolder form field of the new frontend system', async () => {
    const loader = createExtensionTester(coveragePreviewFieldExtension).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    const field = await loader();
    expect(field.$$type).toBe('@backstage/scaffolder/FormField');
  });
});
