import { ConfigReader } from '@backstage/config';
import { readPositiveInteger } from './readPositiveInteger';

describe('readPositiveInteger', () => {
  const config = (value: number | string) =>
    new ConfigReader({ runtimeStack: { clusters: { concurrency: value } } });
  const key = 'runtimeStack.clusters.concurrency';

  it('reads a whole number, or the fallback when unset', () => {
    expect(readPositiveInteger(config(12), key, 4)).toBe(12);
    expect(readPositiveInteger(new ConfigReader({}), key, 4)).toBe(4);
  });

  it.each([0, -3, 2.5])('refuses %s naming the key', value => {
    expect(() => readPositiveInteger(config(value), key, 4)).toThrow(
      `Invalid runtimeStack.clusters.concurrency: must be a whole number of at least 1, not ${value}`,
    );
  });

  it('leaves a value of the wrong type to the config reader, which names it too', () => {
    expect(() => readPositiveInteger(config('many'), key, 4)).toThrow(
      /runtimeStack\.clusters\.concurrency/,
    );
  });
});
