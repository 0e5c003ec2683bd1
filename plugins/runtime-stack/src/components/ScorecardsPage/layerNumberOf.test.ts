import { layerNumberOf } from './layerNumberOf';

describe('layerNumberOf', () => {
  it('reads a layer number, leading zeros and all', () => {
    expect(layerNumberOf('3')).toBe(3);
    expect(layerNumberOf('03')).toBe(3);
    expect(layerNumberOf('0')).toBe(0);
  });

  it('keeps only the layers the model has, once it is known', () => {
    expect(layerNumberOf('3', [0, 1, 2, 3])).toBe(3);
    expect(layerNumberOf('7', [0, 1, 2, 3])).toBe(undefined);
  });

  it('refuses what is not a small whole number', () => {
    for (const value of [
      '',
      null,
      undefined,
      '-1',
      '1.5',
      '2e3',
      ' 2',
      '1234567',
    ]) {
      expect(layerNumberOf(value)).toBe(undefined);
    }
  });
});
