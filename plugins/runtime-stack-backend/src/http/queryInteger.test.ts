import { queryInteger } from './queryInteger';

describe('queryInteger', () => {
  it('bounds a number without a max by an integer column’s range', () => {
    const layer = queryInteger({ min: 0 });
    expect(layer.parse('2147483647')).toBe(2147483647);
    expect(layer.safeParse('2147483648').success).toBe(false);
    expect(layer.safeParse(Number.MAX_SAFE_INTEGER).success).toBe(false);
  });
});
