import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBasicCredentials } from './basicCredentials';
import { signJwtWithCertificate } from './jwt';
import { createSelfSignedCertificate } from './selfSignedCertificate';

/** What a token lets its bearer do, as distribution's tokens say it. */
export interface TokenAccess {
  type: string;
  name: string;
  actions: string[];
}

export interface TokenRequest {
  service?: string;
  scopes: string[];
  /** The user who authenticated with Basic credentials, if any. */
  username?: string;
  granted: boolean;
}

export interface TokenServer {
  /** The token endpoint, the `realm` of the registry's challenge. */
  realm: string;
  service: string;
  issuer: string;
  /** The certificate tokens are signed for, for `rootcertbundle`. */
  certificatePem: string;
  /** Every token request so far, for asserting on caching. */
  requests: TokenRequest[];
  /** A token for this access, e.g. for a client given a static token. */
  issueToken(
    access: TokenAccess[],
    options?: { expiresInSeconds?: number },
  ): string;
  stop(): Promise<void>;
}

export interface TokenServerOptions {
  /** Users that may ask for tokens; without any, everyone gets one. */
  users?: Array<{ username: string; password: string }>;
  service?: string;
  issuer?: string;
  /** `expires_in` of issued tokens. Default 300. */
  expiresInSeconds?: number;
}

/** `repository:name:pull,push` → access; the name may hold ':' (a port). */
function parseScope(scope: string): TokenAccess | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || first === last) return undefined;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope
      .slice(last + 1)
      .split(',')
      .filter(Boolean),
  };
}

function isAuthorized(
  request: IncomingMessage,
  users: TokenServerOptions['users'],
): { ok: boolean; username?: string } {
  const credentials = readBasicCredentials(request.headers.authorization);
  if (!users?.length) return { ok: true, username: credentials?.username };
  const ok = users.some(
    u =>
      u.username === credentials?.username &&
      u.password === credentials?.password,
  );
  return { ok, username: ok ? credentials?.username : undefined };
}

/**
 * A token server for docker-registry's `auth.token`, speaking the protocol
 * of the Docker token spec: `GET realm?service=…&scope=…` with optional
 * Basic credentials, answering `{token, access_token, expires_in}`. Every
 * authenticated user is granted every action asked for.
 */
export async function startTokenServer(
  options: TokenServerOptions = {},
): Promise<TokenServer> {
  const service = options.service ?? 'oci-registry-testkit';
  const issuer = options.issuer ?? 'oci-registry-testkit-token-server';
  const defaultExpiry = options.expiresInSeconds ?? 300;
  const { certificatePem, certificateDer, privateKey } =
    createSelfSignedCertificate({ commonName: issuer });
  const requests: TokenRequest[] = [];

  const issueToken = (
    access: TokenAccess[],
    tokenOptions: { expiresInSeconds?: number; subject?: string } = {},
  ) => {
    const now = Math.floor(Date.now() / 1000);
    return signJwtWithCertificate(
      {
        iss: issuer,
        sub: tokenOptions.subject ?? '',
        aud: service,
        // Leeway for clocks, as real token servers give.
        nbf: now - 10,
        iat: now,
        exp: now + (tokenOptions.expiresInSeconds ?? defaultExpiry),
        jti: randomUUID(),
        access,
      },
      privateKey,
      certificateDer,
    );
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://token-server');
    const scopes = url.searchParams
      .getAll('scope')
      .flatMap(s => s.split(' '))
      .filter(Boolean);
    const { ok, username } = isAuthorized(request, options.users);
    requests.push({
      service: url.searchParams.get('service') ?? undefined,
      scopes,
      username,
      granted: ok,
    });
    if (url.pathname !== '/token' || request.method !== 'GET') {
      response.writeHead(404).end();
      return;
    }
    if (!ok) {
      response
        .writeHead(401, {
          'content-type': 'application/json',
          'www-authenticate': 'Basic realm="oci-registry-testkit"',
        })
        .end(JSON.stringify({ details: 'incorrect username or password' }));
      return;
    }
    const access = scopes
      .map(parseScope)
      .filter((a): a is TokenAccess => a !== undefined);
    const token = issueToken(access, { subject: username });
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        token,
        access_token: token,
        expires_in: defaultExpiry,
        issued_at: new Date().toISOString(),
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certificatePem,
    requests,
    issueToken: (access, tokenOptions) => issueToken(access, tokenOptions),
    stop: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
