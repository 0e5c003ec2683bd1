import { latestEvaluationOf } from './latestEvaluationOf';

describe('latestEvaluationOf', () => {
  it('takes the most recent evaluation, whatever the order', () => {
    expect(
      latestEvaluationOf([
        { evaluatedAt: '2026-12-04T10:00:00.000Z' },
        { evaluatedAt: '2026-12-05T08:00:00.000Z' },
        { evaluatedAt: '2026-12-01T23:00:00.000Z' },
      ]),
    ).toBe('2026-12-05T08:00:00.000Z');
  });

  it('has none for no services', () => {
    expect(latestEvaluationOf([])).toBeUndefined();
  });
});
