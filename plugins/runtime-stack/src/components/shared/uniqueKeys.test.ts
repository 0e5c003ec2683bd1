import { labelsKey, uniqueKeys } from './uniqueKeys';

describe('uniqueKeys', () => {
  it('keeps distinct keys and numbers the repeats, never colliding with a real key', () => {
    expect(uniqueKeys(['a', 'b', 'a', 'a#2', 'a'], item => item)).toEqual([
      'a',
      'b',
      'a#2',
      'a#2#2',
      'a#3',
    ]);
  });

  it('reads labels the same in any order', () => {
    expect(labelsKey({ pod: 'p-1', job: 'api' })).toBe(
      labelsKey({ job: 'api', pod: 'p-1' }),
    );
    expect(labelsKey({ pod: 'p-1' })).not.toBe(labelsKey({ pod: 'p-2' }));
  });
});
