import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * The axe-core rules that break on the page, with where. Two rules are left
 * to the app shell: its plugin pages have no `<main>` landmark and put the
 * page header outside any landmark, whatever a plugin renders below them.
 */
export async function violations(page: Page, within?: string) {
  let axe = new AxeBuilder({ page }).disableRules([
    'landmark-one-main',
    'region',
  ]);
  if (within) axe = axe.include(within);
  const result = await axe.analyze();
  return result.violations.map(
    v =>
      `${v.id} (${v.impact}): ${v.help}; ${v.nodes
        .slice(0, 3)
        .map(n => n.target.join(' '))
        .join(' | ')}`,
  );
}
