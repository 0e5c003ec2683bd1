import { expect, test, type Page } from '@playwright/test';
import { landmarkViolations, violations } from './axe';
import {
  coverageFigure,
  navigateInApp,
  openTemplatePlatformStep,
  runtimeStackTab,
  signInAsGuest,
  waitForBackend,
  waitUntilUsable,
} from './portal';

test.beforeAll(async ({ request }) => {
  await waitForBackend(request);
});

for (const theme of ['light', 'dark'] as const) {
  test.describe(`in the ${theme} theme, axe finds nothing to fix`, () => {
    // One page signed in once, moved around by the app's router: every load
    // boots the dev bundle again (10-20 s).
    test.describe.configure({ mode: 'serial' });
    let page: Page;
    test.beforeAll(async ({ browser }) => {
      page = await (await browser.newContext()).newPage();
      // Where the app's theme switcher keeps its choice.
      await page.addInitScript(
        chosen => window.localStorage.setItem('theme', chosen),
        theme,
      );
    });
    test.afterAll(() => page.context().close());

    test('on the sign-in page, with its demo users', async () => {
      await page.goto('/');
      await expect(
        page.getByRole('button', { name: 'Sign in as demo user' }),
      ).toBeVisible();
      expect(await violations(page)).toEqual([]);
      await signInAsGuest(page);
    });

    test('on the Runtime stack tab, with its dialogs', async () => {
      // Each runs on its own cluster, so the table says which page is shown.
      for (const [name, cluster] of [
        ['payments-api', 'prod-eu-1'],
        ['checkout-web', 'prod-us-1'],
      ]) {
        await navigateInApp(page, runtimeStackTab(name));
        await waitUntilUsable(page, name);
        await expect(
          page.getByRole('table', { name: `Workloads on ${cluster}` }),
        ).toBeVisible();
        expect(await violations(page), name).toEqual([]);
      }

      // checkout-web's one required gap: no backup tool on its cluster.
      const layer3 = page.getByRole('button', { name: /^Layer 3 · / });
      if ((await layer3.getAttribute('aria-expanded')) !== 'true') {
        await layer3.click();
      }
      // axe passes a grey chip too: the alarm must actually show.
      // The chip says its status in text; it is no keyboard stop.
      const missingStatus = page
        .getByRole('row', {
          name: 'Data protection (backup & restore)',
          exact: true,
        })
        .locator('.MuiChip-root', {
          hasText: 'Data protection (backup & restore) status: missing',
        });
      await expect(missingStatus).toHaveCSS(
        'background-color',
        'rgb(202, 0, 27)',
      );
      const layer4 = page.getByRole('button', { name: /^Layer 4 · / });
      if ((await layer4.getAttribute('aria-expanded')) !== 'true') {
        await layer4.click();
      }
      await page
        .getByRole('button', { name: 'Change owner of Metrics' })
        .click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await violations(page), 'change owner dialog').toEqual([]);
      await page.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('button', { name: 'Grant exemption' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await violations(page), 'grant exemption dialog').toEqual([]);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    });

    test('on the coverage card, the System and Group tabs', async () => {
      const views = [
        ['/catalog/default/component/payments-api', 'Overall coverage'],
        ['/catalog/default/system/payments/runtime-stack', 'System coverage'],
        ['/catalog/default/group/team-payments/runtime-stack', 'Team coverage'],
      ];
      for (const [path, figure] of views) {
        await navigateInApp(page, path);
        await expect(coverageFigure(page, figure)).toHaveText(/^\d+%$/);
        expect(await violations(page), path).toEqual([]);
      }
    });

    test('on the layer model and every scorecard', async () => {
      await navigateInApp(page, '/runtime-stack');
      await expect(
        page.getByRole('table', { name: 'Capabilities of layer 3' }),
      ).toBeVisible();
      expect(await violations(page), 'layer model').toEqual([]);
      const ids = page.getByRole('checkbox', { name: 'Annotation ids' });
      await ids.check();
      await expect(page.getByText('runtime-stack.io/tools:')).toBeVisible();
      expect(await violations(page), 'layer model by ids').toEqual([]);
      await ids.uncheck();

      await navigateInApp(page, '/runtime-stack-scorecards');
      await expect(
        page.getByRole('table', { name: 'Coverage by team and layer' }),
      ).toBeVisible();
      expect(await violations(page), 'Teams').toEqual([]);
      const loaded = {
        Adoption: page.getByLabel('Tools for GitOps'),
        Trends: page.getByText('Coverage over time'),
        Services: page
          .getByRole('table', { name: 'Services' })
          .getByRole('link')
          .first(),
      };
      for (const [tab, shown] of Object.entries(loaded)) {
        await page.getByRole('tab', { name: tab }).click();
        await expect(shown.first()).toBeVisible();
        expect(await violations(page), tab).toEqual([]);
      }
    });

    test("on the template form's coverage preview, with what the chosen cluster gives", async () => {
      await openTemplatePlatformStep(page, 'a11y-api', {
        cluster: 'prod-eu-1',
      });
      await expect(coverageFigure(page, 'Coverage when registered')).toHaveText(
        /\d+%/,
      );
      await expect(page.getByText('once running on prod-eu-1')).toBeVisible();
      // The form around it is the scaffolder's, and its header tabs are
      // the app shell's.
      expect(
        await violations(page, '[role="region"][aria-label*="overage"]'),
      ).toEqual([]);
    });
  });
}

