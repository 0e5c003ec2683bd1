import type { Entity } from '@backstage/catalog-model';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  computeCoverage,
  defaultLayerModel,
  defaultRequirementProfiles,
  type EntityCoverage,
} from '@internal/backstage-plugin-runtime-stack-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { RuntimeStackClient, runtimeStackApiRef } from './api';
import { EntityCoverageCard, SystemRuntimeStackContent } from './legacy';

const base = 'http://backstage.test/api/runtime-stack';
const server = setupServer();
registerMswTestHooks(server);

const client = new RuntimeStackClient({
  discoveryApi: { getBaseUrl: async () => base },
  fetchApi: { fetch: (input, init) => fetch(input, init) },
});

const coverage: EntityCoverage = {
  entityRef: 'component:default/payments-api',
  evaluatedAt: new Date().toISOString(),
  sourceErrors: [],
  ...computeCoverage({
    layerModel: defaultLayerModel,
    choice: { profile: defaultRequirementProfiles[0], reason: 'test' },
    evidence: [],
    now: new Date(),
  }),
};

const render = (ui: JSX.Element, entity: Entity) =>
  renderInTestApp(
    <TestApiProvider apis={[[runtimeStackApiRef, client]]}>
      <EntityProvider entity={entity}>{ui}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('legacy exports in a legacy app', () => {
  it('mounts the Overview coverage card', async () => {
    server.use(
      http.get(`${base}/entities/component/default/payments-api/coverage`, () =>
        HttpResponse.json(coverage),
      ),
    );
    await render(<EntityCoverageCard />, {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'payments-api', namespace: 'default' },
      spec: { type: 'service', owner: 'team-payments' },
    });
    expect(await screen.findByLabelText('Overall coverage')).toHaveTextContent(
      '0%',
    );
  });

  it('mounts the System tab', async () => {
    server.use(
      http.get(`${base}/systems/default/payments/coverage`, () =>
        HttpResponse.json({
          entityRef: 'system:default/payments',
          components: [],
          pending: ['component:default/payments-api'],
          layers: [],
          overall: { required: 0, covered: 0, partial: 0, ratio: 1 },
          topGaps: [],
        }),
      ),
    );
    await render(<SystemRuntimeStackContent />, {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments', namespace: 'default' },
      spec: { owner: 'team-payments' },
    });
    expect(
      await screen.findByRole('list', { name: 'Components not evaluated yet' }),
    ).toHaveTextContent(/payments-api/i);
  });
});
