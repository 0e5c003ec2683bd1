import { parseInput } from '@internal/backstage-plugin-runtime-stack-common';
import { historyQuerySchema, listOwnershipQuerySchema } from './ownershipInput';

describe('ownership list queries', () => {
  it('take a layer that fits an integer column, and refuse a larger one naming it', () => {
    expect(
      parseInput(listOwnershipQuerySchema, { layer: '2147483647' }, 'query'),
    ).toMatchObject({ layer: 2147483647 });
    // PostgreSQL refuses to compare an integer column with it (22003).
    expect(() =>
      parseInput(listOwnershipQuerySchema, { layer: '3000000000' }, 'query'),
    ).toThrow(/^Invalid query: layer: /);
  });

  it('refuse a NUL character in a scope ref, naming it', () => {
    expect(() =>
      parseInput(historyQuerySchema, { scopeRef: 'a\u0000b' }, 'query'),
    ).toThrow(/^Invalid query: scopeRef: must not contain the NUL character/);
    expect(() =>
      parseInput(
        listOwnershipQuerySchema,
        { scopeRef: ['ok', 'a\u0000b'] },
        'query',
      ),
    ).toThrow(/^Invalid query: scopeRef\.1: /);
  });
});
