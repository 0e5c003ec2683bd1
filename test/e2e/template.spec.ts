import { expect, test } from '@playwright/test';
import { signInAsGuest, waitForBackend } from './portal';

test.beforeAll(async ({ request }) => {
  await waitForBackend(request);
});

const percent = async (text: Promise<string | null>) =>
  Number((await text)?.match(/(\d+)%/)?.[1]);

test('the template form previews the coverage of the new service as choices change', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/create/templates/default/runtime-service');
  await page.getByLabel('Name', { exact: false }).first().fill('orders-api');
  // The owner picker takes an entity ref as typed.
  const owner = page.getByLabel('Owner', { exact: false }).first();
  await owner.fill('group:default/team-payments');
  await owner.press('Tab');
  await page.getByRole('button', { name: 'Next' }).click();

  const whenRegistered = page.getByLabel('Coverage when registered');
  await expect(whenRegistered).toHaveText(/\d+%/, { timeout: 30_000 });
  const withArgo = await percent(whenRegistered.textContent());
  await page.screenshot({
    path: 'test/output/template-coverage-preview.png',
    fullPage: true,
  });

  await page.getByLabel('GitOps', { exact: false }).first().click();
  await page.getByRole('option', { name: /^None/ }).click();
  await expect
    .poll(() => percent(whenRegistered.textContent()))
    .toBeLessThan(withArgo);
  await page.screenshot({
    path: 'test/output/template-coverage-preview-no-gitops.png',
    fullPage: true,
  });
});
