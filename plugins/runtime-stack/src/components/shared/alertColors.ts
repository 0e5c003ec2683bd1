import type {} from '@backstage/theme';
import { lighten, type Theme } from '@material-ui/core/styles';

const darkRed = (theme: Theme) =>
  theme.palette.errorText ?? theme.palette.error.dark;

/**
 * The colour of error text. MUI's `error` and `secondary` colours, which
 * Backstage's themes leave at MUI's defaults, are too light for text on a
 * light page (3.5:1) and for white text on a chip (4.2:1); Backstage's own
 * components write errors in `errorText`, whose dark red is too dark on a
 * dark page, so that gets a light red instead.
 */
export const alertTextColor = (theme: Theme): string =>
  theme.palette.type === 'dark'
    ? lighten(theme.palette.error.main, 0.5)
    : darkRed(theme);

/** A chip or badge filled with the alarm colour, in either theme. */
export const alertFill = (theme: Theme) => {
  const backgroundColor = darkRed(theme);
  return {
    backgroundColor,
    color: theme.palette.getContrastText(backgroundColor),
  };
};
