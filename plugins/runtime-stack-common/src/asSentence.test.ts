import { asSentence } from './asSentence';

describe('asSentence', () => {
  it('capitalises and ends a phrase, and leaves a finished sentence alone', () => {
    expect(asSentence('add alert rules')).toBe('Add alert rules.');
    expect(asSentence(' No queues until the rewrite! ')).toBe(
      'No queues until the rewrite!',
    );
    expect(asSentence('Done.')).toBe('Done.');
    expect(asSentence('  ')).toBe('');
  });
});
