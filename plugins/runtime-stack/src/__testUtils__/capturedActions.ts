import type { mockApis } from '@backstage/frontend-test-utils';

/** The events a test's actions captured: the app's own page views left out. */
export const capturedActions = (
  analytics: ReturnType<typeof mockApis.analytics>,
) => analytics.getEvents().filter(event => event.action !== 'navigate');
