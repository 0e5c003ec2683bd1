import { LabelSelectorError, parseLabelSelector } from './labelSelector';

describe('parseLabelSelector', () => {
  const labels = {
    app: 'web',
    tier: 'frontend',
    'backstage.io/kubernetes-id': 'checkout-web',
    replicas: '3',
  };
  const matches = (
    selector: string,
    target: Record<string, string> | undefined = labels,
  ) => parseLabelSelector(selector).matches(target);

  it('treats an empty selector as matching everything', () => {
    expect(parseLabelSelector('').isEmpty).toBe(true);
    expect(parseLabelSelector(undefined).isEmpty).toBe(true);
    expect(matches('', undefined)).toBe(true);
  });

  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app=api', false],
    ['app!=api', true],
    ['app!=web', false],
    ['missing!=x', true],
    ['app in (api,web)', true],
    ['app in (api, worker)', false],
    ['app notin (api)', true],
    ['app notin (web,api)', false],
    ['missing notin (web)', true],
    ['app', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['backstage.io/kubernetes-id=checkout-web', true],
    ['app=web,tier=frontend', true],
    ['app=web,tier=backend', false],
    [' app = web , !missing , tier in ( frontend ) ', true],
    ['replicas>2', true],
    ['replicas<3', false],
    ['app>1', false],
  ])('%s → %s', (selector, expected) => {
    expect(matches(selector)).toBe(expected);
  });

  it('selects the empty value with a bare =', () => {
    expect(matches('app=', { app: '' })).toBe(true);
    expect(matches('app=', { app: 'web' })).toBe(false);
  });

  it.each([
    'app=web,',
    ',app',
    'app in web',
    'app in ()',
    'app in (a b)',
    '=web',
    'app=we$b',
    'Bad_Prefix.io/app=web',
    'app>x',
    'a b',
  ])('rejects %s', selector => {
    expect(() => parseLabelSelector(selector)).toThrow(LabelSelectorError);
  });
});
