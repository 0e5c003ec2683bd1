import { generateKeyPairSync, sign } from 'node:crypto';
import forge from 'node-forge';

/** A PEM certificate and its private key. */
export interface KeyPairPem {
  cert: string;
  key: string;
}

/**
 * A cluster's certificates as a kubeadm cluster has them: a CA, the API
 * server's serving certificate for 127.0.0.1 and localhost, and a client
 * certificate whose subject is the user (CN) and its groups (O).
 */
export interface TestPki {
  ca: KeyPairPem;
  server: KeyPairPem;
  client: KeyPairPem;
}

type Attributes = forge.pki.CertificateField[];

/**
 * Keys are made and certificates signed by Node's crypto; node-forge only
 * lays out the certificates. Its own RSA arithmetic takes seconds per key
 * under Jest.
 */
function rsaKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKey: forge.pki.publicKeyFromPem(publicKey), privateKey };
}

/** What forge's `cert.sign` does, with the signature made natively. */
function signCertificate(cert: forge.pki.Certificate, privateKeyPem: string) {
  const sha256WithRsa = forge.pki.oids.sha256WithRSAEncryption;
  cert.signatureOid = sha256WithRsa;
  // @types/node-forge leaves out the parts the encoder reads.
  const writable = cert as forge.pki.Certificate & {
    tbsCertificate: forge.asn1.Asn1;
  };
  const { getTBSCertificate } = forge.pki as typeof forge.pki & {
    getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1;
  };
  cert.siginfo.algorithmOid = sha256WithRsa;
  writable.tbsCertificate = getTBSCertificate(cert);
  const tbs = Buffer.from(
    forge.asn1.toDer(writable.tbsCertificate).getBytes(),
    'binary',
  );
  cert.signature = sign('sha256', tbs, privateKeyPem).toString('binary');
}

function issue(options: {
  validDays: number;
  subject: Attributes;
  issuer?: { cert: forge.pki.Certificate; key: string };
  extensions: object[];
  serial: string;
}) {
  const keys = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = options.serial;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(
    Date.now() + options.validDays * 24 * 3600_000,
  );
  cert.setSubject(options.subject);
  cert.setIssuer(
    options.issuer ? options.issuer.cert.subject.attributes : options.subject,
  );
  cert.setExtensions(options.extensions);
  signCertificate(cert, options.issuer?.key ?? keys.privateKey);
  return { cert, key: keys.privateKey };
}

const pem = (pair: {
  cert: forge.pki.Certificate;
  key: string;
}): KeyPairPem => ({
  cert: forge.pki.certificateToPem(pair.cert),
  key: pair.key,
});

/** The extensions of a certificate the CA signs for a server or a client. */
const leafExtensions = (
  extKeyUsage: { serverAuth: true } | { clientAuth: true },
) => [
  { name: 'basicConstraints', cA: false },
  { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
  { name: 'extKeyUsage', ...extKeyUsage },
];

/**
 * Makes a fresh PKI for one test cluster: RSA 2048 keys, certificates
 * valid for `validDays` (default 1).
 */
export function generateTestPki(
  clientSubject: { user: string; groups?: string[] } = {
    user: 'runtime-stack',
  },
  { validDays = 1 }: { validDays?: number } = {},
): TestPki {
  const ca = issue({
    validDays,
    subject: [{ name: 'commonName', value: 'fake-kube-ca' }],
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true },
    ],
    serial: '01',
  });
  const server = issue({
    validDays,
    subject: [{ name: 'commonName', value: 'kube-apiserver' }],
    issuer: ca,
    extensions: [
      ...leafExtensions({ serverAuth: true }),
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
    serial: '02',
  });
  const client = issue({
    validDays,
    subject: [
      { name: 'commonName', value: clientSubject.user },
      ...(clientSubject.groups ?? []).map(group => ({
        name: 'organizationName',
        value: group,
      })),
    ],
    issuer: ca,
    extensions: leafExtensions({ clientAuth: true }),
    serial: '03',
  });
  return { ca: pem(ca), server: pem(server), client: pem(client) };
}
