import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { ReactElement } from 'react';
import { RuntimeStackClient, runtimeStackApiRef } from '../api';

/** Where the real client sends its requests in tests. */
export const baseUrl = 'http://backstage.test/api/runtime-stack';

/** The real client, sending to {@link baseUrl} through the test's fetch (and msw). */
export function testClient(): RuntimeStackClient {
  return new RuntimeStackClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
}

/** The real client as an entry of `renderInTestApp`'s `apis`. */
export function runtimeStackTestApi() {
  return [runtimeStackApiRef, testClient()] as const;
}

/** Renders with the real client, so the tests see the URLs it builds. */
export function renderWithClient(ui: ReactElement) {
  return renderInTestApp(ui, {
    apis: [runtimeStackTestApi()],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

/** Renders an entity page's content or card for `entity`, with the real client. */
export function renderEntityContent(entity: Entity, ui: ReactElement) {
  return renderWithClient(
    <EntityProvider entity={entity}>{ui}</EntityProvider>,
  );
}

/** The query of a received request as a plain object, for exact assertions. */
export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams.entries());
}
