import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { ReactElement } from 'react';
import { RuntimeStackClient, runtimeStackApiRef } from '../../../api';

/** Where the real client sends its requests in tests. */
export const baseUrl = 'http://backstage.test/api/runtime-stack';

/** Renders with the real client, so the tests see the URLs it builds. */
export function renderWithClient(ui: ReactElement) {
  return renderInTestApp(ui, {
    apis: [
      [
        runtimeStackApiRef,
        new RuntimeStackClient({
          discoveryApi: mockApis.discovery({
            baseUrl: 'http://backstage.test',
          }),
          fetchApi: { fetch: (input, init) => fetch(input, init) },
        }),
      ],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

/** The query of a received request as a plain object, for exact assertions. */
export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams.entries());
}
