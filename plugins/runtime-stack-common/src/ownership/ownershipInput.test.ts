import { defaultLayerModel } from '../layers/defaultLayerModel';
import { parseOwnershipAssignment } from './ownershipInput';

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
