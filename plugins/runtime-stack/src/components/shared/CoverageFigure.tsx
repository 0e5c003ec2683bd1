import Typography from '@material-ui/core/Typography';
import { VISUALLY_HIDDEN } from './visuallyHidden';

/**
 * A headline coverage figure with its name for screen readers: a term and
 * its value, the term hidden since the card around it already says what the
 * number is. A paragraph may not carry a name (aria-label on a `<p>` is
 * prohibited and many readers skip it); a description list says it in text.
 */
export const CoverageFigure = ({
  label,
  value,
  variant = 'h4',
}: {
  label: string;
  value: string;
  variant?: 'h3' | 'h4';
}) => (
  // Relative, so the hidden term is placed inside it and not at the page's edge.
  <dl style={{ margin: 0, position: 'relative' }}>
    <dt style={VISUALLY_HIDDEN}>{label}</dt>
    <Typography component="dd" variant={variant}>
      {value}
    </Typography>
  </dl>
);
