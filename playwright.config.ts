import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the running portal (`yarn start`), in Debian's
 * Chromium: Playwright cannot download its own browsers on these machines.
 * Screenshots and reports go to test/output/.
 */
export default defineConfig({
  // The development server's unminified bundle (the smoke tests' and a
  // running portal's) takes 10-15 s to boot the app on a two-core machine,
  // and some tests boot it several times.
  timeout: 150_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'test/output/e2e-report' }],
  ],
  outputDir: 'test/output/e2e-results',

  // PLAYWRIGHT_URL names a portal that scripts/portal.sh has started (the
  // production bundle, on the backend's port); without it, reuses the
  // development portal on :3000, or starts one.
  webServer: process.env.PLAYWRIGHT_URL
    ? undefined
    : {
        command: 'yarn start',
        url: 'http://localhost:3000',
        reuseExistingServer: true,
        timeout: 180_000,
      },

  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },

  projects: [
    { name: 'portal', testDir: 'test/e2e' },
    { name: 'app', testDir: 'packages/app/e2e-tests' },
  ],
});
