import { expect, test } from '@playwright/test';
import { violations } from './axe';
import {
  expectAfterReloads,
  grantExemptionThroughApi,
  revokeExemptions,
  signInAsGuest,
} from './portal';

const service = 'component:default/fraud-scoring';

test('the owners and the requester of an exemption hear that it expires soon', async ({
  page,
  request,
}) => {
  // Messaging is not required of fraud-scoring, so its coverage and the other
  // tests' views of it stay as they are.
  const headers = await revokeExemptions(request, service);
  await grantExemptionThroughApi(request, headers, {
    componentRef: service,
    capability: 'messaging',
    reason: 'No queues until the rewrite',
    days: 3,
  });

  // The guest asked for it (the default requester), so the guest is told.
  // The backend checks for expiring exemptions every minute.
  await signInAsGuest(page, '/notifications');
  const notice = page.getByText(
    'fraud-scoring: exemption from Messaging & streaming expires in 3 days',
  );
  await expectAfterReloads(page, notice.first());
  await page.screenshot({ path: 'test/output/notifications-exemption.png' });

  // The sidebar counts it, in the link's name as on screen.
  const sidebar = page.getByTestId('sidebar-root');
  await expect(
    sidebar.getByRole('link', { name: /^Notifications \d+ unread$/ }),
  ).toBeVisible();
  expect(await violations(page, '[data-testid="sidebar-root"]')).toEqual([]);

  await notice.first().click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/fraud-scoring\/runtime-stack$/,
  );
});
