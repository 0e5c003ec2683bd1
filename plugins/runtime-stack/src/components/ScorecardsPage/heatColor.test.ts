import { heatColor, heatTextColor, NEUTRAL_HEAT_COLOR } from './heatColor';

describe('heatColor', () => {
  it('runs from red through amber to green', () => {
    expect(heatColor(0)).toBe('#d32f2f');
    expect(heatColor(0.5)).toBe('#ffa000');
    expect(heatColor(1)).toBe('#388e3c');
  });

  it('interpolates between the stops', () => {
    // Half way from red (d3 2f 2f) to amber (ff a0 00).
    expect(heatColor(0.25)).toBe('#e96818');
    // Half way from amber (ff a0 00) to green (38 8e 3c).
    expect(heatColor(0.75)).toBe('#9c971e');
  });

  it('clamps ratios outside 0..1', () => {
    expect(heatColor(-0.2)).toBe('#d32f2f');
    expect(heatColor(1.5)).toBe('#388e3c');
  });

  it('is neutral grey without a ratio', () => {
    expect(heatColor(undefined)).toBe(NEUTRAL_HEAT_COLOR);
    expect(heatColor(Number.NaN)).toBe(NEUTRAL_HEAT_COLOR);
  });

  it('picks a readable text colour', () => {
    expect(heatTextColor('#ffa000')).toBe('#000000');
    expect(heatTextColor('#000000')).toBe('#ffffff');
    expect(heatTextColor('#ffffff')).toBe('#000000');
  });
});
