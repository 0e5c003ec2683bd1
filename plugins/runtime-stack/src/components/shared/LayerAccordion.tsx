import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type { ReactNode } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * One layer of a stack, folded: "Layer 3 · Networking, storage & access"
 * with a line about it beside, its content below when opened.
 */
export const LayerAccordion = ({
  id,
  layer,
  title,
  summary,
  defaultExpanded = false,
  children,
}: {
  /** Unique on the page; the summary's id, and with `-content` the details'. */
  id: string;
  layer: number;
  title: string;
  /** What the layer holds, in a few words. */
  summary: ReactNode;
  defaultExpanded?: boolean;
  children: ReactNode;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <Accordion defaultExpanded={defaultExpanded}>
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={`${id}-content`}
        id={id}
      >
        <Box display="flex" alignItems="baseline" style={{ gap: 12 }}>
          <Typography variant="subtitle1" component="span">
            {t('layerTitle', { layer: String(layer), title })}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {summary}
          </Typography>
        </Box>
      </AccordionSummary>
      <AccordionDetails id={`${id}-content`}>{children}</AccordionDetails>
    </Accordion>
  );
};
