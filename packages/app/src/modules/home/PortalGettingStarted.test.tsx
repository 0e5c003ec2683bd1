import { renderInTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import runtimeStackPlugin from '@internal/backstage-plugin-runtime-stack';
import { screen } from '@testing-library/react';
import { PortalGettingStarted } from './PortalGettingStarted';

describe('PortalGettingStarted', () => {
  it('links to the pages wherever the app mounts them', async () => {
    await renderInTestApp(<PortalGettingStarted />, {
      mountedRoutes: {
        '/': catalogPlugin.routes.catalogIndex,
        '/create': scaffolderPlugin.routes.root,
        '/runtime-stack': runtimeStackPlugin.routes.layerModel,
        '/runtime-stack-scorecards': runtimeStackPlugin.routes.scorecards,
      },
    });
    const hrefs = Object.fromEntries(
      screen
        .getAllByRole('link')
        .map(link => [link.textContent, link.getAttribute('href')]),
    );
    expect(hrefs).toEqual({
      catalog: '/',
      'create it from the service template':
        '/create/templates/default/runtime-service',
      scorecards: '/runtime-stack-scorecards',
      'layers 0 to 6': '/runtime-stack',
    });
  });

  it('names a page without linking where the app has none', async () => {
    await renderInTestApp(<PortalGettingStarted />, {
      mountedRoutes: { '/': catalogPlugin.routes.catalogIndex },
    });
    expect(screen.getAllByRole('link').map(l => l.textContent)).toEqual([
      'catalog',
    ]);
    expect(
      screen.getByText(/the scorecards show coverage/),
    ).toBeInTheDocument();
  });
});
