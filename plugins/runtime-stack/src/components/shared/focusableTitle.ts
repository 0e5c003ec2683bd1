import type { RefObject } from 'react';

/**
 * `titleTypographyProps` for a `HeadedInfoCard` whose title takes focus
 * from script: still the h3 that card makes it, kept out of the tab order,
 * so focus can land on a card whose content changed under the user.
 */
export const focusableTitle = (ref: RefObject<HTMLElement>) => ({
  component: 'h3',
  ref,
  tabIndex: -1,
});
