import { nulCharacterPath } from './nulCharacterPath';

describe('nulCharacterPath', () => {
  it('finds no NUL in ordinary input', () => {
    expect(
      nulCharacterPath({ a: ['x', { b: 'y' }], n: 1, none: null }),
    ).toBeUndefined();
    expect(nulCharacterPath('plain')).toBeUndefined();
  });

  it.each([
    ['a\u0000b', []],
    [{ scopeRef: ['ok', 'a\u0000'] }, ['scopeRef', 1]],
    [
      { records: [{ note: 'fine' }, { note: '\u0000' }] },
      ['records', 1, 'note'],
    ],
    [{ annotations: { 'a\u0000b': 'value' } }, ['annotations', 'a\u0000b']],
  ])('names where the NUL is (%#)', (value, path) => {
    expect(nulCharacterPath(value)).toEqual(path);
  });

  it('names the first NUL in the input', () => {
    expect(nulCharacterPath({ a: 'x\u0000', b: ['\u0000'] })).toEqual(['a']);
  });

  it('walks input nested deeper than the call stack goes', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nulCharacterPath(deep)).toHaveLength(100_000);
  });
});
