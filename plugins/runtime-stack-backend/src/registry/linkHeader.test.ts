import { parseNextLink } from './linkHeader';

describe('parseNextLink', () => {
  it('reads a relative next link as distribution writes it', () => {
    expect(
      parseNextLink('</v2/team/app/tags/list?last=1.2.0&n=2>; rel="next"'),
    ).toBe('/v2/team/app/tags/list?last=1.2.0&n=2');
  });

  it('reads absolute links, unquoted rel and rel lists', () => {
    expect(
      parseNextLink('<https://r.example.com/v2/a/tags/list?last=b>; rel=next'),
    ).toBe('https://r.example.com/v2/a/tags/list?last=b');
    expect(parseNextLink('</x>; rel="last next"')).toBe('/x');
  });

  it('picks next among several links, whatever their parameters hold', () => {
    expect(
      parseNextLink(
        '</first?a=1,2>; rel="first"; title="a, b; c", </second>; type="text/html"; rel="next"',
      ),
    ).toBe('/second');
  });

  it('is undefined without a next link', () => {
    expect(parseNextLink(null)).toBeUndefined();
    expect(parseNextLink('')).toBeUndefined();
    expect(parseNextLink('</prev>; rel="prev"')).toBeUndefined();
    expect(parseNextLink('garbage')).toBeUndefined();
  });
});
