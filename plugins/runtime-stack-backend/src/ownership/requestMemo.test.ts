import { createRequestMemo, noMemo } from './requestMemo';

describe('createRequestMemo', () => {
  it('loads each key once, failures included', async () => {
    const memo = createRequestMemo();
    const load = jest.fn(async (key: string) => {
      if (key === 'bad') throw new Error('no such group');
      return key.toUpperCase();
    });
    expect(await memo('a', () => load('a'))).toBe('A');
    expect(await memo('a', () => load('a'))).toBe('A');
    expect(await memo('b', () => load('b'))).toBe('B');
    await expect(memo('bad', () => load('bad'))).rejects.toThrow(
      'no such group',
    );
    await expect(memo('bad', () => load('bad'))).rejects.toThrow(
      'no such group',
    );
    expect(load.mock.calls.map(([key]) => key)).toEqual(['a', 'b', 'bad']);
  });

  it('noMemo loads every time', async () => {
    const load = jest.fn(async () => 1);
    await noMemo('a', load);
    await noMemo('a', load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
