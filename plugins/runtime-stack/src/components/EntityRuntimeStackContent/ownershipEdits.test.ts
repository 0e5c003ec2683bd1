import type { EffectiveOwner } from '@internal/backstage-plugin-runtime-stack-common';
import { editTargetOf, isGroupRef, toFullGroupRef } from './ownershipEdits';

const componentRecord: EffectiveOwner = {
  owner: 'group:default/payments-team',
  responsibility: 'operates',
  inheritedFrom: {
    kind: 'component',
    ref: 'component:default/payments-api',
    source: 'store',
  },
  via: 'capability',
  recordId: 'rec-1',
  version: 4,
};

describe('editTargetOf', () => {
  it("updates the component's own record for the capability, with its version", () => {
    expect(editTargetOf(componentRecord)).toEqual({
      mode: 'update',
      owner: componentRecord,
      recordId: 'rec-1',
      version: 4,
    });
  });

  it.each<[string, EffectiveOwner | undefined]>([
    ['no owner', undefined],
    [
      'an owner inherited from the System',
      {
        ...componentRecord,
        inheritedFrom: {
          kind: 'system',
          ref: 'system:default/payments',
          source: 'store',
        },
      },
    ],
    [
      'an annotation on the component',
      {
        ...componentRecord,
        inheritedFrom: {
          ...componentRecord.inheritedFrom,
          source: 'annotation',
        },
        recordId: undefined,
        version: undefined,
      },
    ],
    // Changing it from one capability's row would move the whole layer.
    [
      'a layer-wide record of the component',
      { ...componentRecord, via: 'layer' },
    ],
  ])('creates a component record over %s', (_, owner) => {
    expect(editTargetOf(owner).mode).toBe('create');
  });
  it("on a System's tab, updates the System's own record and overrides nothing else", () => {
    const systemRecord: EffectiveOwner = {
      ...componentRecord,
      inheritedFrom: {
        kind: 'system',
        ref: 'system:default/payments',
        source: 'store',
      },
    };
    expect(editTargetOf(systemRecord, 'system')).toMatchObject({
      mode: 'update',
      recordId: 'rec-1',
      version: 4,
    });
    expect(editTargetOf(componentRecord, 'system').mode).toBe('create');
  });
});

describe('group refs', () => {
  it.each([
    'group:payments-team',
    'group:default/payments-team',
    'Group:ops/SRE.eu',
  ])('accepts %s', ref => expect(isGroupRef(ref)).toBe(true));

  it.each(['payments-team', 'user:default/alice', 'group:', 'group:a/b/c', ''])(
    'rejects %s',
    ref => expect(isGroupRef(ref)).toBe(false),
  );

  it('stores the full ref', () => {
    expect(toFullGroupRef(' group:payments-team ')).toBe(
      'group:default/payments-team',
    );
  });
});
