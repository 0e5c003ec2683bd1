import { expect, test } from '@playwright/test';
import { violations } from './axe';
import {
  expectAfterReloads,
  signInAsGuest,
  waitForBackend,
  waitUntilUsable,
} from './portal';

test.beforeAll(async ({ request }) => {
  await waitForBackend(request);
});

test('searching a tool finds the services that run it, and opens their Runtime stack tab', async ({
  page,
}) => {
  // payments-api declares Linkerd (and its cluster shows Istio); the index
  // is built a while after the first evaluation.
  await signInAsGuest(page, '/search?query=linkerd');
  const result = page.getByRole('link', {
    name: 'Payments API · runtime stack',
  });
  await expectAfterReloads(page, result, { timeout: 240_000 });
  const item = page.getByRole('listitem').filter({ has: result });
  await expect(item).toContainText(/Runs with .*Linkerd \(Service mesh\)/);
  await expect(item).toContainText(/coverage: \d+%/);
  // The owner Group by its title, as the catalog shows it.
  await expect(item).toContainText('owner: Payments');
  await page.screenshot({ path: 'test/output/search-runtime-stack.png' });
  // Backstage's search page puts each result's <li> straight into a grid
  // cell, not a list, whatever renders the result: its finding, not ours.
  expect(
    (await violations(page)).filter(v => !v.startsWith('listitem ')),
  ).toEqual([]);

  await result.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/payments-api\/runtime-stack$/,
  );
  await waitUntilUsable(page);
});
