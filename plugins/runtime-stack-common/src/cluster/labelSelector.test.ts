import { matchesLabelSelector, parseLabelSelector } from './labelSelector';

describe('label selectors', () => {
  const labels = { app: 'cart', tier: 'web', env: 'prod' };

  it.each([
    ['app=cart', true],
    ['app==cart', true],
    ['app=checkout', false],
    ['tier!=db', true],
    ['tier!=web', false],
    ['env in (prod, staging)', true],
    ['env notin (prod)', false],
    ['app', true],
    ['!legacy', true],
    ['!app', false],
    ['app=cart,env in (prod),!legacy', true],
    ['app=cart,env in (dev)', false],
  ])('%s matches: %s', (selector, expected) => {
    expect(matchesLabelSelector(parseLabelSelector(selector), labels)).toBe(
      expected,
    );
  });

  // Each as k8s.io/apimachinery's labels.Parse reads it, which the API
  // server applies to the Kubernetes plugin's selector.
  it('reads whitespace, empty values and keywords where Kubernetes does', () => {
    const cases: Array<[string, Record<string, string>, boolean]> = [
      // Whitespace is optional around operators, parentheses and commas.
      [
        'app=payments-api,tier in(api,web)',
        { app: 'payments-api', tier: 'web' },
        true,
      ],
      [
        'app=payments-api,tier in(api,web)',
        { app: 'payments-api', tier: 'db' },
        false,
      ],
      ['tier notin(db)', { tier: 'web' }, true],
      ['tier in( api , web )', { tier: 'web' }, true],
      ['app = cart , tier != db', { app: 'cart', tier: 'web' }, true],
      ['! legacy', {}, true],
      [' app ', { app: 'x' }, true],
      ['app=cart\t,\ntier\r==web', { app: 'cart', tier: 'web' }, true],
      // `in` and `notin` are operators only where one is expected.
      ['in in (in, notin)', { in: 'notin' }, true],
      ['notin', { notin: '' }, true],
      // No value, or an empty place in a set, is the empty value.
      ['track=', { track: '' }, true],
      ['track==', {}, false],
      ['track in ()', { track: '' }, true],
      ['track in ()', { track: 'x' }, false],
      ['track in (a,)', { track: '' }, true],
      ['track in (,a)', { track: 'a' }, true],
      ['track in (a,,b)', { track: '' }, true],
      // Keys with a DNS prefix, and names with `_` inside.
      ['app.kubernetes.io/name=a_b', { 'app.kubernetes.io/name': 'a_b' }, true],
      ['my_label', { my_label: 'x' }, true],
    ];
    for (const [selector, labelsOf, matches] of cases) {
      expect({
        selector,
        labelsOf,
        matches: matchesLabelSelector(parseLabelSelector(selector), labelsOf),
      }).toEqual({ selector, labelsOf, matches });
    }
  });

  it('compares integers as Kubernetes does', () => {
    const cases: Array<[string, Record<string, string>, boolean]> = [
      ['replicas>2', { replicas: '3' }, true],
      ['replicas < 10', { replicas: '09' }, true],
      ['replicas>2', { replicas: '2' }, false],
      ['replicas>2', {}, false],
      // A value that is no integer matches neither way.
      ['replicas>2', { replicas: 'many' }, false],
      ['replicas<2', { replicas: 'many' }, false],
      // Nor one beyond what Kubernetes reads as an integer.
      ['replicas>2', { replicas: '9223372036854775808' }, false],
    ];
    for (const [selector, labelsOf, matches] of cases) {
      expect({
        selector,
        labelsOf,
        matches: matchesLabelSelector(parseLabelSelector(selector), labelsOf),
      }).toEqual({ selector, labelsOf, matches });
    }
  });

  it('reads only the labels an object has, not what every object inherits', () => {
    expect(matchesLabelSelector(parseLabelSelector('constructor'), {})).toBe(
      false,
    );
    expect(
      matchesLabelSelector(parseLabelSelector('!toString,valueOf notin (x)'), {
        app: 'cart',
      }),
    ).toBe(true);
  });

  it.each([
    // What the API server refuses.
    ['app=cart,what is this', /found 'is' after 'what', expected one of =/],
    ['app=cart,', /found the end, expected a label key/],
    [',app=cart', /found ',', expected a label key/],
    ['app=cart,,tier=web', /found ',', expected a label key/],
    ['app in (a b)', /found 'b', expected ',' or '\)'/],
    ['app in (a', /found the end, expected ',' or '\)'/],
    ['app in a', /found 'a', expected '\('/],
    ['app in', /found the end, expected '\('/],
    ['!app=cart', /found '=', expected ',' or the end/],
    ['app=cart)', /found '\)', expected ',' or the end/],
    ['app>=2', /found '=', expected a label value/],
    ['app>two', /'>' needs an integer, found 'two'/],
    ['app<', /'<' needs an integer, found ''/],
    ['app>9223372036854775808', /needs an integer/],
    ['app>-1', /'-1' is not a valid label value/],
    ['app exists', /found 'exists' after 'app'/],
    ['app="cart"', /'"cart"' is not a valid label value/],
    ['-app=cart', /'-app' is not a valid label key/],
    ['a"b=cart', /'a"b' is not a valid label key/],
    ['Example.com/app=cart', /not a valid label key/],
    ['/app=cart', /not a valid label key/],
    ['a/b/c=cart', /not a valid label key/],
  ])('refuses %j, naming what it cannot read', (selector, reason) => {
    expect(() => parseLabelSelector(selector)).toThrow(
      `Invalid label selector '${selector}': `,
    );
    expect(() => parseLabelSelector(selector)).toThrow(reason);
  });

  it('takes the longest key and value Kubernetes does, and no longer', () => {
    const key = `${'a'.repeat(253)}/${'b'.repeat(63)}`;
    expect(parseLabelSelector(`${key}=${'c'.repeat(63)}`)).toEqual([
      { op: 'eq', key, value: 'c'.repeat(63) },
    ]);
    expect(() => parseLabelSelector(`app=${'c'.repeat(64)}`)).toThrow(
      /is not a valid label value/,
    );
    expect(() => parseLabelSelector(`${'b'.repeat(64)}=cart`)).toThrow(
      /is not a valid label key/,
    );
    expect(() => parseLabelSelector(`${'a'.repeat(254)}/app=cart`)).toThrow(
      /is not a valid label key/,
    );
  });
});
