import { createRouteRef } from '@backstage/core-plugin-api';

export const legacyRootRouteRef = createRouteRef({ id: 'runtime-stack' });

export const legacyScorecardsRouteRef = createRouteRef({
  id: 'runtime-stack-scorecards',
});

export const legacyEntityContentRouteRef = createRouteRef({
  id: 'runtime-stack-entity-content',
});
