import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The browser benchmark of `yarn bench` (test/bench): the production bundle,
 * served by a backend that `bash scripts/portal.sh bench` starts on its own
 * port, so a running development portal is left alone.
 */
export default defineConfig({
  timeout: 30 * 60_000,
  expect: { timeout: 60_000 },
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test/output/bench-results',
  use: {
    ...base.use,
    baseURL: process.env.PLAYWRIGHT_URL,
    screenshot: 'off',
    trace: 'off',
  },
  projects: [{ name: 'bench', testDir: 'test/bench' }],
});
