import { randomBytes } from 'node:crypto';
import { blowfishInitialState } from './blowfishInitialState';

/**
 * bcrypt, because docker-registry's htpasswd auth accepts nothing else and
 * the repository has no bcrypt package. Slow by design, but the kit uses the
 * lowest cost the registry accepts (4).
 */

const BCRYPT_ALPHABET =
  './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function bcryptBase64(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk =
      (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    for (let shift = 18; shift >= 0; shift -= 6) {
      out += BCRYPT_ALPHABET[(chunk >> shift) & 0x3f];
    }
  }
  return out.slice(0, length);
}

function decodeBcryptBase64(text: string, byteLength: number): Buffer {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = BCRYPT_ALPHABET.indexOf(char);
    if (value < 0) throw new Error(`Not bcrypt base64: '${char}'`);
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes.slice(0, byteLength));
}

class Blowfish {
  private readonly p: Uint32Array;
  private readonly s: Uint32Array;

  constructor() {
    const state = blowfishInitialState();
    this.p = state.subarray(0, 18);
    this.s = state.subarray(18);
  }

  private f(x: number): number {
    const s = this.s;
    return (
      (((s[x >>> 24] + s[256 + ((x >>> 16) & 0xff)]) ^
        s[512 + ((x >>> 8) & 0xff)]) +
        s[768 + (x & 0xff)]) >>>
      0
    );
  }

  encrypt(block: Uint32Array, offset: number) {
    let left = block[offset];
    let right = block[offset + 1];
    for (let i = 0; i < 16; i += 2) {
      left ^= this.p[i];
      right ^= this.f(left);
      right ^= this.p[i + 1];
      left ^= this.f(right);
    }
    block[offset] = (right ^ this.p[17]) >>> 0;
    block[offset + 1] = (left ^ this.p[16]) >>> 0;
  }

  /** The eksblowfish key schedule; without `salt` it is Blowfish's own. */
  expandKey(key: Buffer, salt?: Buffer) {
    let keyPosition = 0;
    const nextKeyWord = () => {
      let word = 0;
      for (let i = 0; i < 4; i++) {
        word = (word << 8) | key[keyPosition];
        keyPosition = (keyPosition + 1) % key.length;
      }
      return word >>> 0;
    };
    let saltPosition = 0;
    const nextSaltWord = () => {
      if (!salt) return 0;
      let word = 0;
      for (let i = 0; i < 4; i++) {
        word = (word << 8) | salt[saltPosition];
        saltPosition = (saltPosition + 1) % salt.length;
      }
      return word >>> 0;
    };
    for (let i = 0; i < 18; i++) this.p[i] ^= nextKeyWord();
    const block = new Uint32Array(2);
    const fill = (target: Uint32Array) => {
      for (let i = 0; i < target.length; i += 2) {
        block[0] ^= nextSaltWord();
        block[1] ^= nextSaltWord();
        this.encrypt(block, 0);
        target[i] = block[0];
        target[i + 1] = block[1];
      }
    };
    fill(this.p);
    fill(this.s);
  }
}

const MAGIC = Buffer.from('OrpheanBeholderScryDoubt');

/**
 * A `$2b$` bcrypt hash of `password`. `salt` is the 22-character bcrypt
 * base64 salt of a known hash, for checking against reference vectors.
 */
export function bcryptHash(
  password: string,
  options: { cost?: number; salt?: string } = {},
): string {
  const cost = options.cost ?? 4;
  if (!Number.isInteger(cost) || cost < 4 || cost > 31) {
    throw new Error(`bcrypt cost must be an integer 4..31, got ${cost}`);
  }
  const salt = options.salt
    ? decodeBcryptBase64(options.salt, 16)
    : randomBytes(16);
  // bcrypt keys are the NUL-terminated password, cut at 72 bytes.
  const key = Buffer.concat([Buffer.from(password), Buffer.from([0])]).subarray(
    0,
    72,
  );

  const blowfish = new Blowfish();
  blowfish.expandKey(key, salt);
  for (let round = 0; round < 2 ** cost; round++) {
    blowfish.expandKey(key);
    blowfish.expandKey(salt);
  }
  const text = new Uint32Array(6);
  for (let i = 0; i < 6; i++) text[i] = MAGIC.readUInt32BE(i * 4);
  for (let round = 0; round < 64; round++) {
    for (let i = 0; i < 6; i += 2) blowfish.encrypt(text, i);
  }
  const digest = Buffer.alloc(24);
  text.forEach((word, i) => digest.writeUInt32BE(word, i * 4));

  return `$2b$${String(cost).padStart(2, '0')}$${bcryptBase64(
    salt,
    22,
  )}${bcryptBase64(digest.subarray(0, 23), 31)}`;
}
