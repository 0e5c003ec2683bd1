import { basicAuthorization } from './basicCredentials';

export type PushAuth =
  | { username: string; password: string }
  | { bearer: string };

/**
 * HTTP to one repository of a registry, with the credentials a push needs:
 * Basic or a static bearer token sent up front, or Basic credentials traded
 * for a `pull,push` token when the registry challenges for one.
 */
export class PushSession {
  private authorization: string | undefined;
  private triedTokenExchange = false;

  constructor(
    private readonly registryUrl: string,
    private readonly repository: string,
    private readonly auth?: PushAuth,
  ) {
    if (auth && 'bearer' in auth) this.authorization = `Bearer ${auth.bearer}`;
    else if (auth) {
      this.authorization = basicAuthorization(auth.username, auth.password);
    }
  }

  /** `pathOrUrl` is a registry path (`/v2/…`) or an absolute upload URL. */
  async request(
    method: string,
    pathOrUrl: string,
    init: { headers?: Record<string, string>; body?: Buffer } = {},
  ): Promise<Response> {
    const url = new URL(pathOrUrl, this.registryUrl);
    const send = () =>
      fetch(url, {
        method,
        headers: {
          ...init.headers,
          ...(this.authorization ? { authorization: this.authorization } : {}),
        },
        // A Buffer may sit on a SharedArrayBuffer, which fetch's types reject.
        body: init.body && new Uint8Array(init.body),
        signal: AbortSignal.timeout(30_000),
      });
    const response = await send();
    if (response.status !== 401 || this.triedTokenExchange) return response;
    const challenge = response.headers.get('www-authenticate') ?? '';
    if (!/^Bearer\s/i.test(challenge)) return response;
    await response.arrayBuffer();
    this.triedTokenExchange = true;
    this.authorization = `Bearer ${await this.fetchToken(challenge)}`;
    return send();
  }

  private async fetchToken(challenge: string): Promise<string> {
    const parameters = Object.fromEntries(
      [...challenge.matchAll(/(\w+)="([^"]*)"/g)].map(m => [m[1], m[2]]),
    );
    if (!parameters.realm) {
      throw new Error(`Bearer challenge without realm: ${challenge}`);
    }
    const tokenUrl = new URL(parameters.realm);
    if (parameters.service) {
      tokenUrl.searchParams.set('service', parameters.service);
    }
    tokenUrl.searchParams.set(
      'scope',
      `repository:${this.repository}:pull,push`,
    );
    const response = await fetch(tokenUrl, {
      headers:
        this.auth && 'username' in this.auth
          ? {
              authorization: basicAuthorization(
                this.auth.username,
                this.auth.password,
              ),
            }
          : {},
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
      throw new Error(
        `Token request to ${tokenUrl.host}${tokenUrl.pathname} failed: ${response.status}`,
      );
    }
    const body = (await response.json()) as {
      token?: string;
      access_token?: string;
    };
    const token = body.token ?? body.access_token;
    if (!token) throw new Error('Token response without a token');
    return token;
  }
}
