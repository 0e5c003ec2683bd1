import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestPki } from './testPki';
import { serverCertificate } from './tlsDir';

describe('serverCertificate', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fake-kube-tls-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('makes a CA and a serving certificate it signed, once', async () => {
    const first = await serverCertificate(join(dir, 'tls'));
    const ca = new X509Certificate(await readFile(join(dir, 'tls/ca.crt')));
    const cert = new X509Certificate(first.cert);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(Date.parse(cert.validTo) - Date.now()).toBeGreaterThan(
      300 * 24 * 3600_000,
    );

    // A restart keeps them, so clients given ca.crt still trust it.
    expect(await serverCertificate(join(dir, 'tls'))).toEqual(first);
  });

  it('makes them again when the certificate expires within a week, or the CA is gone', async () => {
    const shortLived = generateTestPki(undefined, { validDays: 3 });
    await writeFile(join(dir, 'ca.crt'), shortLived.ca.cert);
    await writeFile(join(dir, 'tls.crt'), shortLived.server.cert);
    await writeFile(join(dir, 'tls.key'), shortLived.server.key);
    const renewed = await serverCertificate(dir);
    expect(renewed.cert).not.toEqual(shortLived.server.cert);

    await rm(join(dir, 'ca.crt'));
    const again = await serverCertificate(dir);
    expect(again.cert).not.toEqual(renewed.cert);
    expect(await readFile(join(dir, 'ca.crt'), 'utf8')).toContain(
      'BEGIN CERTIFICATE',
    );
  });
});
