import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { verifyAwsIamToken, type AwsIamIdentity } from './awsIamAuthenticator';
import { startFakeKubeApiServer } from './server';

const identity: AwsIamIdentity = {
  clusterId: 'prod-eks',
  accessKeyId: 'AKIAFAKEEXAMPLE',
  secretAccessKey: 'fake/secret/key',
};

/** A token as `aws eks get-token` makes it: a presigned GetCallerIdentity. */
async function eksToken(options: {
  clusterId?: string;
  secretAccessKey?: string;
  region?: string;
  signingDate?: Date;
  host?: string;
}): Promise<string> {
  const region = options.region ?? 'eu-west-1';
  const host = options.host ?? `sts.${region}.amazonaws.com`;
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: identity.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? identity.secretAccessKey,
    },
    region,
    service: 'sts',
    sha256: Sha256,
  });
  const request = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname: host,
      path: '/',
      headers: {
        host,
        'x-k8s-aws-id': options.clusterId ?? identity.clusterId,
      },
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    },
    { expiresIn: 60, signingDate: options.signingDate },
  );
  const query = new URLSearchParams(
    request.query as Record<string, string>,
  ).toString();
  return `k8s-aws-v1.${Buffer.from(`https://${host}/?${query}`).toString(
    'base64url',
  )}`;
}

describe('verifyAwsIamToken', () => {
  it('accepts a token signed by the identity for this cluster', async () => {
    expect(verifyAwsIamToken(await eksToken({}), identity)).toBeUndefined();
    expect(
      verifyAwsIamToken(await eksToken({ region: 'us-east-1' }), identity),
    ).toBeUndefined();
  });

  it('refuses a token signed for another cluster', async () => {
    expect(
      verifyAwsIamToken(await eksToken({ clusterId: 'staging-eks' }), identity),
    ).toMatch(/signature does not match/);
  });

  it('refuses a token signed with another secret', async () => {
    expect(
      verifyAwsIamToken(await eksToken({ secretAccessKey: 'other' }), identity),
    ).toMatch(/signature does not match/);
  });

  it('refuses a token older than fifteen minutes', async () => {
    const signingDate = new Date(Date.now() - 16 * 60 * 1000);
    expect(verifyAwsIamToken(await eksToken({ signingDate }), identity)).toBe(
      'the token has expired',
    );
  });

  it('refuses a URL that is not STS, and text that is not a token', async () => {
    expect(
      verifyAwsIamToken(await eksToken({ host: 'sts.example.com' }), identity),
    ).toMatch(/not an STS URL/);
    expect(verifyAwsIamToken('k8s-aws-v1.bm90IGEgdXJs', identity)).toBe(
      'the token is not a URL',
    );
    expect(verifyAwsIamToken('fake-token', identity)).toBe(
      'not a k8s-aws-v1 token',
    );
  });
});

describe('the server with awsIam and anonymous access', () => {
  it('serves EKS tokens of its identity and refuses others with 401', async () => {
    const server = await startFakeKubeApiServer({ awsIam: identity });
    try {
      const get = async (token: string) =>
        (
          await fetch(`${server.url}/api/v1/pods`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).status;
      expect(await get(await eksToken({}))).toBe(200);
      expect(await get(await eksToken({ clusterId: 'other' }))).toBe(401);
      expect(await get(server.token)).toBe(200);
      expect((await fetch(`${server.url}/api/v1/pods`)).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it('serves requests without credentials only when anonymous', async () => {
    const server = await startFakeKubeApiServer({ anonymous: true });
    try {
      expect((await fetch(`${server.url}/api/v1/pods`)).status).toBe(200);
      const wrong = await fetch(`${server.url}/api/v1/pods`, {
        headers: { authorization: 'Bearer nope' },
      });
      expect(wrong.status).toBe(401);
    } finally {
      await server.close();
    }
  });
});
