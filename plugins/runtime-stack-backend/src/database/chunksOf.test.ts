import { chunksOf } from './chunksOf';

describe('chunksOf', () => {
  it('slices in order, the last slice holding the rest', () => {
    expect([...chunksOf([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...chunksOf([], 2)]).toEqual([]);
  });

  it('takes 500 values a slice by default', () => {
    const sizes = [...chunksOf(Array.from({ length: 1201 }, (_, i) => i))].map(
      chunk => chunk.length,
    );
    expect(sizes).toEqual([500, 500, 201]);
  });
});
