import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Moves the pointer off the page content first: a tooltip that happens to be
 * under it after the last click (MUI renders tooltips at the end of the body,
 * outside every landmark) says nothing about the page.
 */
async function withoutHoverTooltips(page: Page) {
  await page.mouse.move(0, 0);
  await expect(page.getByRole('tooltip')).toHaveCount(0);
}

/** The axe-core rules that break on the page, with where. */
export async function violations(page: Page, within?: string) {
  await withoutHoverTooltips(page);
  let axe = new AxeBuilder({ page });
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

/**
 * Only axe's landmark rules: for Backstage's own pages, whose other findings
 * are theirs to fix, while the app's page layout owns their landmarks.
 */
export async function landmarkViolations(page: Page) {
  await withoutHoverTooltips(page);
  const result = await new AxeBuilder({ page })
    .withRules([
      'landmark-one-main',
      'landmark-no-duplicate-main',
      'landmark-main-is-top-level',
      'landmark-banner-is-top-level',
      'landmark-no-duplicate-banner',
      'landmark-unique',
      'region',
    ])
    .analyze();
  return result.violations.map(
    v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(' | ')}`,
  );
}
