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
import { permissionApiRef } from '@backstage/plugin-permission-react';

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

  it('says exemptions are not listed, rather than that none expire, once the permission is known', async () => {
    server.use(
      layerModelHandler(),
      http.get(`${base}/scorecards/teams/default/team-payments`, () =>
        HttpResponse.json(view),
      ),
    );
    // The permission answers when the test says so.
    let answer: (decision: { result: typeof DENY }) => void = () => {};
    const decided = new Promise<{ result: typeof DENY }>(resolve => {
      answer = resolve;
    });
    const permissions = mockApis.permission();
    jest.spyOn(permissions, 'authorize').mockReturnValue(decided);
    await renderInTestApp(
      <TeamViewSection
        team="group:default/team-payments"
        onClose={jest.fn()}
      />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        apis: [runtimeStackTestApi(), [permissionApiRef, permissions]],
      },
    );

    expect(
      await screen.findByRole('heading', { name: /exemptions/i }),
    ).toBeInTheDocument();
    // Neither sentence while the permission is unknown: either may be wrong.
    expect(screen.queryByText(/^None of the team's exemptions/)).toBeNull();
    expect(screen.queryByText(/^Exemptions are not listed/)).toBeNull();

    answer({ result: DENY });
    expect(
      await screen.findByText(
        'Exemptions are not listed: reading them is not allowed for you.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^None of the team's exemptions/)).toBeNull();
  });
});
