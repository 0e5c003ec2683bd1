import {
  expect,
  type APIRequestContext,
  type Locator,
  type Page,
} from '@playwright/test';

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

/**
 * Revokes, as the guest (a platform-team member, so allowed), every exemption
 * of a component or System, so a retry or a second run against the same
 * portal starts clean. Returns the guest's auth headers.
 */
export async function revokeExemptions(
  request: APIRequestContext,
  scopeRef: string,
): Promise<{ Authorization: string }> {
  const headers = { Authorization: `Bearer ${await guestToken(request)}` };
  const res = await request.get(
    `${backendUrl}/api/runtime-stack/exemptions?scopeRef=${scopeRef}`,
    { headers },
  );
  expect(res.status()).toBe(200);
  for (const exemption of (await res.json()).items) {
    const revoked = await request.delete(
      `${backendUrl}/api/runtime-stack/exemptions/${exemption.id}`,
      { headers },
    );
    expect(revoked.status()).toBe(204);
  }
  return headers;
}

/**
 * Grants through the API, with the guest's `headers` (as `revokeExemptions`
 * returns them), an exemption of a component's capability for `days` days.
 */
export async function grantExemptionThroughApi(
  request: APIRequestContext,
  headers: { Authorization: string },
  options: {
    componentRef: string;
    capability: string;
    reason: string;
    days: number;
  },
) {
  const granted = await request.post(
    `${backendUrl}/api/runtime-stack/exemptions`,
    {
      headers,
      data: {
        scope: { kind: 'component', ref: options.componentRef },
        capability: options.capability,
        reason: options.reason,
        expiresAt: new Date(
          Date.now() + options.days * 86_400_000,
        ).toISOString(),
      },
    },
  );
  expect(granted.status()).toBe(201);
}

/**
 * Resolves once `page` has subscribed to `channel` on the signals socket.
 * Call it before the page loads. A signal sent before then is lost: on a
 * backend that has just started, the signals plugin leaves the first socket
 * it sees unanswered, and the app connects again some seconds later.
 */
export function signalSubscribed(page: Page, channel: string): Promise<void> {
  return new Promise(resolve => {
    page.on('websocket', socket => {
      if (!socket.url().endsWith('/api/signals')) return;
      socket.on('framesent', frame => {
        try {
          const sent = JSON.parse(String(frame.payload));
          if (sent.action === 'subscribe' && sent.channel === channel) {
            resolve();
          }
        } catch {
          // not a subscription
        }
      });
    });
  });
}

