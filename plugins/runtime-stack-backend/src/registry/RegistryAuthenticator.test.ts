import {
  RegistryAuthenticator,
  type TokenEndpointFetch,
} from './RegistryAuthenticator';
import type { RegistryResponse } from './RegistryTransport';

const CHALLENGE =
  'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:team/app:pull"';

const tokenResponse = (body: object, status = 200): RegistryResponse => ({
  status,
  statusText: status === 200 ? 'OK' : 'Unauthorized',
  headers: new Headers(),
  body: Buffer.from(JSON.stringify(body)),
  url: new URL('https://auth.example.com/token'),
});

function setup(auth = { username: 'robot', password: 's3cret' }) {
  let now = 1_000_000;
  let issued = 0;
  const fetchToken = jest.fn<
    ReturnType<TokenEndpointFetch>,
    Parameters<TokenEndpointFetch>
  >(async () => tokenResponse({ token: `token-${++issued}`, expires_in: 100 }));
  const authenticator = new RegistryAuthenticator(auth, fetchToken, () => now);
  return {
    authenticator,
    fetchToken,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('RegistryAuthenticator', () => {
  it('sends nothing before a challenge, then fetches a token per scope', async () => {
    const { authenticator, fetchToken } = setup();
    expect(
      await authenticator.authorization('repository:team/app:pull'),
    ).toBeUndefined();
    expect(
      authenticator.onUnauthorized(
        CHALLENGE,
        'repository:team/app:pull',
        undefined,
      ),
    ).toBe(true);

    expect(await authenticator.authorization('repository:team/app:pull')).toBe(
      'Bearer token-1',
    );
    expect(await authenticator.authorization('repository:team/app:pull')).toBe(
      'Bearer token-1',
    );
    expect(
      await authenticator.authorization('repository:team/other:pull'),
    ).toBe('Bearer token-2');
    expect(fetchToken).toHaveBeenCalledTimes(2);

    const [url, authorization] = fetchToken.mock.calls[0];
    expect(url.toString()).toBe(
      'https://auth.example.com/token?service=registry.example.com&scope=repository%3Ateam%2Fapp%3Apull',
    );
    expect(authorization).toBe(
      `Basic ${Buffer.from('robot:s3cret').toString('base64')}`,
    );
  });

  it('renews a token before it expires', async () => {
    const { authenticator, fetchToken, advance } = setup();
    authenticator.onUnauthorized(CHALLENGE, 's', undefined);
    expect(await authenticator.authorization('s')).toBe('Bearer token-1');
    advance(89_000);
    expect(await authenticator.authorization('s')).toBe('Bearer token-1');
    advance(2_000);
    expect(await authenticator.authorization('s')).toBe('Bearer token-2');
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('fetches one token for concurrent requests of a scope', async () => {
    const { authenticator, fetchToken } = setup();
    authenticator.onUnauthorized(CHALLENGE, 's', undefined);
    const headers = await Promise.all(
      Array.from({ length: 5 }, () => authenticator.authorization('s')),
    );
    expect(new Set(headers)).toEqual(new Set(['Bearer token-1']));
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('drops a refused token and accepts access_token', async () => {
    const { authenticator, fetchToken } = setup();
    fetchToken.mockResolvedValueOnce(
      tokenResponse({ access_token: 'only-access' }),
    );
    authenticator.onUnauthorized(CHALLENGE, 's', undefined);
    expect(await authenticator.authorization('s')).toBe('Bearer only-access');
    authenticator.onUnauthorized(CHALLENGE, 's', 'Bearer only-access');
    expect(await authenticator.authorization('s')).toBe('Bearer token-1');
  });

  it('uses Basic credentials once for a Basic challenge', async () => {
    const { authenticator } = setup();
    expect(
      authenticator.onUnauthorized('Basic realm="r"', 's', undefined),
    ).toBe(true);
    const basic = await authenticator.authorization('s');
    expect(basic).toBe(
      `Basic ${Buffer.from('robot:s3cret').toString('base64')}`,
    );
    expect(authenticator.onUnauthorized('Basic realm="r"', 's', basic)).toBe(
      false,
    );
  });

  it('sends a static token as is and never retries it', async () => {
    const { fetchToken } = setup();
    const authenticator = new RegistryAuthenticator(
      { token: 'static' },
      fetchToken,
    );
    expect(await authenticator.authorization('s')).toBe('Bearer static');
    expect(authenticator.onUnauthorized(CHALLENGE, 's', 'Bearer static')).toBe(
      false,
    );
    expect(fetchToken).not.toHaveBeenCalled();
  });

  it('fails with the token endpoint named and no secrets', async () => {
    const { authenticator, fetchToken } = setup();
    fetchToken.mockResolvedValueOnce(tokenResponse({ details: 'nope' }, 401));
    authenticator.onUnauthorized(CHALLENGE, 's', undefined);
    const error = await authenticator.authorization('s').catch(e => e);
    expect(error.name).toBe('RegistryRequestError');
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      'GET auth.example.com/token answered 401: token request refused (Unauthorized)',
    );
    expect(error.message).not.toContain('s3cret');
  });

  it('ignores challenges it cannot use', () => {
    const { authenticator } = setup();
    expect(authenticator.onUnauthorized(null, 's', undefined)).toBe(false);
    expect(
      authenticator.onUnauthorized('Bearer realm="ftp://x"', 's', undefined),
    ).toBe(false);
    expect(
      new RegistryAuthenticator(undefined, jest.fn()).onUnauthorized(
        'Basic realm="r"',
        's',
        undefined,
      ),
    ).toBe(false);
  });
});
