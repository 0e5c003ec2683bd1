import { englishT } from '../../__testUtils__/translations';
import { describeTrendChange } from './trendChange';

const day = (ratio: number, required = 10) => ({ ratio, required });

describe('describeTrendChange', () => {
  it('subtracts the percentages shown, not the ratios behind them', () => {
    // Shown as 49 % and 51 %: the ratios differ by 1.1 points.
    expect(describeTrendChange(englishT, day(0.494), day(0.505))).toBe(
      '+2 points',
    );
    expect(describeTrendChange(englishT, day(0.505), day(0.494))).toBe(
      '−2 points',
    );
  });

  it('says "point" for one', () => {
    expect(describeTrendChange(englishT, day(0.5), day(0.51))).toBe('+1 point');
    expect(describeTrendChange(englishT, day(0.51), day(0.5))).toBe('−1 point');
  });

  it('calls a move the percentages do not show unchanged', () => {
    expect(describeTrendChange(englishT, day(0.801), day(0.804))).toBe(
      'unchanged',
    );
  });

  it('compares nothing with a day that required nothing', () => {
    expect(describeTrendChange(englishT, day(1, 0), day(0.5))).toBeUndefined();
    expect(describeTrendChange(englishT, day(0.5), day(1, 0))).toBeUndefined();
  });
});
