import { fullRefOfKind } from './fullRefOfKind';

describe('fullRefOfKind', () => {
  it('completes a short ref with the kind and namespace', () => {
    expect(fullRefOfKind('payments', 'system')).toBe('system:default/payments');
    expect(fullRefOfKind('billing/payments', 'system')).toBe(
      'system:billing/payments',
    );
    expect(fullRefOfKind('payments', 'system', 'billing')).toBe(
      'system:billing/payments',
    );
  });

  it('keeps a full ref of the kind, whatever its case', () => {
    expect(fullRefOfKind('Group:default/Team-A', 'group')).toBe(
      'group:default/team-a',
    );
  });

  it('refuses refs of another kind, empty ones and malformed ones', () => {
    expect(fullRefOfKind('component:default/payments', 'system')).toBe(
      undefined,
    );
    expect(fullRefOfKind('', 'group')).toBe(undefined);
    expect(fullRefOfKind(undefined, 'group')).toBe(undefined);
    expect(fullRefOfKind('a:b:c/d/e', 'group')).toBe(undefined);
  });
});
