import type { EffectiveOwner } from '@internal/backstage-plugin-runtime-stack-common';
import { takeOverRecordOf } from './takeOverRecord';

const entityRef = 'component:default/payments-api';

const organisationDefault: EffectiveOwner = {
  owner: 'group:default/platform-team',
  responsibility: 'operates',
  inheritedFrom: {
    kind: 'organization',
    ref: 'organization',
    source: 'config',
  },
  via: 'capability',
};

const logging = (owners: EffectiveOwner[] | undefined) => ({
  capability: 'logging',
  layer: 4,
  title: 'Logging',
  owners,
});

describe('takeOverRecordOf', () => {
  it("asks about a record of the component's own that keeps an owner without a record", () => {
    expect(takeOverRecordOf(logging([organisationDefault]), entityRef)).toEqual(
      {
        scope: { kind: 'component', ref: entityRef },
        layer: 4,
        capability: 'logging',
        owner: 'group:default/platform-team',
        responsibility: 'operates',
      },
    );
  });

  it("asks on a System's tab about a record of the System", () => {
    expect(
      takeOverRecordOf(
        logging([organisationDefault]),
        'system:default/payments',
      )?.scope,
    ).toEqual({ kind: 'system', ref: 'system:default/payments' });
  });

  it('asks about the operating owner, the one the dialog edits', () => {
    const consumer: EffectiveOwner = {
      ...organisationDefault,
      owner: 'group:default/sre',
      responsibility: 'consumes',
      inheritedFrom: {
        kind: 'component',
        ref: entityRef,
        source: 'annotation',
      },
    };
    expect(
      takeOverRecordOf(logging([consumer, organisationDefault]), entityRef),
    ).toMatchObject({
      owner: 'group:default/platform-team',
      responsibility: 'operates',
    });
  });

  it.each<[string, EffectiveOwner[] | undefined]>([
    ['no owner', []],
    ['owners not known', undefined],
    [
      "the component's own record",
      [
        {
          ...organisationDefault,
          inheritedFrom: { kind: 'component', ref: entityRef, source: 'store' },
          recordId: 'rec-logging',
          version: 2,
        },
      ],
    ],
    [
      "a System's record, which the permission framework is asked about",
      [
        {
          ...organisationDefault,
          inheritedFrom: {
            kind: 'system',
            ref: 'system:default/payments',
            source: 'store',
          },
          recordId: 'rec-system',
          version: 1,
        },
      ],
    ],
  ])('asks nothing for %s', (_, owners) => {
    expect(takeOverRecordOf(logging(owners), entityRef)).toBeUndefined();
  });
});
