import { formatAgeSince } from './formatAgeSince';

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
