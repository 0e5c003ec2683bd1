import { sign, type KeyObject } from 'node:crypto';

const base64url = (data: Buffer | string) =>
  Buffer.from(data).toString('base64url');

/**
 * An ES256 JWT whose header carries the signing certificate in `x5c`, which
 * is how distribution's token auth finds the key without a `kid` computed
 * the libtrust way.
 */
export function signJwtWithCertificate(
  claims: object,
  privateKey: KeyObject,
  certificateDer: Buffer,
): string {
  const header = {
    typ: 'JWT',
    alg: 'ES256',
    x5c: [certificateDer.toString('base64')],
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(
    JSON.stringify(claims),
  )}`;
  // JWS wants r||s, not the DER sequence node:crypto writes by default.
  const signature = sign('sha256', Buffer.from(signingInput), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${signingInput}.${base64url(signature)}`;
}
