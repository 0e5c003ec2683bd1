import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { FrontendFeature } from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
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

/**
 * The catalog's presentation API as an entry of `apis`: like the real one, it
 * names an entity by its short ref at once and by `displayNames` once the
 * catalog has "answered".
 */
export function presentationTestApi(displayNames: Record<string, string>) {
  return [
    entityPresentationApiRef,
    {
      forEntity: (ref: string) => {
        const snapshot = {
          entityRef: ref,
          primaryTitle: ref.replace(/^[a-z]+:default\//, ''),
        };
        return {
          snapshot,
          promise: Promise.resolve({
            ...snapshot,
            primaryTitle: displayNames[ref] ?? snapshot.primaryTitle,
          }),
        };
      },
    },
  ] as const;
}

/** The real client as an entry of `renderInTestApp`'s `apis`. */
export function runtimeStackTestApi() {
  return [runtimeStackApiRef, testClient()] as const;
}

type TestApis = NonNullable<
  NonNullable<Parameters<typeof renderInTestApp>[1]>['apis']
>;

type MountedRoutes = NonNullable<
  Parameters<typeof renderInTestApp>[1]
>['mountedRoutes'];

/**
 * Renders with the real client, so the tests see the URLs it builds. The
 * catalog's entity route is always mounted; `mountedRoutes` adds others,
 * `apis` more APIs, `features` app modules such as translations.
 */
export function renderWithClient(
  ui: ReactElement,
  mountedRoutes: MountedRoutes = {},
  apis: TestApis = [],
  features: FrontendFeature[] = [],
) {
  // An empty catalog unless the test brings its own.
  // Entries are [ref, implementation] pairs or mocks such as mockApis.permission().
  const catalog = apis.some(
    api => Array.isArray(api) && api[0].id === catalogApiRef.id,
  )
    ? []
    : [[catalogApiRef, catalogApiMock()] as const];
  return renderInTestApp(ui, {
    apis: [runtimeStackTestApi(), ...catalog, ...apis],
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      ...mountedRoutes,
    },
    features,
  });
}

/** Renders an entity page's content or card for `entity`, with the real client. */
export function renderEntityContent(
  entity: Entity,
  ui: ReactElement,
  mountedRoutes?: MountedRoutes,
  apis?: TestApis,
  features?: FrontendFeature[],
) {
  return renderWithClient(
    <EntityProvider entity={entity}>{ui}</EntityProvider>,
    mountedRoutes,
    apis,
    features,
  );
}

/** The query of a received request as a plain object, for exact assertions. */
export function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams.entries());
}
