import type { EffectiveOwner } from '@internal/backstage-plugin-runtime-stack-common';
import { englishT as t } from '../../__testUtils__/translations';
import { describeOwnerOrigin, ownerClustersText } from './ownerOrigin';

const from = (
  inheritedFrom: EffectiveOwner['inheritedFrom'],
  via: EffectiveOwner['via'] = 'capability',
): EffectiveOwner => ({
  owner: 'group:default/sre',
  responsibility: 'operates',
  inheritedFrom,
  via,
});

describe('describeOwnerOrigin', () => {
  it.each<[EffectiveOwner, string]>([
    [
      from({ kind: 'component', ref: 'component:default/a', source: 'store' }),
      'this component',
    ],
    [
      from({
        kind: 'component',
        ref: 'component:default/a',
        source: 'annotation',
      }),
      'this component (annotation)',
    ],
    [
      from(
        {
          kind: 'system',
          ref: 'system:default/payments',
          source: 'annotation',
        },
        'layer',
      ),
      'inherited from system:default/payments (annotation), for the whole layer',
    ],
    [
      from({ kind: 'system', ref: 'system:default/payments', source: 'store' }),
      'inherited from system:default/payments',
    ],
    [
      from({ kind: 'cluster', ref: 'prod-eu-1', source: 'store' }, 'layer'),
      'inherited from cluster prod-eu-1, for the whole layer',
    ],
    [
      from({ kind: 'environment', ref: 'production', source: 'store' }),
      'inherited from environment production',
    ],
    [
      from({ kind: 'organization', ref: 'organization', source: 'config' }),
      'organisation default',
    ],
    [
      from(
        { kind: 'organization', ref: 'organization', source: 'config' },
        'layer',
      ),
      'organisation default, for the whole layer',
    ],
  ])('describes %#', (owner, text) => {
    expect(describeOwnerOrigin(t, owner)).toBe(text);
  });
  it("names a System's own record as this System on the System's tab", () => {
    const own = from(
      { kind: 'system', ref: 'system:default/payments', source: 'store' },
      'layer',
    );
    expect(describeOwnerOrigin(t, own, 'system')).toBe(
      'this System, for the whole layer',
    );
  });
});

describe('ownerClustersText', () => {
  it('names the clusters an inherited owner holds on, when not all of them', () => {
    expect(
      ownerClustersText(t, {
        ...from({
          kind: 'organization',
          ref: 'organization',
          source: 'config',
        }),
        clusters: ['prod-us-1', 'prod-us-2'],
      }),
    ).toBe('cluster prod-us-1, cluster prod-us-2');
    expect(
      ownerClustersText(t, {
        ...from({ kind: 'environment', ref: 'production', source: 'store' }),
        clusters: ['prod-us-1'],
      }),
    ).toBe('cluster prod-us-1');
  });

  it('says nothing of an owner of every cluster, or of a cluster its origin names', () => {
    expect(
      ownerClustersText(
        t,
        from({ kind: 'environment', ref: 'production', source: 'store' }),
      ),
    ).toBeUndefined();
    expect(
      ownerClustersText(t, {
        ...from({ kind: 'cluster', ref: 'prod-eu-1', source: 'store' }),
        clusters: ['prod-eu-1'],
      }),
    ).toBeUndefined();
  });
});
