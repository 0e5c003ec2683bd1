import { expect, test } from '@playwright/test';
import { violations } from './axe';
import {
  coverageFigure,
  grantExemption,
  revokeExemptions,
  signInAsGuest,
  waitForBackend,
} from './portal';

test.beforeAll(async ({ request }) => {
  await waitForBackend(request);
});

test.describe('scorecards on the example estate', () => {
  test('teams × layers with drill-down, adoption, trend and the services table with CSV export', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Scorecards' })
      .click();
    await expect(page).toHaveURL(/\/runtime-stack-scorecards$/);

    const heatmap = page.getByRole('table', {
      name: 'Coverage by team and layer',
    });
    await expect(heatmap).toBeVisible({ timeout: 30_000 });
    // product-engineering sees the services of its three teams.
    await expect(
      heatmap.getByRole('button', { name: 'Product Engineering' }),
    ).toBeVisible();
    await expect(
      heatmap.getByLabel(/^Payments, layer 4: \d+%/).first(),
    ).toBeVisible();
    await page.screenshot({
      path: 'test/output/scorecards-teams.png',
      fullPage: true,
    });

    await heatmap
      .getByRole('button', { name: /^Layer 4 · .*: show its capabilities$/ })
      .click();
    await expect(
      page.getByRole('table', {
        name: /^Coverage of the capabilities of Layer 4 · .* by team$/,
      }),
    ).toBeVisible();

    await page.getByRole('tab', { name: 'Adoption' }).click();
    await expect(
      page
        .getByRole('list', { name: 'Tools for GitOps' })
        .or(page.getByLabel('Tools for GitOps')),
    ).toContainText(/Argo CD|Flux/);
    await page.screenshot({
      path: 'test/output/scorecards-adoption.png',
      fullPage: true,
    });

    await page.getByRole('tab', { name: 'Trends' }).click();
    await expect(page.getByText('Coverage over time')).toBeVisible();
    await page.screenshot({ path: 'test/output/scorecards-trend.png' });

    await page.getByRole('tab', { name: 'Services' }).click();
    // The open tab is in the address, beside the Teams tab's drill-down: a
    // reload keeps it.
    await expect(page).toHaveURL(
      /\/runtime-stack-scorecards\?layer=4&tab=services$/,
    );
    await page.reload();
    await expect(page.getByRole('tab', { name: 'Services' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const services = page.getByRole('table', { name: 'Services' });
    await expect(
      services.locator('a[href$="/catalog/default/component/payments-api"]'),
    ).toBeVisible({ timeout: 30_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('runtime-stack-services.csv');
    const csv = await (await download.createReadStream())
      .toArray()
      .then(chunks => Buffer.concat(chunks).toString('utf8'));
    expect(csv.split('\r\n')[0]).toMatch(/^service,owner,system/);
    expect(csv).toContain('component:default/payments-api');
    // Words stay whole in narrow columns: "production" is not split over
    // two lines, as the Backstage theme's word-break on table cells would.
    const lifecycleLines = await services
      .getByRole('cell', { name: 'production', exact: true })
      .first()
      .evaluate(cell => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map(r => Math.round(r.top)))
          .size;
      });
    expect(lifecycleLines).toBe(1);
    await page.screenshot({
      path: 'test/output/scorecards-services.png',
      fullPage: true,
    });
    // The table shows titles, and searching finds them: "payments api" is
    // no part of the ref.
    await page.locator('#runtime-stack-services-search').fill('Payments API');
    await expect(
      services.locator('a[href$="/catalog/default/component/checkout-api"]'),
    ).toHaveCount(0);
    await expect(
      services.locator('a[href$="/catalog/default/component/payments-api"]'),
    ).toBeVisible();
  });

  test('a platform team member grants an exemption, and the gap is exempt at once', async ({
    page,
    request,
  }) => {
    await revokeExemptions(request, 'component:default/checkout-api');
    await signInAsGuest(
      page,
      '/catalog/default/component/checkout-api/runtime-stack',
    );
    await expect(coverageFigure(page, 'Overall coverage')).toHaveText(
      /^\d+%$/,
      { timeout: 30_000 },
    );
    await grantExemption(page, {
      capability: /Data protection/,
      reason: 'Stateless API: nothing to back up',
    });
    await expect(page.getByRole('table', { name: 'Exemptions' })).toContainText(
      'Stateless API',
    );
    await expect(
      page
        .getByRole('row', {
          name: 'Data protection (backup & restore)',
          exact: true,
        })
        .locator('.MuiChip-root', {
          hasText: 'Data protection (backup & restore) status: exempt',
        }),
    ).toBeVisible();
    await page.screenshot({
      path: 'test/output/checkout-api-exemption.png',
      fullPage: true,
    });
  });

  test('an exemption granted on a System holds for all its components', async ({
    page,
    request,
  }) => {
    await revokeExemptions(request, 'system:default/checkout');
    await signInAsGuest(page, '/catalog/default/system/checkout/runtime-stack');
    const gaps = page.getByRole('table', { name: 'Gaps across components' });
    await expect(gaps).toContainText('Data protection', { timeout: 30_000 });

    await grantExemption(page, {
      capability: /Data protection/,
      reason: 'Checkout keeps no state of its own',
      scopeText: 'and all its components',
    });

    const exemptions = page.getByRole('table', { name: 'Exemptions' });
    await expect(exemptions).toContainText('this System');
    // Re-evaluated at once: no component of the System lacks it any more.
    await expect(gaps).not.toContainText('Data protection');
    await page.screenshot({
      path: 'test/output/checkout-system-exemption.png',
      fullPage: true,
    });
    await revokeExemptions(request, 'system:default/checkout');
  });
});

test("a team's page shows its services' coverage and its trend", async ({
  page,
}) => {
  await signInAsGuest(
    page,
    '/catalog/default/group/team-payments/runtime-stack',
  );
  const services = page.getByRole('table', { name: 'Services of the team' });
  await expect(
    services.getByRole('link', { name: 'Payments API' }),
  ).toBeVisible({ timeout: 30_000 });
  await expect(coverageFigure(page, 'Team coverage')).toHaveText(/^\d+%$/);
  await expect(
    page.getByRole('img', { name: 'Coverage of this team by day' }),
  ).toBeVisible();
  await page.screenshot({
    path: 'test/output/team-payments-runtime-stack.png',
    fullPage: true,
  });
});

test("the home page shows the user's teams, and the team view agrees", async ({
  page,
}) => {
  await signInAsGuest(page, '/home');
  // The guest is in platform-team and team-payments.
  const widget = page.getByRole('list', { name: 'Your teams' });
  await expect(
    widget.getByRole('progressbar', { name: /^Coverage of / }),
  ).toHaveCount(2, { timeout: 30_000 });
  const valueText = await widget
    .getByRole('progressbar', { name: 'Coverage of Payments' })
    .getAttribute('aria-valuetext');
  const percent = /^(\d+%),/.exec(valueText ?? '')?.[1];
  expect(percent, valueText ?? '').toBeDefined();
  await expect(
    page.getByText(/Layer \d · [A-Z][^·]+ · \d+ services?/).first(),
  ).toBeVisible();
  expect(await violations(page, 'ul[aria-label="Your teams"]')).toEqual([]);
  await page.screenshot({ path: 'test/output/home.png', fullPage: true });

  await widget.getByRole('link', { name: 'Team view of Payments' }).click();
  await expect(
    page.getByRole('table', { name: 'Services of the team' }),
  ).toBeVisible({ timeout: 30_000 });
  await expect(coverageFigure(page, 'Team coverage')).toHaveText(percent!);
});
