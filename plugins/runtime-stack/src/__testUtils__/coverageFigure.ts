import {
  screen,
  waitFor,
  type BoundFunctions,
  type queries,
} from '@testing-library/react';

type Scope = BoundFunctions<typeof queries>;

/** The value of the `CoverageFigure` whose (hidden) term is `label`, or null. */
export function queryCoverageFigure(
  label: string,
  scope: Scope = screen,
): HTMLElement | null {
  const term = scope.queryByText(label, { selector: 'dt' });
  const value = term?.nextElementSibling;
  return value instanceof HTMLElement && value.tagName === 'DD' ? value : null;
}

/** The value of the `CoverageFigure` named `label`; throws if there is none. */
export function getCoverageFigure(
  label: string,
  scope: Scope = screen,
): HTMLElement {
  const value = queryCoverageFigure(label, scope);
  if (!value) throw new Error(`No coverage figure named '${label}'`);
  return value;
}

/** The value of the `CoverageFigure` named `label`, once it shows. */
export function findCoverageFigure(
  label: string,
  scope: Scope = screen,
): Promise<HTMLElement> {
  return waitFor(() => getCoverageFigure(label, scope));
}
