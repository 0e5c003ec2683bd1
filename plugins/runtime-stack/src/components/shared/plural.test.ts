import { plural } from './plural';

describe('plural', () => {
  it('adds the "s" for any count but one', () => {
    expect(plural(1, 'service')).toBe('1 service');
    expect(plural(0, 'service')).toBe('0 services');
    expect(plural(2, 'gap')).toBe('2 gaps');
  });
});
