import {
  isDigitsText,
  isIdText,
  isKebabCaseText,
  isScpNameText,
  replaceQuoted,
} from './annotationText';

describe('annotation text checks', () => {
  it.each([
    ['tier-1', true, true],
    ['a', true, true],
    ['-tier', true, false],
    ['tier-', true, false],
    ['tier--1', true, false],
    ['Tier-1', false, false],
    ['tier_1', false, false],
    ['', false, false],
  ])('%j: id %s, kebab case %s', (text, id, kebab) => {
    expect(isIdText(text)).toBe(id);
    expect(isKebabCaseText(text)).toBe(kebab);
  });

  it('tells digits and scp names from other text', () => {
    expect(isDigitsText('12')).toBe(true);
    expect(isDigitsText('1a')).toBe(false);
    expect(isDigitsText('')).toBe(false);
    expect(isScpNameText('git.Acme_internal-1')).toBe(true);
    expect(isScpNameText('git/acme')).toBe(false);
  });

  it('checks megabytes of text without a stack to run out of', () => {
    const huge = 'a'.repeat(20_000_000);
    expect(isKebabCaseText(huge)).toBe(true);
    expect(isKebabCaseText(`${huge}-`)).toBe(false);
    expect(isIdText(`${huge}A`)).toBe(false);
  });
});

describe('replaceQuoted', () => {
  it('replaces each quoted part and keeps an unpaired quote as text', () => {
    expect(
      replaceQuoted("'abc' and 'de' but 'unpaired", q => q.toUpperCase()),
    ).toBe("'ABC' and 'DE' but 'unpaired");
  });

  it('keeps empty quotes and text without quotes', () => {
    expect(replaceQuoted("'' then x", () => 'y')).toBe("'y' then x");
    expect(replaceQuoted('no quotes', () => 'y')).toBe('no quotes');
  });
});
