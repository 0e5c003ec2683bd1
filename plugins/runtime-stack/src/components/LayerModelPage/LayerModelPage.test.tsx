import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import {
  defaultLayerModel,
  type LayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { runtimeStackApiRef, type RuntimeStackApi } from '../../api';
import { LayerModelPluginPage } from './LayerModelPage';
import { backendError } from '../../__testUtils__/backendError';
import { testClient } from '../../__testUtils__/runtimeStackClient';
import { translationModule } from '../../__testUtils__/translations';
import { runtimeStackTranslationRef } from '../../translation';

/** A cluster the backend collected, for the clusters card. */
const cluster = {
  name: 'prod-eu-1',
  ageSeconds: 60,
  stale: false,
  warnings: [],
  objectCount: 1,
  platformTools: [],
};

/** An API method whose answer never comes. */
const pending = () => new Promise<never>(() => {});

// renderInTestApp renders at once and is not awaited: awaiting it would let
// answers that come at once land outside act(), before the test's findBy.
function withApi(api: Partial<RuntimeStackApi>) {
  return {
    apis: [
      [runtimeStackApiRef, { getClusters: async () => [], ...api }],
    ] as const,
  };
}

describe('LayerModelPluginPage', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

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
    renderInTestApp(<LayerModelPluginPage />, {
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

  it('heads the model "Layer model", below the page title the layout shows', async () => {
    renderInTestApp(
      <LayerModelPluginPage />,
      withApi({ getLayerModel: async () => defaultLayerModel }),
    );
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Layer model' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: /runtime stack/i }),
    ).not.toBeInTheDocument();
  });

  it('explains "provided by the cluster" in words on the card, not in a tooltip', async () => {
    renderInTestApp(
      <LayerModelPluginPage />,
      withApi({ getLayerModel: async () => defaultLayerModel }),
    );
    const filter = await screen.findByLabelText('Filter by capability or tool');
    const explanation =
      /every workload on a cluster uses the tool the cluster runs for it/i;
    // Once on each card with such a capability.
    expect(screen.getAllByText(explanation)).toHaveLength(
      defaultLayerModel.layers.filter(layer =>
        layer.capabilities.some(c => c.providedByCluster),
      ).length,
    );
    expect(screen.queryByTitle(explanation)).toBeNull();

    // The CNI is provided by the cluster; certificate management is not.
    fireEvent.change(filter, { target: { value: 'cilium' } });
    expect(screen.getByText(explanation)).toBeVisible();
    fireEvent.change(filter, { target: { value: 'cert-manager' } });
    expect(screen.queryByText(explanation)).toBeNull();
  });

  it('asks for the clusters without waiting for the layer model', async () => {
    renderInTestApp(
      <LayerModelPluginPage />,
      withApi({ getLayerModel: pending, getClusters: async () => [cluster] }),
    );
    expect(
      await screen.findByRole('table', { name: 'Collected clusters' }),
    ).toHaveTextContent('prod-eu-1');
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('keeps the clusters when the layer model fails', async () => {
    renderInTestApp(
      <LayerModelPluginPage />,
      withApi({
        getLayerModel: () => Promise.reject(new Error('backend is down')),
        getClusters: async () => [cluster],
      }),
    );
    expect(
      await screen.findByText(/Could not load the layer model/),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Collected clusters' }),
    ).toHaveTextContent('prod-eu-1');
  });

  it('asks whether the backend plugin is installed when its address answers 404', async () => {
    server.use(
      http.get('http://backstage.test/api/runtime-stack/layers', () =>
        backendError('NotFoundError', 'Not Found', 404),
      ),
      http.get('http://backstage.test/api/runtime-stack/clusters', () =>
        backendError('NotFoundError', 'Not Found', 404),
      ),
    );
    renderInTestApp(<LayerModelPluginPage />, {
      apis: [[runtimeStackApiRef, testClient()]],
    });
    expect(
      await screen.findByText(
        /Is the runtime-stack backend plugin installed\?/,
      ),
    ).toBeInTheDocument();
  });

  it('does not blame the installation for another failure', async () => {
    server.use(
      http.get('http://backstage.test/api/runtime-stack/layers', () =>
        backendError('Error', 'database unavailable', 500),
      ),
      http.get('http://backstage.test/api/runtime-stack/clusters', () =>
        HttpResponse.json({ items: [] }),
      ),
    );
    renderInTestApp(<LayerModelPluginPage />, {
      apis: [[runtimeStackApiRef, testClient()]],
    });
    expect(
      await screen.findByText(/Could not load the layer model/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/installed/)).not.toBeInTheDocument();
  });

  it('shows a progress bar while loading', async () => {
    renderInTestApp(
      <LayerModelPluginPage />,
      withApi({ getLayerModel: () => new Promise(() => {}) }),
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    renderInTestApp(
      <LayerModelPluginPage />,
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
    renderInTestApp(
      <LayerModelPluginPage />,
      withApi({ getLayerModel: async () => empty }),
    );
    expect(await screen.findByText('No layers defined')).toBeInTheDocument();
    // The backend always serves layers and no module removes any: an empty
    // model is not for the backend's installation or modules to fix.
    expect(screen.getByText(/always serves layers 0 to 6/)).toBeInTheDocument();
    expect(screen.queryByText(/installed|removed/)).not.toBeInTheDocument();
  });

  it('filters by tool name and says when nothing matches', async () => {
    renderInTestApp(
      <LayerModelPluginPage />,
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

  it('filters by any of comma-separated terms, as its placeholder shows, and says how many match', async () => {
    renderInTestApp(
      <LayerModelPluginPage />,
      withApi({ getLayerModel: async () => defaultLayerModel }),
    );
    const filter = await screen.findByLabelText('Filter by capability or tool');
    expect(filter).toHaveAttribute(
      'placeholder',
      'e.g. ingress, Cilium, metrics',
    );
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent(/^$/);

    fireEvent.change(filter, { target: { value: 'Cilium, cert-manager' } });
    expect(screen.getByText(/^Layer 3 · /)).toBeInTheDocument();
    expect(screen.getByText(/^Layer 4 · /)).toBeInTheDocument();
    expect(screen.getAllByText(/^Layer \d · /)).toHaveLength(2);
    // The same region, so that a screen reader announces each change.
    expect(screen.getByRole('status')).toBe(status);
    expect(status).toHaveTextContent('2 capabilities match');

    fireEvent.change(filter, { target: { value: 'cilium' } });
    expect(status).toHaveTextContent('1 capability matches');

    fireEvent.change(filter, { target: { value: 'no-such-tool-anywhere' } });
    expect(status).toHaveTextContent('0 capabilities match');
  });

  it('counts no match for a filter of commas and blanks, which filters nothing', async () => {
    renderInTestApp(
      <LayerModelPluginPage />,
      withApi({ getLayerModel: async () => defaultLayerModel }),
    );
    const filter = await screen.findByLabelText('Filter by capability or tool');
    fireEvent.change(filter, { target: { value: ', ,' } });
    expect(screen.getByRole('status')).toHaveTextContent(/^$/);
    expect(screen.getAllByText(/^Layer \d · /)).toHaveLength(
      defaultLayerModel.layers.length,
    );
  });

  it('loads the layer model again on Retry after a failure', async () => {
    const getLayerModel = jest
      .fn<Promise<LayerModel>, []>()
      .mockRejectedValueOnce(new Error('backend is down'))
      .mockResolvedValue(defaultLayerModel);
    renderInTestApp(<LayerModelPluginPage />, withApi({ getLayerModel }));
    expect(
      await screen.findByText(/Could not load the layer model/),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));

    expect(
      await screen.findByLabelText('Filter by capability or tool'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Could not load the layer model/)).toBeNull();
  });

  it('shows the ids annotations use, on demand', async () => {
    renderInTestApp(
      <LayerModelPluginPage />,
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
    // The id as shown, then the title for screen readers: a <code> may not
    // carry a name of its own.
    const argo = screen.getByRole('link', { name: /^argo-cd \(Argo CD\)/ });
    expect(within(argo).getByText('argo-cd')).toBeVisible();
    expect(argo.querySelector('code[aria-label]')).toBeNull();
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
    renderInTestApp(<LayerModelPluginPage />, {
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