/**
 * The tables that a narrow content area cuts off: wider than a box that
 * hides what overflows, or than the window, with nothing between that
 * scrolls; and those that scroll without being reachable from the keyboard.
 */
async function tablesCutOff(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('table')].flatMap(table => {
      const name = table.getAttribute('aria-label') ?? 'unnamed table';
      const right = table.getBoundingClientRect().right;
      for (let box = table.parentElement; box; box = box.parentElement) {
        const { overflowX } = getComputedStyle(box);
        if (/auto|scroll/.test(overflowX)) {
          const scrolls = box.scrollWidth > box.clientWidth;
          return scrolls && box.tabIndex < 0
            ? [`${name}: scrolls, but not from the keyboard`]
            : [];
        }
        if (/hidden|clip/.test(overflowX)) {
          return right > box.getBoundingClientRect().right + 1
            ? [`${name}: cut off`]
            : [];
        }
      }
      return right > window.innerWidth + 1
        ? [`${name}: wider than the window`]
        : [];
    }),
  );
}

test.describe('in a narrow window, tables scroll rather than being cut off', () => {
  test.use({ viewport: { width: 900, height: 900 } });

  test('on the Runtime stack tab, the System tab, the layer model and the services scorecard', async ({
    page,
  }) => {
    await signInAsGuest(page, runtimeStackTab('payments-api'));
    await waitUntilUsable(page);
    // Open every layer: their tables are the widest.
    for (const layer of await page
      .getByRole('button', { name: /^Layer \d · / })
      .all()) {
      if ((await layer.getAttribute('aria-expanded')) !== 'true') {
        await layer.click();
      }
    }
    // Below the widest windows a layer's table is one column, with the
    // status, tools and owners inside each capability's cell: it fits.
    await expect(
      page.getByRole('table', { name: 'Layer 4 capabilities' }),
    ).toBeVisible();
    await expect.poll(() => tablesCutOff(page)).toEqual([]);
    expect(await violations(page)).toEqual([]);
    await page.screenshot({
      path: 'test/output/payments-api-runtime-stack-narrow.png',
      fullPage: true,
    });

    const views = [
      ['/catalog/default/system/payments/runtime-stack', 'Component coverage'],
      ['/runtime-stack', 'Capabilities of layer 3'],
      ['/runtime-stack-scorecards?tab=services', 'Services'],
    ];
    for (const [path, table] of views) {
      await navigateInApp(page, path);
      await expect(
        page.getByRole('table', { name: table, exact: true }),
      ).toBeVisible();
      // A table can widen after it shows (tool titles arrive, an age ticks
      // over); its scroller becomes a region on the next render.
      await expect.poll(() => tablesCutOff(page), path).toEqual([]);
      expect(await violations(page), path).toEqual([]);
    }
  });
});

test('every page has one main landmark, its header a banner beside it', async ({
  page,
}) => {
  await signInAsGuest(page, '/');
  // The home page has no header.
  const pages: Array<[string, string | undefined]> = [
    ['/', 'Catalog'],
    ['/home', undefined],
    [runtimeStackTab('payments-api'), 'Catalog'],
    ['/runtime-stack', 'Runtime Stack'],
    ['/runtime-stack-scorecards', 'Scorecards'],
    ['/create', 'Templates'],
    ['/search', 'Search'],
    ['/notifications', 'Notifications'],
    ['/settings', 'Settings'],
  ];
  for (const [index, [path, title]] of pages.entries()) {
    // The catalog adds its filters to the address: it is where we start.
    if (index > 0) await navigateInApp(page, path, { redirects: true });
    if (title) {
      await expect(page.getByRole('banner'), path).toContainText(title);
    }
    // Lazily loaded pages bring their own <main> a moment later.
    await expect(page.getByRole('main'), path).toHaveCount(1);
    expect(await landmarkViolations(page), path).toEqual([]);
  }
});
