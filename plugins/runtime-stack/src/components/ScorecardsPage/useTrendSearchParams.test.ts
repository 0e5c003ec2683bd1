import { readTrendView, trendViewParams } from './useTrendSearchParams';

const LAYERS = [0, 1, 2, 3, 4, 5, 6];
const read = (query: string) =>
  readTrendView(new URLSearchParams(query), LAYERS);

describe('readTrendView', () => {
  it('is the estate over 90 days for an address that says nothing', () => {
    expect(read('')).toEqual({
      subjectKey: 'estate',
      days: 90,
      byLayer: false,
    });
  });

  it('reads a team, as the picker names it, a period and lines per layer', () => {
    expect(
      read(
        'trends.subject=team:team-payments&trends.days=30&trends.byLayer=true',
      ),
    ).toEqual({
      subjectKey: 'team:group:default/team-payments',
      days: 30,
      byLayer: true,
    });
    expect(read('trends.subject=layer:3').subjectKey).toBe('layer:3');
  });

  it.each([
    ['a layer the model lacks', 'trends.subject=layer:99'],
    ['a layer that is no number', 'trends.subject=layer:x'],
    ['a ref that is no Group', 'trends.subject=team:component:default/a'],
    ['a ref that does not parse', 'trends.subject=team:a:b:c'],
    ['an unknown subject', 'trends.subject=galaxy'],
    ['a period not offered', 'trends.days=7'],
    ['lines per layer not said as true', 'trends.byLayer=yes'],
  ])('falls back to the default for %s', (_, query) => {
    expect(read(query)).toEqual(read(''));
  });

  it('takes any layer while the layer model loads', () => {
    const whileLoading = readTrendView(
      new URLSearchParams('trends.subject=layer:7'),
      undefined,
    );
    expect(whileLoading.subjectKey).toBe('layer:7');
    expect(read('trends.subject=layer:7').subjectKey).toBe('estate');
  });
});

describe('trendViewParams', () => {
  it('leaves out the defaults and touches only what changes', () => {
    expect(
      trendViewParams({ subjectKey: 'estate', days: 90, byLayer: false }),
    ).toEqual({
      'trends.subject': undefined,
      'trends.days': undefined,
      'trends.byLayer': undefined,
    });
    expect(trendViewParams({ days: 180 })).toEqual({ 'trends.days': '180' });
  });
});
