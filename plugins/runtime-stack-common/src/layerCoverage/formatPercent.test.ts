import { formatPercent } from './formatPercent';

describe('formatPercent', () => {
  it.each([
    [0, '0%'],
    [0.7, '70%'],
    [4 / 6, '67%'],
    [0.996, '99%'],
    [0.004, '1%'],
    [1, '100%'],
  ])('formats %p as %p', (ratio, text) => {
    expect(formatPercent(ratio)).toBe(text);
  });
});
