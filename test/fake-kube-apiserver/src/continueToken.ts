import { badRequest } from './status';

/** Where the next page of a list starts, and which snapshot it reads. */
export interface ContinuePosition {
  /** The resourceVersion of the list's first page; later pages read that snapshot. */
  resourceVersion: number;
  /** The last object already returned. */
  after: { namespace: string; name: string };
}

/**
 * The same shape kube-apiserver puts in `metadata.continue`: base64 JSON
 * holding the snapshot revision and the key to resume after. Clients must
 * treat it as opaque, and the tests check that they do.
 */
export function encodeContinue(position: ContinuePosition): string {
  const { namespace, name } = position.after;
  const start = `${namespace ? `${namespace}/` : ''}${name}\u0000`;
  return Buffer.from(
    JSON.stringify({
      v: 'meta.k8s.io/v1',
      rv: position.resourceVersion,
      start,
    }),
  ).toString('base64url');
}

export function decodeContinue(token: string): ContinuePosition {
  const invalid = (why: string) =>
    badRequest(`continue key is not valid: ${why}`);
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(token)) {
    throw invalid('illegal base64 data');
  }
  let decoded: { v?: unknown; rv?: unknown; start?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a JSON continue key');
  }
  if (decoded?.v !== 'meta.k8s.io/v1') {
    throw invalid('server does not recognize this encoded key version');
  }
  const { rv, start } = decoded;
  if (typeof rv !== 'number' || !Number.isInteger(rv) || rv <= 0) {
    throw invalid(
      'incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
  if (
    typeof start !== 'string' ||
    !start.endsWith('\u0000') ||
    start.length < 2
  ) {
    throw invalid('encoded start key is not valid');
  }
  const key = start.slice(0, -1);
  const parts = key.split('/');
  if (parts.length > 2 || parts.some(part => part === '')) {
    throw invalid('encoded start key is not valid');
  }
  return {
    resourceVersion: rv,
    after:
      parts.length === 2
        ? { namespace: parts[0], name: parts[1] }
        : { namespace: '', name: parts[0] },
  };
}
