import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  coverageFigure,
  exampleServiceNames,
  runtimeStackTab,
  signInAsGuest,
  waitForBackend,
  waitUntilUsable,
} from '../e2e/portal';
// The backend benchmarks' figures, so both report percentiles alike.
import {
  percentiles,
  timed,
} from '../../plugins/runtime-stack-backend/bench/benchUtils';

/**
 * How long until the Runtime stack tab is usable (coverage and layers on
 * screen) in headless Chromium, on the production bundle the backend serves,
 * for every example service. Run by `yarn bench` through
 * `bash scripts/portal.sh bench`.
 */

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

type Path = 'firstVisit' | 'reload' | 'fromOverview' | 'afterCoverageCard';

/** How long `action` took, in milliseconds. */
async function durationOf(action: () => Promise<void>): Promise<number> {
  const [ms] = await timed(action);
  return ms;
}

function summary(samples: number[]) {
  const { n, p50, p95, max } = percentiles(samples);
  return {
    samples: n,
    p50Ms: Math.round(p50),
    p95Ms: Math.round(p95),
    maxMs: Math.round(max),
  };
}

/** The service's overview page, once its tabs can be clicked. */
async function openOverview(page: Page, name: string) {
  await page.goto(`/catalog/default/component/${name}`);
  const tab = page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Runtime stack', exact: true });
  await expect(tab).toBeVisible({ timeout: 60_000 });
  return tab;
}

test('time until the Runtime stack tab is usable', async ({
  browser,
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(30 * 60_000);
  await waitForBackend(request);
  const names = await exampleServiceNames(request);

  await signInAsGuest(page);
  const signedIn = await page.context().storageState();
  // The backend evaluates coverage after its first collection; wait for it
  // once so that no sample includes start-up work.
  await page.goto(runtimeStackTab(names[0]));
  await waitUntilUsable(page, names[0]);

  const samples: Record<Path, number[]> = {
    firstVisit: [],
    reload: [],
    fromOverview: [],
    afterCoverageCard: [],
  };
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      // A signed-in user whose browser has nothing cached yet.
      const fresh = await browser.newContext({
        baseURL,
        storageState: signedIn,
      });
      try {
        const freshPage = await fresh.newPage();
        samples.firstVisit.push(
          await durationOf(async () => {
            await freshPage.goto(runtimeStackTab(name));
            await waitUntilUsable(freshPage, name);
          }),
        );
      } finally {
        await fresh.close();
      }

      // A full page load with the bundle in the browser's cache.
      samples.reload.push(
        await durationOf(async () => {
          await page.goto(runtimeStackTab(name));
          await waitUntilUsable(page, name);
        }),
      );

      // The usual path: from the service's overview, a click on the tab as
      // soon as it can be clicked.
      const tab = await openOverview(page, name);
      samples.fromOverview.push(
        await durationOf(async () => {
          await tab.click();
          await waitUntilUsable(page, name);
        }),
      );

      // The same click by a user who has read the Overview's coverage card
      // first: the coverage is in the browser's HTTP cache by then, so the
      // tab's request is answered with a 304.
      const tabAfterCard = await openOverview(page, name);
      await expect(coverageFigure(page, 'Overall coverage')).toHaveText(
        /^\d+%$/,
        { timeout: 60_000 },
      );
      samples.afterCoverageCard.push(
        await durationOf(async () => {
          await tabAfterCard.click();
          await waitUntilUsable(page, name);
        }),
      );
    }
  }

  const figures = {
    bundle: 'production (yarn workspace app build), served by the backend',
    services: names.length,
    rounds,
    firstVisit: summary(samples.firstVisit),
    reload: summary(samples.reload),
    fromOverview: summary(samples.fromOverview),
    afterCoverageCard: summary(samples.afterCoverageCard),
  };
  mkdirSync('test/output', { recursive: true });
  writeFileSync(
    'test/output/bench-tab-usable.json',
    `${JSON.stringify(figures, null, 2)}\n`,
  );
  const line = (label: string, s: ReturnType<typeof summary>) =>
    `  ${label.padEnd(44)} p50 ${String(s.p50Ms).padStart(6)} ms  p95 ${String(
      s.p95Ms,
    ).padStart(6)} ms  max ${String(s.maxMs).padStart(6)} ms  (n=${s.samples})`;
  console.log(
    [
      `Runtime stack tab usable in headless Chromium, production bundle, ${names.length} example services × ${rounds} rounds:`,
      line('first visit (signed in, empty browser cache)', figures.firstVisit),
      line('full page load (bundle cached)', figures.reload),
      line('click on the tab from the overview', figures.fromOverview),
      line(
        'the same, once the coverage card has loaded',
        figures.afterCoverageCard,
      ),
    ].join('\n'),
  );
});
