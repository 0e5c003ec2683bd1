import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import { layerModelHandler } from '../../__testUtils__/panelSources';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { TeamView } from '@internal/backstage-plugin-runtime-stack-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { TeamViewSection } from './TeamViewSection';
import { runtimeStackTestApi } from '../../__testUtils__/runtimeStackClient';
import { DENY } from '../../__testUtils__/permissionDecisions';

// usePermission caches its answers per permission for the whole test file
// (swr), so the denied case lives in a file of its own.

const base = 'http://backstage.test/api/runtime-stack';

const view: TeamView = {
  team: 'group:default/team-payments',
  groups: ['group:default/team-payments'],
  overall: { required: 0, covered: 0, partial: 0, ratio: 1 },
  services: [],
  expiringExemptions: [],
};

describe('TeamViewSection for whoever may not read exemptions', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  it('says exemptions are not listed, rather than that none expire', async () => {
    server.use(
      layerModelHandler(),
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        HttpResponse.json(view),
      ),
    );
    await renderInTestApp(
      <TeamViewSection
        team="group:default/team-payments"
        onClose={jest.fn()}
      />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        apis: [runtimeStackTestApi(), mockApis.permission({ authorize: DENY })],
      },
    );

    expect(
      await screen.findByText(
        'Exemptions are not listed: reading them is not allowed for you.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^None of the team's exemptions/)).toBeNull();
  });
});
