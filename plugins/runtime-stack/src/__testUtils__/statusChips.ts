import { screen, within } from '@testing-library/react';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A capability's status chip, found by what it says to screen readers
 * ("Metrics status: missing"), in `container` or the whole page.
 */
export function statusChipOf(
  capabilityTitle: string,
  container?: HTMLElement,
): HTMLElement {
  const scope = container ? within(container) : screen;
  const said = scope.getByText(
    new RegExp(`^${escaped(capabilityTitle)} status: `),
  );
  return said.closest('.MuiChip-root') as HTMLElement;
}

/** The status a capability's chip shows, as the eye reads it. */
export function shownStatusOf(
  capabilityTitle: string,
  container?: HTMLElement,
): string | null {
  return statusChipOf(capabilityTitle, container).querySelector(
    '[aria-hidden="true"]',
  )!.textContent;
}
