import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { HighlightedSearchResultText } from '@backstage/plugin-search-react';
import type { ResultHighlight } from '@backstage/plugin-search-common';
import { type RuntimeStackSearchDocument } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ReactNode } from 'react';
import {
  runtimeStackTranslationRef,
  type RuntimeStackT,
} from '../../translation';
import { percentText } from '../shared/percentText';

const useStyles = makeStyles(
  theme => ({
    item: { display: 'flex' },
    content: { flexWrap: 'wrap' },
    text: { width: '100%', marginBottom: theme.spacing(1) },
    chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  }),
  { name: 'RuntimeStackSearchResultListItem' },
);

/** @public */
export interface RuntimeStackSearchResultListItemProps {
  /** A document of type `runtime-stack`. */
  result?: Partial<RuntimeStackSearchDocument> &
    Pick<RuntimeStackSearchDocument, 'title' | 'text' | 'location'>;
  highlight?: ResultHighlight;
  icon?: ReactNode;
  rank?: number;
  /** Lines of text shown before it is cut. */
  lineClamp?: number;
}

/**
 * The coverage chip's text, or nothing to show. A ratio of 1 is also what
 * a service requiring nothing gets, so the required count decides; a
 * document indexed before it carried that count cannot tell the two apart
 * at 1, and shows no coverage rather than a 100 % that may be false. The
 * required count leaves exempt capabilities out, so 0 with some exempt is
 * every requirement exempt, and 0 in a document without the exempt count
 * may be either.
 */
function coverageChipText(
  t: RuntimeStackT,
  { coverage, required, exemptCount }: Partial<RuntimeStackSearchDocument>,
): string | undefined {
  if (required === 0) {
    if (exemptCount === undefined) return undefined;
    return exemptCount > 0
      ? t('searchResult.allExempt')
      : t('searchResult.nothingRequired');
  }
  if (coverage === undefined) return undefined;
  if (required === undefined && coverage >= 1) return undefined;
  return t('searchResult.coverage', { percent: percentText(t, coverage) });
}

/**
 * The tool chips: those seen running, then those only named. A document
 * indexed before it told the two apart gets none rather than calling a
 * declared tool running.
 */
function toolChipTexts(
  t: RuntimeStackT,
  { tools, confirmedTools }: Partial<RuntimeStackSearchDocument>,
): Array<{ label: string; confirmed: boolean }> {
  if (!tools || !confirmedTools) return [];
  const confirmed = new Set(confirmedTools);
  return [
    ...confirmedTools.map(tool => ({
      label: t('searchResult.confirmedTool', { tool }),
      confirmed: true,
    })),
    ...tools
      .filter(tool => !confirmed.has(tool))
      .map(tool => ({
        label: t('searchResult.unconfirmedTool', { tool }),
        confirmed: false,
      })),
  ];
}

function Highlighted(props: {
  field: 'title' | 'text';
  highlight?: ResultHighlight;
  fallback: string;
}) {
  const { field, highlight, fallback } = props;
  const text = highlight?.fields[field];
  return text ? (
    <HighlightedSearchResultText
      text={text}
      preTag={highlight.preTag}
      postTag={highlight.postTag}
    />
  ) : (
    <>{fallback}</>
  );
}

/**
 * A service's runtime stack in search results: its coverage, gaps, owner
 * and the tools it runs with, linking its Runtime stack tab.
 *
 * @public
 */
export function RuntimeStackSearchResultListItem(
  props: RuntimeStackSearchResultListItemProps,
) {
  const { result, highlight, icon, lineClamp = 5 } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  if (!result) return null;
  const coverage = coverageChipText(t, result);
  // Beside a coverage figure; with none required, the coverage chip says it.
  const exemptBeside = (result.required ?? 0) > 0 ? result.exemptCount ?? 0 : 0;
  return (
    <div className={classes.item}>
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <div className={classes.content}>
        <ListItemText
          className={classes.text}
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              <Highlighted
                field="title"
                highlight={highlight}
                fallback={result.title}
              />
            </Link>
          }
          secondary={
            <Typography
              component="span"
              color="textSecondary"
              variant="body2"
              style={{
                display: '-webkit-box',
                WebkitBoxOrient: 'vertical',
                WebkitLineClamp: lineClamp,
                overflow: 'hidden',
              }}
            >
              <Highlighted
                field="text"
                highlight={highlight}
                fallback={result.text}
              />
            </Typography>
          }
        />
        <Box className={classes.chips}>
          {coverage && <Chip size="small" label={coverage} />}
          {exemptBeside > 0 && (
            <Chip
              size="small"
              label={t('searchResult.exempt', { count: exemptBeside })}
            />
          )}
          {result.gapCount !== undefined && (
            <Chip
              size="small"
              label={
                result.gapCount === 0
                  ? t('searchResult.noGaps')
                  : t('searchResult.gaps', { count: result.gapCount })
              }
            />
          )}
          {result.owner && (
            <Chip
              size="small"
              label={t('searchResult.owner', {
                owner:
                  result.ownerTitle ??
                  humanizeEntityRef(parseEntityRef(result.owner), {
                    defaultKind: 'group',
                  }),
              })}
            />
          )}
          {toolChipTexts(t, result).map(({ label, confirmed }) => (
            <Chip
              key={label}
              size="small"
              variant={confirmed ? 'default' : 'outlined'}
              label={label}
            />
          ))}
        </Box>
      </div>
    </div>
  );
}
