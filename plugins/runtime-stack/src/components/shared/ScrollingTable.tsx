import Table, { type TableProps } from '@material-ui/core/Table';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  scroller: {
    width: '100%',
    // In a flex container (an accordion's details), a flex item is never
    // narrower than its content: the table would be cut off, not scrolled.
    minWidth: 0,
    overflowX: 'auto',
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
  // The Backstage theme sets `word-break: break-word` on every table cell,
  // which lets Chromium shrink a column below its longest word and split
  // "production" as "productio / n", or a title letter by letter.
  table: {
    '& th, & td': { wordBreak: 'normal', overflowWrap: 'break-word' },
  },
}));

/** Whether the element's content is wider than the element, kept current. */
function useOverflowing(ref: RefObject<HTMLElement>): boolean {
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const check = () =>
      setOverflowing(element.scrollWidth > element.clientWidth);
    // The box narrows with the window; the table widens as rows open. The
    // observer also reports each element once when observing starts, after
    // the browser's own layout, so measuring here would only force an extra
    // layout of the page for every table that mounts.
    const observer = new ResizeObserver(check);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [ref]);
  return overflowing;
}

/**
 * A table of words and titles. Words stay whole, only a token too long for
 * any column wraps; when the columns need more room than the page gives (a
 * narrow window, the sidebar open), the table scrolls sideways rather than
 * being cut off, and the scrolling region can then be reached and scrolled
 * from the keyboard.
 */
export const ScrollingTable = ({ className, ...props }: TableProps) => {
  const classes = useStyles();
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const scroller = useRef<HTMLDivElement>(null);
  const overflowing = useOverflowing(scroller);
  const name = props['aria-label'];
  return (
    <div
      ref={scroller}
      className={classes.scroller}
      {...(overflowing && {
        tabIndex: 0,
        role: 'region',
        'aria-label': name
          ? t('scrollingTable.named', { name })
          : t('scrollingTable.unnamed'),
      })}
    >
      <Table
        {...props}
        className={[classes.table, className].filter(Boolean).join(' ')}
      />
    </div>
  );
};
