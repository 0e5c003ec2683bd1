import { getContrastRatio } from '@material-ui/core/styles';
import { darkTheme, lightTheme } from '@backstage/theme';
import { alertFill, alertTextColor } from './alertColors';

// WCAG AA for normal-sized text.
const AA = 4.5;

describe.each([
  ['light', lightTheme],
  ['dark', darkTheme],
])('alert colours on the %s theme', (_name, theme) => {
  it('are readable as text on the page and on cards', () => {
    const text = alertTextColor(theme);
    expect(
      getContrastRatio(text, theme.palette.background.default),
    ).toBeGreaterThanOrEqual(AA);
    expect(
      getContrastRatio(text, theme.palette.background.paper),
    ).toBeGreaterThanOrEqual(AA);
  });

  it('fill a chip whose label is readable', () => {
    const { backgroundColor, color } = alertFill(theme);
    expect(getContrastRatio(color, backgroundColor)).toBeGreaterThanOrEqual(AA);
  });

  it('are more readable than MUI error text, which they replace', () => {
    expect(
      getContrastRatio(alertTextColor(theme), theme.palette.background.paper),
    ).toBeGreaterThan(
      getContrastRatio(
        theme.palette.error.main,
        theme.palette.background.paper,
      ),
    );
  });
});
