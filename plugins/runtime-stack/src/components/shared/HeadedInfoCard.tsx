import { InfoCard } from '@backstage/core-components';
import type { ComponentProps } from 'react';

const TITLE_AS_HEADING = { component: 'h3' };

/**
 * Backstage's InfoCard with its title as a heading (h3, below the page's or
 * entity's h2, as the catalog's About card has it), so screen reader users
 * can move from card to card; InfoCard itself renders the title as a span.
 * Headings inside a card are h4.
 */
export const HeadedInfoCard = (props: ComponentProps<typeof InfoCard>) => (
  <InfoCard titleTypographyProps={TITLE_AS_HEADING} {...props} />
);
