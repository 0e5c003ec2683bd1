import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateTestPki, type KeyPairPem } from './testPki';

const DAY_MS = 24 * 3600_000;

/**
 * The serving certificate in `dir`, made there with its CA when missing or
 * about to expire, so clients given `ca.crt` keep trusting the clusters
 * across restarts.
 */
export async function serverCertificate(dir: string): Promise<KeyPairPem> {
  const files = {
    ca: join(dir, 'ca.crt'),
    cert: join(dir, 'tls.crt'),
    key: join(dir, 'tls.key'),
  };
  try {
    await readFile(files.ca);
    const cert = await readFile(files.cert, 'utf8');
    const key = await readFile(files.key, 'utf8');
    const validTo = Date.parse(new X509Certificate(cert).validTo);
    if (validTo - Date.now() > 7 * DAY_MS) return { cert, key };
  } catch {
    // Missing or unreadable: made below.
  }
  const pki = generateTestPki({ user: 'runtime-stack' }, { validDays: 365 });
  await mkdir(dir, { recursive: true });
  await writeFile(files.key, pki.server.key, { mode: 0o600 });
  await writeFile(files.cert, pki.server.cert);
  // Last: a CA file means the pair beside it is complete.
  await writeFile(files.ca, pki.ca.cert);
  return pki.server;
}
