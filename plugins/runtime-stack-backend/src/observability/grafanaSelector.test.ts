import {
  compileDashboardSelector,
  matchesGrafanaSelector,
  parseGrafanaSelector,
  selectorTags,
  type SelectableDashboard,
} from './grafanaSelector';

const payments: SelectableDashboard = {
  title: 'Payments API',
  tags: ['payments', 'backend', 'owner:team-atlas'],
  url: 'https://grafana.example.com/d/pay/payments-api',
  folderTitle: 'Payments',
};
const home: SelectableDashboard = {
  title: 'Home',
  tags: [],
  url: '',
};

describe('parseGrafanaSelector', () => {
  it('parses comparisons, tag tests and parentheses', () => {
    expect(
      parseGrafanaSelector(
        "(tags @> 'backend' || tags @> 'payments') && url != ''",
      ),
    ).toEqual({
      kind: 'and',
      operands: [
        {
          kind: 'or',
          operands: [
            { kind: 'hasTag', tag: 'backend' },
            { kind: 'hasTag', tag: 'payments' },
          ],
        },
        {
          kind: 'compare',
          op: '!=',
          left: { kind: 'field', field: 'url' },
          right: { kind: 'string', value: '' },
        },
      ],
    });
  });

  it('binds && tighter than ||', () => {
    expect(
      parseGrafanaSelector("tags @> 'a' || tags @> 'b' && tags @> 'c'"),
    ).toEqual({
      kind: 'or',
      operands: [
        { kind: 'hasTag', tag: 'a' },
        {
          kind: 'and',
          operands: [
            { kind: 'hasTag', tag: 'b' },
            { kind: 'hasTag', tag: 'c' },
          ],
        },
      ],
    });
  });

  it('reads a bare word as a tag, the plugin’s older form', () => {
    expect(parseGrafanaSelector(' payments-api ')).toEqual({
      kind: 'hasTag',
      tag: 'payments-api',
    });
    // Even a field's name: the plugin checks for a single word first.
    expect(parseGrafanaSelector('title')).toEqual({
      kind: 'hasTag',
      tag: 'title',
    });
  });

  it('reads escapes and double quotes in strings', () => {
    expect(parseGrafanaSelector("title == 'Bob\\'s board'")).toMatchObject({
      right: { kind: 'string', value: "Bob's board" },
    });
    expect(parseGrafanaSelector('tags @> "a b"')).toEqual({
      kind: 'hasTag',
      tag: 'a b',
    });
  });

  it.each([
    ['', 'it is empty at position 1'],
    [
      'tags @> payments && x',
      "expected a quoted tag after '@>', found 'payments' at position 9",
    ],
    [
      "tags == 'payments'",
      "tags is a list: test for a tag with tags @> '…' at position 1",
    ],
    ["title @> 'x'", "'@>' needs tags on its left at position 1"],
    [
      'owner:team-atlas',
      "unexpected ':' (a tag with other characters than letters, digits, _ and - is written tags @> '…') at position 6",
    ],
    ["title = 'x'", "unexpected '=' ('==' compares) at position 7"],
    [
      "tags @> 'a' & tags @> 'b'",
      "unexpected '&' ('&&' means and) at position 13",
    ],
    [
      "(tags @> 'a' || tags @> 'b'",
      "expected ')' to close the '(' at position 1, found the end at position 28",
    ],
    [
      "tags @> 'a')",
      "expected '&&', '||' or the end, found ')' at position 12",
    ],
    ["title == 'unterminated", 'the string is not closed at position 10'],
    [
      "name == 'x'",
      "unknown field 'name' (expected title, tags, url or folderTitle; quote strings with ') at position 1",
    ],
    [
      "'a' == 'b'",
      'compares two strings: one side should be title, url or folderTitle at position 1',
    ],
    [
      "title 'x'",
      "expected '==', '!=' or '@>', found the string 'x' at position 7",
    ],
    [
      "tags @> 'a' &&",
      'expected a field or a quoted string, found the end at position 15',
    ],
  ])('refuses %p: %s', (expression, reason) => {
    expect(() => parseGrafanaSelector(expression)).toThrow(
      `Invalid Grafana dashboard selector "${expression}": ${reason}`,
    );
  });

  it('throws an InputError', () => {
    expect(() => parseGrafanaSelector('tags @>')).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
  });
});

describe('matchesGrafanaSelector', () => {
  it.each([
    ["tags @> 'payments'", true],
    ["tags @> 'Payments'", false],
    ["tags @> 'owner:team-atlas'", true],
    ["title == 'Payments API'", true],
    ["'Payments API' == title", true],
    ["title != 'Payments API'", false],
    ["folderTitle == 'Payments'", true],
    ["(tags @> 'frontend' || tags @> 'payments') && url != ''", true],
    ["tags @> 'frontend' || tags @> 'payments' && title == 'Nope'", false],
    ["tags @> 'payments' || tags @> 'frontend' && title == 'Nope'", true],
    ["(tags @> 'payments' || tags @> 'frontend') && title == 'Nope'", false],
    ['backend', true],
    ['frontend', false],
  ])('%s on Payments API: %s', (expression, expected) => {
    expect(matchesGrafanaSelector(expression, payments)).toBe(expected);
  });

  it('treats a missing folder as an empty string', () => {
    expect(matchesGrafanaSelector("folderTitle == ''", home)).toBe(true);
    expect(matchesGrafanaSelector("url != ''", home)).toBe(false);
  });

  it('compiles once for many dashboards', () => {
    const matches = compileDashboardSelector("tags @> 'payments'");
    expect([payments, home].filter(matches)).toEqual([payments]);
    expect(() => compileDashboardSelector('tags @>')).toThrow(/position 8/);
  });
});

describe('selectorTags', () => {
  it.each([
    ["tags @> 'payments'", ['payments']],
    ['payments', ['payments']],
    [
      "tags @> 'payments' && title != 'x' && tags @> 'kubernetes'",
      ['payments', 'kubernetes'],
    ],
    ["tags @> 'a' && (tags @> 'b' && tags @> 'a')", ['a', 'b']],
    ["tags @> 'a' && (tags @> 'b' || title == 'x')", ['a']],
    ["(tags @> 'backend' || tags @> 'payments') && url != ''", []],
    ["tags @> 'a' || tags @> 'b'", []],
    ["title == 'Payments API'", []],
  ])('%s → %j', (expression, tags) => {
    expect(selectorTags(expression)).toEqual(tags);
  });
});
