import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { registerStrictMswTestHooks } from '../../__testUtils__/msw';
import { layerModelHandler } from '../../__testUtils__/panelSources';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { Exemption } from '@internal/backstage-plugin-runtime-stack-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ExemptionsPanel } from './ExemptionsPanel';
import { runtimeStackTestApi } from '../../__testUtils__/runtimeStackClient';
import { DENY } from '../../__testUtils__/permissionDecisions';

// usePermission caches its answers per permission for the whole test file
// (swr), so the denied case lives in a file of its own.

const base = 'http://backstage.test/api/runtime-stack';
const entityRef = 'component:default/payments-api';

const own: Exemption = {
  id: 'ex-own',
  scope: { kind: 'component', ref: entityRef },
  capability: 'data-protection',
  reason: 'Stateless, nothing to back up',
  expiresAt: new Date(Date.now() + 20 * 24 * 60 * 60 * 1000).toISOString(),
  requestedBy: 'user:default/alice',
  grantedBy: 'user:default/platform-admin',
  createdAt: '2026-11-01T00:00:00.000Z',
};

describe('ExemptionsPanel without permission', () => {
  const server = setupServer();
  registerStrictMswTestHooks(server);

  it('disables granting and revoking, and says why', async () => {
    server.use(
      layerModelHandler(),
      http.get(`${base}/exemptions`, () => HttpResponse.json({ items: [own] })),
    );
    await renderInTestApp(<ExemptionsPanel entityRef={entityRef} />, {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        mockApis.permission({ authorize: () => DENY }),
        runtimeStackTestApi(),
      ],
    });

    const grant = await screen.findByRole('button', {
      name: 'Grant exemption',
    });
    // Named by the capability's title once the layer model has loaded.
    const revoke = await screen.findByRole('button', {
      name: 'Revoke exemption for Data protection (backup & restore)',
    });
    await waitFor(() => expect(grant).toHaveAttribute('aria-disabled', 'true'));
    await waitFor(() =>
      expect(revoke).toHaveAttribute('aria-disabled', 'true'),
    );

    await userEvent.hover(grant);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You may not grant exemptions. Ask the platform team.',
    );
    await userEvent.click(grant);
    await userEvent.unhover(grant);
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();

    // Reachable from the keyboard, which reads the reason with the button.
    revoke.focus();
    expect(revoke).toHaveAccessibleDescription(
      'You may not revoke exemptions. Ask the platform team.',
    );
  });
});
