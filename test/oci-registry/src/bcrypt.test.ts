import { bcryptHash } from './bcrypt';

describe('bcryptHash', () => {
  // Vectors of OpenBSD's bcrypt, as libxcrypt computes them.
  it.each([
    ['', 6, 'DCq7YPn5Rq63x1Lad4cll.', 'TV4S6ytwfsfvkgY8jIucDrjc8deX1s.'],
    ['a', 6, 'm0CrhHm10qJ3lXRY.5zDGO', '3rS2KdeeWLuGmsfGlMfOxih58VYVfxe'],
    ['abc', 6, 'If6bvum7DFjUnE9p2uDeDu', '0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i'],
    ['U*U', 5, 'CCCCCCCCCCCCCCCCCCCCC.', 'E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'],
    [
      'pässwörd',
      4,
      'abcdefghijklmnopqrstuu',
      'yx2n0Zzopyr9QuYTMCfOJJOj526QVoC',
    ],
  ])('hashes %j like the reference', (password, cost, salt, hash) => {
    expect(bcryptHash(password, { cost, salt })).toBe(
      `$2b$0${cost}$${salt}${hash}`,
    );
  });

  it('uses only the first 72 bytes of a password', () => {
    const salt = 'abcdefghijklmnopqrstuu';
    expect(bcryptHash('x'.repeat(80), { cost: 4, salt })).toBe(
      bcryptHash('x'.repeat(72), { cost: 4, salt }),
    );
  });

  it('salts randomly and defaults to the cheapest cost', () => {
    const first = bcryptHash('secret');
    expect(first).toMatch(/^\$2b\$04\$[./A-Za-z0-9]{53}$/);
    expect(bcryptHash('secret')).not.toBe(first);
  });

  it('rejects costs the registry would not accept', () => {
    expect(() => bcryptHash('x', { cost: 3 })).toThrow(/cost must be/);
  });
});
