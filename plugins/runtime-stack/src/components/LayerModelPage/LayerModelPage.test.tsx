import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  defaultLayerModel,
  type LayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { runtimeStackApiRef, type RuntimeStackApi } from '../../api';
import { LayerModelPage } from './LayerModelPage';
import { testClient } from '../../__testUtils__/runtimeStackClient';
import { translationModule } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';

function withApi(api: Partial<RuntimeStackApi>) {
  return {
    apis: [
      [runtimeStackApiRef, { getClusters: async () => [], ...api }],
    ] as const,
  };
}

describe('LayerModelPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('renders every layer from the backend through the real client, application on top', async () => {
    server.use(
      http.get('http://backstage.test/api/runtime-stack/layers', () =>
        HttpResponse.json(defaultLayerModel),
      ),
      http.get('http://backstage.test/api/runtime-stack/clusters', () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    const client = testClient();
    await renderInTestApp(<LayerModelPage />, {
      apis: [[runtimeStackApiRef, client]],
    });

    const titles = await screen.findAllByText(/^Layer \d · /);
    // The page is the main landmark, its layers inside.
    expect(screen.getByRole('main')).toContainElement(titles[0]);
    expect(titles.map(t => t.textContent)).toEqual(
      [...defaultLayerModel.layers]
        .reverse()
        .map(l => `Layer ${l.id} · ${l.title}`),
    );
    const layer3 = screen.getByRole('table', {
      name: 'Capabilities of layer 3',
    });
    expect(
      within(layer3).getByRole('link', { name: /^Cilium\b/ }),
    ).toHaveAttribute('href', 'https://cilium.io/');
    // Marked where every workload uses the cluster's tool, and only there.
    const rowOf = (table: HTMLElement, capability: string) =>
      within(table).getByText(capability).closest('tr')!;
    expect(
      within(rowOf(layer3, 'Cloud native networking (CNI)')).getByText(
        'provided by the cluster',
      ),
    ).toBeVisible();
    expect(
      within(rowOf(layer3, 'Service proxy / ingress')).queryByText(
        'provided by the cluster',
      ),
    ).toBeNull();
  });

  it('shows a progress bar while loading', async () => {
    await renderInTestApp(
      <LayerModelPage />,
      withApi({ getLayerModel: () => new Promise(() => {}) }),
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    await renderInTestApp(
      <LayerModelPage />,
      withApi({
        getLayerModel: () => Promise.reject(new Error('backend is down')),
      }),
    );
    expect(
      await screen.findByText(/Could not load the layer model/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/backend is down/).length).toBeGreaterThan(0);
  });

  it('explains an empty model', async () => {
    const empty: LayerModel = { version: '1', layers: [] };
    await renderInTestApp(
      <LayerModelPage />,
      withApi({ getLayerModel: async () => empty }),
    );
    expect(await screen.findByText('No layers defined')).toBeInTheDocument();
  });

  it('filters by tool name and says when nothing matches', async () => {
    await renderInTestApp(
      <LayerModelPage />,
      withApi({ getLayerModel: async () => defaultLayerModel }),
    );
    const filter = await screen.findByLabelText('Filter by capability or tool');

    fireEvent.change(filter, { target: { value: 'cert-manager' } });
    expect(screen.getByText(/^Layer 4 · /)).toBeInTheDocument();
    expect(screen.queryByText(/^Layer 3 · /)).not.toBeInTheDocument();
    expect(
      screen.getByText('Certificate management', { exact: false }),
    ).toBeInTheDocument();

    fireEvent.change(filter, { target: { value: 'no-such-tool-anywhere' } });
    expect(
      screen.getByText('Nothing matches "no-such-tool-anywhere"'),
    ).toBeInTheDocument();
  });

  it('shows the ids annotations use, on demand', async () => {
    await renderInTestApp(
      <LayerModelPage />,
      withApi({ getLayerModel: async () => defaultLayerModel }),
    );
    const filter = await screen.findByLabelText('Filter by capability or tool');
    fireEvent.change(filter, { target: { value: 'gitops' } });
    expect(screen.getByText('Argo CD')).toBeInTheDocument();
    expect(screen.queryByText('argo-cd')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Annotation ids' }));
    expect(
      screen.getByText('gitops', { selector: 'code' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Argo CD: argo-cd')).toHaveTextContent(
      'argo-cd',
    );
    expect(screen.queryByText('Argo CD')).not.toBeInTheDocument();
    expect(
      screen.getByText(/Declare what a service uses in its catalog-info.yaml/),
    ).toBeInTheDocument();
  });
  it('speaks the words an app installs for the plugin', async () => {
    const french = createTranslationMessages({
      ref: runtimeStackTranslationRef,
      messages: {
        layerTitle: 'Couche {{layer}} : {{title}}',
        'layerCard.capabilityColumn': 'Capacité',
        'layerModelPage.filterLabel': 'Filtrer',
        'layerModelPage.showIds': 'Identifiants',
        'layerModelPage.idsHint': 'Par exemple {{example}}.',
      },
    });
    await renderInTestApp(<LayerModelPage />, {
      ...withApi({ getLayerModel: async () => defaultLayerModel }),
      features: [translationModule(french)],
    });

    expect(
      await screen.findByText('Couche 4 : Security, delivery & observability'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Layer \d · /)).not.toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Capabilities of layer 3' }),
      ).getByRole('columnheader', { name: 'Capacité' }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Identifiants' }));
    // An element among the values keeps its markup inside the sentence.
    expect(
      screen.getByText(/runtime-stack.io\/tools:/, { selector: 'code' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/^Par exemple/)).toHaveTextContent(
      'Par exemple runtime-stack.io/tools: gitops=argo-cd,metrics=prometheus.',
    );
    expect(screen.getByLabelText('Filtrer')).toBeInTheDocument();
  });
});
