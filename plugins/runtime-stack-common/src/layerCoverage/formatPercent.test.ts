import { formatCoveragePercent, formatPercent } from './formatPercent';

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

  it('shows a dash when nothing is required', () => {
    expect(formatCoveragePercent({ required: 0, ratio: 1 })).toBe('—');
    expect(formatCoveragePercent({ required: 4, ratio: 0.75 })).toBe('75%');
  });
});