/** Waits until the app shows its sidebar, that is, someone is signed in. */
async function expectSignedIn(page: Page) {
  // The <nav> itself reports as hidden; its links are what a user sees.
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/**
 * Opens a path of the app and signs in on the sign-in page it shows there as
 * the guest; the app then renders that path. One load of the app, as each
 * boots the dev bundle again (10-20 s): move on with `navigateInApp`.
 */
export async function signInAsGuest(page: Page, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
  await expectSignedIn(page);
}

/**
 * Signs in on the sign-in page as one of the demo users the backend offers
 * (`auth.providers.demo.users` in app-config.yaml), by name, for example
 * `sara-lindqvist`, at a path as `signInAsGuest` does. The page remembers
 * the choice until sign-out, so use a fresh browser context for a user other
 * than the guest.
 */
export async function signInAsDemoUser(page: Page, name: string, path = '/') {
  await page.goto(path);
  await page
    .getByLabel('Demo user', { exact: true })
    .selectOption({ label: name });
  await page.getByRole('button', { name: 'Sign in as demo user' }).click();
  await expectSignedIn(page);
}

/**
 * Moves the running app to a path through its router, as a link would,
 * without reloading: each load boots the dev bundle again (10-20 s). With
 * `redirects`, for a page that moves on to a path below its own (`/create`
 * to `/create/templates?filters…`), any address under the path will do.
 */
export async function navigateInApp(
  page: Page,
  path: string,
  { redirects = false } = {},
) {
  await page.evaluate(to => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForURL(url =>
    redirects
      ? url.pathname.startsWith(path)
      : `${url.pathname}${url.search}` === path,
  );
}

/**
 * Waits for what the backend produces in the background (a collection, a
 * notice), reloading the page while it has not shown up yet.
 */
export async function expectAfterReloads(
  page: Page,
  locator: Locator,
  { timeout = 120_000, perLoad = 10_000 } = {},
) {
  await expect(async () => {
    try {
      await expect(locator).toBeVisible({ timeout: perLoad });
    } catch (notYet) {
      await page.reload();
      throw notYet;
    }
  }).toPass({ timeout });
}

/** The path of a component's Runtime stack tab. */
export const runtimeStackTab = (name: string) =>
  `/catalog/default/component/${name}/runtime-stack`;

/**
 * A headline coverage figure by its name (Overall, System or Team coverage,
 * the preview's two): the value of a description list, whose term only
 * screen readers see.
 */
export const coverageFigure = (scope: Page | Locator, name: string) =>
  scope.locator(
    `xpath=.//dt[normalize-space(.)="${name}"]/following-sibling::dd[1]`,
  );

/** The tab is usable once its coverage and its layers are on screen. */
export async function waitUntilUsable(page: Page, what = 'the tab') {
  await expect(
    coverageFigure(page, 'Overall coverage'),
    `overall coverage on ${what}`,
  ).toHaveText(/^\d+%$/, { timeout: 60_000 });
  await expect(
    page.getByRole('button', { name: /^Layer 6 · Application/ }),
  ).toBeVisible();
}

/**
 * The example estate's services and websites, by name, as the catalog lists
 * them once it has read at least `atLeast` of them: a backend that has just
 * started answers before its catalog has processed the example locations.
 */
export async function exampleServiceNames(
  request: APIRequestContext,
  atLeast = 8,
): Promise<string[]> {
  const token = await guestToken(request);
  let names: string[] = [];
  await expect
    .poll(
      async () => {
        const res = await request.get(
          `${backendUrl}/api/catalog/entities?filter=kind=component,spec.type=service&filter=kind=component,spec.type=website&fields=metadata.name`,
          { headers: { Authorization: `Bearer ${token}` } },
        );
        expect(res.status()).toBe(200);
        const components: Array<{ metadata: { name: string } }> =
          await res.json();
        names = components.map(c => c.metadata.name).sort();
        return names.length;
      },
      { timeout: 120_000, message: 'example services in the catalog' },
    )
    .toBeGreaterThanOrEqual(atLeast);
  return names;
}

/**
 * Opens the software template in the signed-in app, fills its first step
 * (the service's name, owned by team-payments) and goes on to the platform
 * choices, where the coverage preview is.
 */
export async function openTemplatePlatformStep(
  page: Page,
  name: string,
  where: { namespace?: string; cluster?: string } = {},
) {
  await navigateInApp(page, '/create/templates/default/runtime-service');
  await page.getByLabel('Name', { exact: false }).first().fill(name);
  // The owner picker takes an entity ref as typed.
  const owner = page.getByLabel('Owner', { exact: false }).first();
  await owner.fill('group:default/team-payments');
  await owner.press('Tab');
  if (where.namespace) {
    await page
      .getByLabel('Kubernetes namespace', { exact: false })
      .first()
      .fill(where.namespace);
  }
  if (where.cluster) await chooseTemplateCluster(page, where.cluster);
  await page.getByRole('button', { name: 'Next' }).click();
}

/** Picks a cluster in the template's cluster picker, once it has listed them. */
export async function chooseTemplateCluster(page: Page, cluster: string) {
  const picker = page.getByRole('button', { name: /^Cluster/ });
  await expect(picker).not.toHaveAttribute('aria-disabled', 'true', {
    timeout: 30_000,
  });
  await picker.click();
  await page.getByRole('option', { name: new RegExp(`^${cluster}`) }).click();
}

/**
 * Grants, in the signed-in page's Exemptions card, an exemption of the
 * capability whose option matches `capability`, for 30 days, and waits for
 * the dialog to close. Checks first that the dialog says `scopeText`.
 */
export async function grantExemption(
  page: Page,
  options: { capability: RegExp; reason: string; scopeText?: string },
) {
  const grant = page.getByRole('button', { name: 'Grant exemption' });
  await expect(grant).toBeEnabled();
  await grant.click();
  const dialog = page.getByRole('dialog');
  if (options.scopeText) await expect(dialog).toContainText(options.scopeText);
  await dialog.getByLabel('Capability').click();
  await page.getByRole('option', { name: options.capability }).click();
  await dialog.getByLabel('Reason').fill(options.reason);
  const inAMonth = new Date(Date.now() + 30 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  await dialog.getByLabel('Expires on').fill(inAMonth);
  await dialog.getByRole('button', { name: 'Grant' }).click();
  await expect(dialog).toHaveCount(0);
}
