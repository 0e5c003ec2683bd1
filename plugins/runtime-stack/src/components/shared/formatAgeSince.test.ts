import { englishT } from '../../__testUtils__/translations';
import { formatAge } from './formatAge';
import { formatAgeSince as withT } from './formatAgeSince';

const formatAgeSince = (iso: string, now: number) => withT(englishT, iso, now);

describe('formatAgeSince', () => {
  const now = Date.parse('2026-11-23T10:00:00.000Z');

  it('says how long ago a timestamp was', () => {
    expect(formatAgeSince('2026-11-23T09:55:00.000Z', now)).toBe('5 min');
    expect(formatAgeSince('2026-11-21T10:00:00.000Z', now)).toBe('2 days');
  });

  it('gives nothing for a timestamp that does not parse', () => {
    expect(formatAgeSince('yesterday', now)).toBeUndefined();
  });
});

describe('formatAge', () => {
  it.each([
    [12, '12 s'],
    [240, '4 min'],
    [7200, '2 h'],
    [3 * 86400, '3 days'],
  ])('%d s reads %s', (seconds, text) => {
    expect(formatAge(englishT, seconds)).toBe(text);
  });
});
