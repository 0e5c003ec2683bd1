/**
 * Blowfish starts from the hexadecimal digits of pi's fractional part: 18
 * words for the P-array, then 4 × 256 words for the S-boxes. Computing them
 * (Machin's formula on BigInts, well under a second) beats pasting 1,042
 * constants into the source.
 */

const WORDS = 18 + 4 * 256;
const GUARD_BITS = 64n;

function arctanOfInverse(x: bigint, one: bigint): bigint {
  const xSquared = x * x;
  let power = one / x;
  let sum = power;
  for (let k = 1n; power !== 0n; k++) {
    power /= xSquared;
    const term = power / (2n * k + 1n);
    sum += k % 2n === 1n ? -term : term;
  }
  return sum;
}

let cached: Uint32Array | undefined;

/** The P-array followed by the four S-boxes, as Blowfish initialises them. */
export function blowfishInitialState(): Uint32Array {
  if (!cached) {
    const bits = BigInt(WORDS * 32) + GUARD_BITS;
    const one = 1n << bits;
    const pi = 16n * arctanOfInverse(5n, one) - 4n * arctanOfInverse(239n, one);
    const fraction = (pi - 3n * one) >> GUARD_BITS;
    const words = new Uint32Array(WORDS);
    for (let i = 0; i < WORDS; i++) {
      words[i] = Number(
        (fraction >> BigInt((WORDS - 1 - i) * 32)) & 0xffffffffn,
      );
    }
    cached = words;
  }
  return cached.slice();
}
