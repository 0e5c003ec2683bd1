import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import {
  defaultLayerModel,
  type EstateAdoption,
} from '@internal/backstage-plugin-runtime-stack-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  baseUrl,
  renderWithClient,
} from '../../__testUtils__/runtimeStackClient';
import { AdoptionSection } from './AdoptionSection';
import { backendError } from '../../__testUtils__/backendError';

const adoption: EstateAdoption = {
  services: 50,
  capabilities: [
    {
      capability: 'ingress',
      title: 'Ingress',
      layer: 3,
      required: 48,
      covered: 40,
      partial: 2,
      missing: 6,
      exempt: 2,
      // Not in order: the section sorts most used first.
      tools: [
        { tool: 'traefik', services: 3, declaredOnly: 0 },
        { tool: 'ingress-nginx', services: 47, declaredOnly: 2 },
        { tool: 'contour', services: 0, declaredOnly: 1 },
        // As a backend before declared-only counts answers.
        { tool: 'some-custom-proxy', services: 3 },
      ],
    },
    {
      capability: 'data-protection',
      title: 'Data protection',
      layer: 3,
      required: 10,
      covered: 0,
      partial: 0,
      missing: 10,
      exempt: 0,
      tools: [],
    },
    {
      capability: 'metrics',
      title: 'Metrics',
      layer: 4,
      required: 50,
      covered: 50,
      partial: 0,
      missing: 0,
      exempt: 0,
      tools: [{ tool: 'prometheus', services: 1 }],
    },
    {
      // Exempt services count among those requiring it: all three are.
      capability: 'tracing',
      title: 'Tracing',
      layer: 4,
      required: 0,
      covered: 0,
      partial: 0,
      missing: 0,
      exempt: 3,
      tools: [],
    },
    {
      capability: 'alerting',
      title: 'Alerting',
      layer: 4,
      required: 0,
      covered: 0,
      partial: 0,
      missing: 0,
      exempt: 0,
      tools: [],
    },
  ],
};

describe('AdoptionSection', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  const serve = (value: EstateAdoption) =>
    server.use(
      http.get(`${baseUrl}/scorecards/adoption`, () =>
        HttpResponse.json(value),
      ),
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
    );

  it('lists each capability by layer with its counts and tools, most used first', async () => {
    serve(adoption);
    await renderWithClient(<AdoptionSection />);

    expect(
      await screen.findByText('50 services evaluated'),
    ).toBeInTheDocument();

    // Layers top down, the application on top as elsewhere.
    const layer4 = screen.getByRole('list', {
      name: 'Capabilities of layer 4',
    });
    const layer3 = screen.getByRole('list', {
      name: 'Capabilities of layer 3',
    });
    expect(
      layer4.compareDocumentPosition(layer3) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(
      within(layer3)
        .getAllByRole('listitem', { name: /./ })
        .map(li => li.getAttribute('aria-label')),
    ).toEqual(['Ingress', 'Data protection']);

    const ingress = within(layer3).getByRole('listitem', { name: 'Ingress' });
    expect(within(ingress).getByTestId('adoption-counts')).toHaveTextContent(
      '40 covered · 2 partial · 6 missing of 48 required · 2 exempt',
    );
    // Titles from the layer model; unknown ids as they are; ties by id.
    expect(
      within(within(ingress).getByRole('list', { name: 'Tools for Ingress' }))
        .getAllByRole('listitem')
        .map(t => t.textContent),
    ).toEqual([
      'NGINX Ingress · 47 services, declared on 2 more, not seen',
      'some-custom-proxy · 3 services',
      'Traefik · 3 services',
      'Contour · declared on 1 service, not seen',
    ]);
    const segments = ingress.querySelectorAll('[data-segment]');
    expect(
      [...segments].map(s => [
        s.getAttribute('data-segment'),
        (s as HTMLElement).style.width,
      ]),
    ).toEqual([
      ['covered', `${(40 / 48) * 100}%`],
      ['partial', `${(2 / 48) * 100}%`],
      ['missing', `${(6 / 48) * 100}%`],
    ]);

    const dataProtection = within(layer3).getByRole('listitem', {
      name: 'Data protection',
    });
    expect(dataProtection).toHaveTextContent(
      '0 covered · 0 partial · 10 missing of 10 required',
    );
    expect(dataProtection).toHaveTextContent('No tool seen for it yet');

    expect(within(layer4).getByText('Prometheus · 1 service')).toBeVisible();
    expect(
      within(
        within(layer4).getByRole('listitem', { name: 'Tracing' }),
      ).getByTestId('adoption-counts'),
    ).toHaveTextContent('required by 3 services, all exempt');
    expect(
      within(
        within(layer4).getByRole('listitem', { name: 'Alerting' }),
      ).getByTestId('adoption-counts'),
    ).toHaveTextContent('not required by any service');
    expect(
      screen.getByText(
        `Layer 4 · ${defaultLayerModel.layers.find(l => l.id === 4)!.title}`,
      ),
    ).toBeInTheDocument();
  });

  it('says when no service has been evaluated yet', async () => {
    serve({ services: 0, capabilities: [] });
    await renderWithClient(<AdoptionSection />);

    expect(
      await screen.findByText('No services evaluated yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Coverage is evaluated after the first cluster collection/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/scorecards/adoption`, () =>
        HttpResponse.json(
          { error: { name: 'Error', message: 'adoption exploded' } },
          { status: 500 },
        ),
      ),
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
    );
    await renderWithClient(<AdoptionSection />);
    expect(
      await screen.findByText(/Could not load tool adoption/),
    ).toBeInTheDocument();
  });

  it("reads the policy's refusal as a sentence, not as an error", async () => {
    server.use(
      http.get(`${baseUrl}/scorecards/adoption`, () =>
        backendError(
          'NotAllowedError',
          'Reading scorecards is not allowed for you',
          403,
        ),
      ),
      http.get(`${baseUrl}/layers`, () => HttpResponse.json(defaultLayerModel)),
    );
    await renderWithClient(<AdoptionSection />);
    expect(
      await screen.findByText(
        /You may not see tool adoption \(Reading scorecards is not allowed for you\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Could not load tool adoption/)).toBeNull();
  });
});
