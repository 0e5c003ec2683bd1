import { X509Certificate, createPublicKey, verify } from 'node:crypto';
import { signJwtWithCertificate } from './jwt';
import { createSelfSignedCertificate } from './selfSignedCertificate';

describe('createSelfSignedCertificate', () => {
  it('writes a CA certificate that verifies against its own key', () => {
    const { certificatePem, certificateDer, privateKey } =
      createSelfSignedCertificate({ commonName: 'test-issuer' });
    const certificate = new X509Certificate(certificatePem);
    expect(certificate.raw.equals(certificateDer)).toBe(true);
    expect(certificate.subject).toBe('CN=test-issuer');
    expect(certificate.issuer).toBe('CN=test-issuer');
    expect(certificate.ca).toBe(true);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.checkPrivateKey(privateKey)).toBe(true);
    const now = Date.now();
    expect(Date.parse(certificate.validFrom)).toBeLessThan(now);
    expect(Date.parse(certificate.validTo)).toBeGreaterThan(now);
  });
});

describe('signJwtWithCertificate', () => {
  it('signs ES256 with the certificate in x5c', () => {
    const { certificateDer, privateKey } = createSelfSignedCertificate();
    const token = signJwtWithCertificate(
      { sub: 'me' },
      privateKey,
      certificateDer,
    );
    const [header, claims, signature] = token.split('.');
    const decode = (part: string) =>
      JSON.parse(Buffer.from(part, 'base64url').toString());
    expect(decode(header)).toEqual({
      typ: 'JWT',
      alg: 'ES256',
      x5c: [certificateDer.toString('base64')],
    });
    expect(decode(claims)).toEqual({ sub: 'me' });
    const publicKey = createPublicKey(
      new X509Certificate(certificateDer).publicKey.export({
        type: 'spki',
        format: 'pem',
      }),
    );
    expect(
      verify(
        'sha256',
        Buffer.from(`${header}.${claims}`),
        { key: publicKey, dsaEncoding: 'ieee-p1363' },
        Buffer.from(signature, 'base64url'),
      ),
    ).toBe(true);
  });
});
