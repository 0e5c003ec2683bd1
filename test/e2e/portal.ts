import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const backendUrl = process.env.BACKEND_URL ?? 'http://localhost:7007';

/** Waits until the backend answers its readiness probe. */
export async function waitForBackend(request: APIRequestContext) {
  await expect
    .poll(
      async () =>
        (
          await request.get(`${backendUrl}/.backstage/health/v1/readiness`)
        ).status(),
      { timeout: 120_000 },
    )
    .toBe(200);
}

/** A real Backstage token for the guest user, as the app obtains it. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  return body.backstageIdentity.token;
}

/** Signs in through the app's guest sign-in page. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // The <nav> itself reports as hidden; its links are what a user sees.
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}
