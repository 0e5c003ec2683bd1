import {
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import {
  bitString,
  boolean,
  explicit,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  unsignedInteger,
  utcTime,
  utf8String,
} from './der';

export interface SelfSignedCertificate {
  /** PEM, for the registry's `rootcertbundle`. */
  certificatePem: string;
  /** DER, for a token's `x5c` header. */
  certificateDer: Buffer;
  /** The P-256 key the certificate is for; it signed the certificate too. */
  privateKey: KeyObject;
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';
const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';

const name = (commonName: string) =>
  sequence(
    set(sequence(objectIdentifier(COMMON_NAME), utf8String(commonName))),
  );

const extension = (oid: string, critical: boolean, value: Buffer) =>
  sequence(objectIdentifier(oid), boolean(critical), octetString(value));

/**
 * A self-signed CA certificate for a fresh P-256 key. The registry trusts
 * tokens whose `x5c` chain ends in a certificate of its `rootcertbundle`;
 * with this one certificate as both the chain and the bundle, the token
 * server and the registry agree without any PKI tooling.
 */
export function createSelfSignedCertificate(
  options: { commonName?: string; validForDays?: number } = {},
): SelfSignedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  });
  const subject = name(options.commonName ?? 'oci-registry-testkit');
  // Backdated so a registry whose clock is slightly behind still accepts it.
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(
    Date.now() + (options.validForDays ?? 30) * 24 * 60 * 60 * 1000,
  );
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  const signatureAlgorithm = sequence(objectIdentifier(ECDSA_WITH_SHA256));
  const keyUsageDigitalSignatureAndCertSign = bitString(Buffer.from([0x84]), 2);

  const tbsCertificate = sequence(
    explicit(0, smallInteger(2)), // v3, which extensions need
    unsignedInteger(serial),
    signatureAlgorithm,
    subject,
    sequence(utcTime(notBefore), utcTime(notAfter)),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      sequence(
        extension(BASIC_CONSTRAINTS, true, sequence(boolean(true))),
        extension(KEY_USAGE, true, keyUsageDigitalSignatureAndCertSign),
      ),
    ),
  );
  const signature = sign('sha256', tbsCertificate, privateKey);
  const certificateDer = sequence(
    tbsCertificate,
    signatureAlgorithm,
    bitString(signature),
  );
  const base64 = certificateDer.toString('base64').replace(/.{64}/g, '$&\n');
  return {
    certificatePem: `-----BEGIN CERTIFICATE-----\n${base64.replace(
      /\n$/,
      '',
    )}\n-----END CERTIFICATE-----\n`,
    certificateDer,
    privateKey,
  };
}
