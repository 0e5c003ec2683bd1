import {
  pageIndexOf,
  pageParamOf,
  paramsWithPrefix,
} from './useSearchParamsUpdate';

describe('pageIndexOf', () => {
  it('counts the address’s pages from 1 and the index from 0', () => {
    expect(pageIndexOf('1')).toBe(0);
    expect(pageIndexOf('12')).toBe(11);
    expect(pageParamOf(11)).toBe('12');
    expect(pageParamOf(0)).toBeUndefined();
  });

  it.each([null, '', '0', '-1', '1.5', '01', 'two', '9999999'])(
    'is the first page for %p',
    value => expect(pageIndexOf(value)).toBe(0),
  );
});

describe('paramsWithPrefix', () => {
  it('keeps only the parameters of one tab', () => {
    expect(
      paramsWithPrefix(
        new URLSearchParams('tab=services&services.page=2&layer=3'),
        'services.',
      ),
    ).toBe('services.page=2');
  });
});
