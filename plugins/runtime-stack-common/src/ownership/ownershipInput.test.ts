import { defaultLayerModel } from '../layers/defaultLayerModel';
import { z } from 'zod';
import {
  normalizeEntityRef,
  parseInput,
  parseOwnershipAssignment,
} from './ownershipInput';

const record = {
  scope: { kind: 'component', ref: 'payments-api' },
  capability: 'metrics',
  owner: 'team-payments',
  responsibility: 'operates',
};

describe('parseOwnershipAssignment', () => {
  it('normalises entity refs and resolves a capability to its layer', () => {
    expect(
      parseOwnershipAssignment(defaultLayerModel, {
        ...record,
        note: 'Dashboards are ours',
        link: 'https://runbooks.example.com/metrics',
      }),
    ).toEqual({
      scope: { kind: 'component', ref: 'component:default/payments-api' },
      layer: 4,
      capability: 'metrics',
      owner: 'group:default/team-payments',
      responsibility: 'operates',
      note: 'Dashboards are ours',
      link: 'https://runbooks.example.com/metrics',
    });
  });

  it('keeps cluster and environment names as names', () => {
    expect(
      parseOwnershipAssignment(defaultLayerModel, {
        ...record,
        scope: { kind: 'cluster', ref: 'prod-eu-1' },
        capability: undefined,
        layer: 3,
      }),
    ).toMatchObject({ scope: { kind: 'cluster', ref: 'prod-eu-1' }, layer: 3 });
  });

  it.each([
    [{ ...record, owner: 'user:default/dana' }, undefined, /^Invalid owner: /],
    [
      { ...record, owner: 'user:default/dana' },
      'entries[2]',
      /^Invalid entries\[2\]\.owner: expected a group entity ref/,
    ],
    [
      { ...record, capability: 'teleportation' },
      'entries[0]',
      /^Invalid entries\[0\]\.capability: 'teleportation'/,
    ],
    [
      { ...record, scope: { kind: 'cluster', ref: 'Prod EU' } },
      'entries[1]',
      /^Invalid entries\[1\]\.scope\.ref: a cluster is named like a DNS label/,
    ],
    [{ ...record, colour: 'red' }, undefined, /^Invalid body: .*colour/],
    [
      { ...record, note: 'x'.repeat(2001) },
      'entries[3]',
      /^Invalid entries\[3\]: note: must be at most 2000 characters/,
    ],
  ])('refuses bad input naming where it is (%#)', (value, at, message) => {
    expect(() =>
      parseOwnershipAssignment(defaultLayerModel, value, at),
    ).toThrow(message);
  });
});

describe('parseInput', () => {
  const schema = z.strictObject({
    scopeRef: z.union([z.string(), z.array(z.string())]).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  });

  it.each([
    [{ scopeRef: 'a\u0000b' }, 'Invalid query: scopeRef: '],
    [{ scopeRef: ['ok', '\u0000'] }, 'Invalid query: scopeRef.1: '],
    [
      { annotations: { 'a\u0000b': 'x' } },
      'Invalid query: annotations.a\\0b: ',
    ],
  ])(
    'refuses a NUL character in any string or key, naming where (%#)',
    (value, start) => {
      expect(() => parseInput(schema, value, 'query')).toThrow(
        `${start}must not contain the NUL character (U+0000)`,
      );
    },
  );

  it('refuses a NUL character in a field the schema would drop', () => {
    expect(() =>
      parseInput(z.looseObject({}), { extra: '\u0000' }, 'body'),
    ).toThrow('Invalid body: extra: must not contain the NUL character');
  });
});

describe('normalizeEntityRef', () => {
  it('refuses a ref that outgrows 255 characters in full form, naming the field', () => {
    // Within a 255-character schema limit as sent; 263 once normalised.
    expect(() =>
      normalizeEntityRef('a'.repeat(250), 'user', 'requestedBy'),
    ).toThrow(
      'Invalid requestedBy: as a full entity ref it is 263 characters long, more than 255',
    );
    expect(
      normalizeEntityRef('a'.repeat(242), 'user', 'requestedBy'),
    ).toHaveLength(255);
  });
});
