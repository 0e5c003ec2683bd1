import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The IAM identity an EKS-like fake accepts, and the cluster it is. */
export interface AwsIamIdentity {
  /** What clients sign as the `x-k8s-aws-id` header: the EKS cluster name. */
  clusterId: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const TOKEN_PREFIX = 'k8s-aws-v1.';
/** How long EKS honours a token after it was signed. */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;
const STS_HOST = /^sts(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;
const EMPTY_BODY_SHA256 = createHash('sha256').update('').digest('hex');

const rfc3986 = (text: string) =>
  encodeURIComponent(text).replace(
    /[!'()*]/g,
    ch => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );

const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();

/** `20261204T181500Z` as a time. */
function parseAmzDate(value: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return NaN;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/**
 * Checks an EKS bearer token the way the cluster's aws-iam-authenticator
 * and STS together do: `k8s-aws-v1.` and a base64url presigned
 * `sts:GetCallerIdentity` URL, signed with SigV4 over the `host` and
 * `x-k8s-aws-id` headers, the latter naming this cluster, no older than
 * fifteen minutes. The signature is recomputed here with the identity's
 * secret, which is what STS does on the authenticator's call. Returns why a
 * token is refused, or undefined when it is good.
 */
export function verifyAwsIamToken(
  token: string,
  identity: AwsIamIdentity,
  now = Date.now(),
): string | undefined {
  if (!token.startsWith(TOKEN_PREFIX)) return 'not a k8s-aws-v1 token';
  let url: URL;
  try {
    url = new URL(
      Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString(),
    );
  } catch {
    return 'the token is not a URL';
  }
  if (url.protocol !== 'https:' || !STS_HOST.test(url.hostname)) {
    return `not an STS URL: ${url.origin}`;
  }
  const query = url.searchParams;
  if (
    url.pathname !== '/' ||
    query.get('Action') !== 'GetCallerIdentity' ||
    query.get('Version') !== '2011-06-15'
  ) {
    return 'not a GetCallerIdentity request';
  }
  if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    return 'not signed with AWS4-HMAC-SHA256';
  }
  const signedHeaders = query.get('X-Amz-SignedHeaders') ?? '';
  if (signedHeaders !== 'host;x-k8s-aws-id') {
    return `signed headers are '${signedHeaders}', not host;x-k8s-aws-id`;
  }
  const [accessKeyId, date, region, service, terminator] = (
    query.get('X-Amz-Credential') ?? ''
  ).split('/');
  if (accessKeyId !== identity.accessKeyId) {
    return `unknown access key ${accessKeyId}`;
  }
  if (service !== 'sts' || terminator !== 'aws4_request') {
    return 'the credential scope is not sts';
  }
  const amzDate = query.get('X-Amz-Date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (!amzDate.startsWith(date) || Number.isNaN(signedAt)) {
    return 'X-Amz-Date does not match the credential scope';
  }
  if (now - signedAt > TOKEN_LIFETIME_MS) return 'the token has expired';

  const canonicalQuery = [...query.entries()]
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => [rfc3986(key), rfc3986(value)])
    .sort(([a], [b]) => Number(a > b) - Number(a < b))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonicalRequest = [
    'GET',
    '/',
    canonicalQuery,
    `host:${url.host}\nx-k8s-aws-id:${identity.clusterId}\n`,
    signedHeaders,
    EMPTY_BODY_SHA256,
  ].join('\n');
  const scope = `${date}/${region}/sts/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  let key = hmac(`AWS4${identity.secretAccessKey}`, date);
  for (const part of [region, 'sts', 'aws4_request']) key = hmac(key, part);
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(query.get('X-Amz-Signature') ?? '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'the signature does not match (wrong secret, or signed for another cluster)';
  }
  return undefined;
}
