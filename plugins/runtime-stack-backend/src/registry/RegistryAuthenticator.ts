import { parseAuthChallenges } from './authChallenge';
import type { RegistryResponse } from './RegistryTransport';
import { RegistryRequestError } from './RegistryRequestError';

export interface RegistryAuth {
  username?: string;
  password?: string;
  /** A bearer token sent as is, e.g. one issued out of band. */
  token?: string;
}

/** Fetches a token endpoint URL with an optional Authorization header. */
export type TokenEndpointFetch = (
  url: URL,
  authorization: string | undefined,
) => Promise<RegistryResponse>;

type LearnedChallenge =
  | { scheme: 'bearer'; realm: URL; service?: string }
  | { scheme: 'basic' };

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** The Docker token spec's default when `expires_in` is absent. */
const DEFAULT_TOKEN_SECONDS = 60;

/**
 * Decides the Authorization header of registry requests. It learns the
 * scheme from the first 401 and afterwards authorises up front, so a client
 * pays for the challenge once, not per request. Bearer tokens are cached
 * per scope until shortly before they expire.
 */
export class RegistryAuthenticator {
  private challenge: LearnedChallenge | undefined;
  private readonly tokens = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly auth: RegistryAuth | undefined,
    private readonly fetchTokenEndpoint: TokenEndpointFetch,
    private readonly now: () => number = Date.now,
  ) {}

  private basicAuthorization(): string | undefined {
    const { username, password } = this.auth ?? {};
    if (username === undefined || password === undefined) return undefined;
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  /** The header for a request that needs `scope`, if any is known to help. */
  async authorization(scope: string | undefined): Promise<string | undefined> {
    if (this.auth?.token) return `Bearer ${this.auth.token}`;
    if (!this.challenge) return undefined;
    if (this.challenge.scheme === 'basic') return this.basicAuthorization();
    const cached = await this.tokenFor(this.challenge, scope ?? '');
    return `Bearer ${cached.token}`;
  }

  /**
   * Learns from a 401's `WWW-Authenticate`; true when sending the request
   * again with what was learned may succeed.
   */
  onUnauthorized(
    header: string | null,
    scope: string | undefined,
    sentAuthorization: string | undefined,
  ): boolean {
    // A static token that was refused will be refused again.
    if (this.auth?.token) return false;
    const challenges = parseAuthChallenges(header);
    const bearer = challenges.find(
      c => c.scheme === 'bearer' && c.parameters.realm,
    );
    if (bearer) {
      let realm: URL;
      try {
        realm = new URL(bearer.parameters.realm);
      } catch {
        return false;
      }
      if (realm.protocol !== 'https:' && realm.protocol !== 'http:') {
        return false;
      }
      this.challenge = {
        scheme: 'bearer',
        realm,
        service: bearer.parameters.service,
      };
      // The token sent, if any, was refused: do not offer it again.
      this.tokens.delete(scope ?? '');
      return true;
    }
    if (challenges.some(c => c.scheme === 'basic')) {
      this.challenge = { scheme: 'basic' };
      return (
        this.basicAuthorization() !== undefined &&
        !sentAuthorization?.startsWith('Basic ')
      );
    }
    return false;
  }

  private async tokenFor(
    challenge: Extract<LearnedChallenge, { scheme: 'bearer' }>,
    scope: string,
  ): Promise<CachedToken> {
    const pending = this.tokens.get(scope);
    if (pending) {
      const cached = await pending.catch(() => undefined);
      if (cached && cached.expiresAt > this.now()) return cached;
      if (this.tokens.get(scope) === pending) this.tokens.delete(scope);
      else return this.tokenFor(challenge, scope);
    }
    // Shared, so concurrent requests for one scope fetch one token.
    const fetching = this.fetchToken(challenge, scope);
    this.tokens.set(scope, fetching);
    fetching.catch(() => {
      if (this.tokens.get(scope) === fetching) this.tokens.delete(scope);
    });
    return fetching;
  }

  private async fetchToken(
    challenge: Extract<LearnedChallenge, { scheme: 'bearer' }>,
    scope: string,
  ): Promise<CachedToken> {
    const url = new URL(challenge.realm);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    if (scope) url.searchParams.set('scope', scope);
    const requestedAt = this.now();
    const response = await this.fetchTokenEndpoint(
      url,
      this.basicAuthorization(),
    );
    const fail = (reason: string) =>
      new RegistryRequestError({
        method: 'GET',
        url,
        status: response.status,
        reason,
        includeQuery: false,
      });
    if (response.status !== 200) {
      throw fail(
        `token request refused (${response.statusText || 'no token'})`,
      );
    }
    let body: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(response.body.toString());
    } catch {
      throw fail('token response is not JSON');
    }
    const token = body.token ?? body.access_token;
    if (typeof token !== 'string' || !token) {
      throw fail('token response holds no token');
    }
    const seconds =
      typeof body.expires_in === 'number' && body.expires_in > 0
        ? body.expires_in
        : DEFAULT_TOKEN_SECONDS;
    // Renewed a little early, so a token does not expire in flight.
    return { token, expiresAt: requestedAt + seconds * 1000 * 0.9 };
  }
}
