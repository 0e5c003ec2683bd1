import { scopeRefsFor } from './scopeRefsFor';

describe('scopeRefsFor', () => {
  it('expands a bare name to the Component and System of that name, keeping the name for clusters', () => {
    expect(scopeRefsFor('payments-api')).toEqual([
      'payments-api',
      'component:default/payments-api',
      'system:default/payments-api',
    ]);
  });

  it('fills in the namespace of a ref with a kind, and nothing else', () => {
    expect(scopeRefsFor('component:payments-api')).toEqual([
      'component:payments-api',
      'component:default/payments-api',
    ]);
    expect(scopeRefsFor('system:default/payments')).toEqual([
      'system:default/payments',
    ]);
  });

  it('keeps what is no entity ref as given', () => {
    expect(scopeRefsFor('component:')).toEqual(['component:']);
  });
});
