import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The layer model page. */
export const layerModelRouteRef = createRouteRef();

export const scorecardsRouteRef = createRouteRef();

/** The Component's "Runtime stack" tab, wherever the app puts it. */
export const entityContentRouteRef = createRouteRef();
