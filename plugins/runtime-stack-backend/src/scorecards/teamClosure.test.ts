import type { Entity } from '@backstage/catalog-model';
import { teamClosure } from './teamClosure';

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: parent
    ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
    : [],
});

describe('teamClosure', () => {
  it('pairs every group with itself and each ancestor, with the depth', () => {
    const rows = teamClosure([
      group('engineering'),
      group('product', 'engineering'),
      group('payments', 'product'),
    ]);
    expect(
      rows
        .filter(r => r.member_ref === 'group:default/payments')
        .map(r => [r.team_ref, r.depth]),
    ).toEqual([
      ['group:default/payments', 0],
      ['group:default/product', 1],
      ['group:default/engineering', 2],
    ]);
    expect(rows).toHaveLength(6);
  });

  it('stops at a cycle', () => {
    const rows = teamClosure([group('a', 'b'), group('b', 'a')]);
    expect(rows.map(r => `${r.team_ref}>${r.member_ref}`).sort()).toEqual([
      'group:default/a>group:default/a',
      'group:default/a>group:default/b',
      'group:default/b>group:default/a',
      'group:default/b>group:default/b',
    ]);
  });
});
