import { KubeConfig } from '@kubernetes/client-node';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent, type RequestOptions } from 'node:https';
import fetch, { Headers } from 'node-fetch';
import type { ClusterDefinition } from './clusterConfig';
import type { ClusterCredentials } from './clusterCredentials';
import { apiVersionOf, pathOf, type ResourceType } from './collectedResources';
import {
  abortableSleep,
  parseRetryAfter,
  retryWaitMs,
} from '../http/retryDelay';

export interface ClusterClientSettings {
  requestTimeoutMs: number;
  pageSize: number;
  /** Attempts per request on 429 and 5xx, with exponential backoff. */
  maxAttempts?: number;
  /**
   * First backoff step; doubled per attempt unless Retry-After says
   * otherwise. A Retry-After above a minute is not waited for.
   */
  backoffMs?: number;
}

/** How long a credential from an auth strategy is reused. */
const CREDENTIAL_REUSE_MS = 5 * 60_000;

/** Fresh starts of one list after its continue token expired. */
const MAX_LIST_RESTARTS = 2;

/** An error from a cluster, with the HTTP status when the API answered. */
export class ClusterRequestError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ClusterRequestError';
  }
}

/** One event of a watch stream, as the API server sends it. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: any;
}

/**
 * How a watch ended: `gone` when the server no longer has the requested
 * resourceVersion (410), so the caller must list again; `ended` when the
 * stream closed normally and may be resumed from the last resourceVersion.
 */
export type WatchOutcome = 'ended' | 'gone';

const isServiceAccount = (cluster: ClusterDefinition) =>
  (cluster.authProvider ?? 'serviceAccount') === 'serviceAccount';

type KubeConfigUser = Parameters<KubeConfig['loadFromOptions']>[0] extends {
  users: Array<infer U>;
}
  ? U
  : never;

/** A client-node config for the cluster, signed in as `user`. */
function kubeConfigOf(
  cluster: ClusterDefinition,
  user: Omit<KubeConfigUser, 'name'>,
): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        caData: cluster.caData,
        caFile: cluster.caFile,
        // client-node refuses plain http unless TLS verification is off;
        // there is no TLS to verify on such a URL (kubectl proxy, a fake).
        skipTLSVerify: cluster.skipTLSVerify || cluster.url.startsWith('http:'),
      },
    ],
    users: [{ ...user, name: 'runtime-stack' }],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: 'runtime-stack' },
    ],
    currentContext: cluster.name,
  });
  return kubeConfig;
}

/**
 * What a strategy signs in with, ready for requests: a token for the
 * Authorization header, nothing, or a client certificate, which goes into
 * the TLS connection and so into a client-node config of its own.
 */
type StrategySignIn =
  | { type: 'token'; token: string }
  | { type: 'anonymous' }
  | { type: 'certificate'; kubeConfig: KubeConfig };

const base64 = (pem: string) => Buffer.from(pem).toString('base64');

/**
 * The collector's identity on a service account cluster: the configured
 * token, else the token file (client-node re-reads it every minute, so
 * rotated projected tokens keep working). Other providers sign in per
 * request, through their strategy.
 */
function userOf(cluster: ClusterDefinition): Omit<KubeConfigUser, 'name'> {
  if (!isServiceAccount(cluster)) {
    return {};
  }
  if (cluster.serviceAccountToken || !cluster.serviceAccountTokenFile) {
    return { token: cluster.serviceAccountToken };
  }
  return {
    authProvider: {
      name: 'tokenFile',
      config: { tokenFile: cluster.serviceAccountTokenFile },
    },
  };
}

/**
 * Reads one cluster. @kubernetes/client-node provides the connection (TLS,
 * CA, bearer token); the objects are kept exactly as the API sends them,
 * rather than as the client's typed models. Every request runs under a
 * timeout, lists are paginated with `limit`/`continue`, and 429 and 5xx are
 * retried with backoff. A request given an AbortSignal ends when it aborts,
 * rejecting with the signal's reason, backoff included.
 */
export class KubernetesClusterClient {
  private readonly kubeConfig: KubeConfig;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private signIn?: { value: Promise<StrategySignIn>; expiresAt: number };
  /** Connection pools: the cluster's, and the current client certificate's. */
  private clusterAgent?: HttpAgent;
  private certificateAgent?: { kubeConfig: KubeConfig; agent: HttpAgent };
  private closed = false;

  constructor(
    readonly cluster: ClusterDefinition,
    private readonly settings: ClusterClientSettings,
    /** For clusters whose authProvider is not serviceAccount. */
    private readonly credentials?: ClusterCredentials,
  ) {
    this.kubeConfig = kubeConfigOf(cluster, userOf(cluster));
    this.maxAttempts = settings.maxAttempts ?? 4;
    this.backoffMs = settings.backoffMs ?? 500;
  }

  async serverVersion(signal?: AbortSignal): Promise<string | undefined> {
    const info = await this.get('/version', {}, signal);
    return info?.gitVersion;
  }

  /**
   * Every object of a resource, across all namespaces, and the list's
   * resourceVersion. `keep` maps each item as its page arrives, so a caller
   * that keeps a little of each object never holds a whole list of them.
   *
   * A continue token outlives its snapshot when paging a large list takes
   * longer than the server keeps history (410 Gone, reason Expired); the
   * list then starts over, as the API server's message advises, a few times
   * before giving up.
   */
  async listAll<T = any>(
    resource: ResourceType,
    keep: (item: any) => T = item => item,
    signal?: AbortSignal,
  ): Promise<{ items: T[]; resourceVersion?: string }> {
    const apiVersion = apiVersionOf(resource);
    for (let restart = 0; ; restart++) {
      const items: T[] = [];
      let continueToken: string | undefined;
      let resourceVersion: string | undefined;
      const tokens = new Set<string>();
      try {
        do {
          if (continueToken !== undefined) {
            // A server that hands out a token again would page for ever,
            // holding what it sent until the run's timeout.
            if (tokens.has(continueToken)) {
              throw new ClusterRequestError(
                `${this.cluster.name}: LIST ${pathOf(
                  resource,
                )} gave a continue token it had given before, so the list would never end`,
              );
            }
            tokens.add(continueToken);
          }
          const page = await this.get(
            pathOf(resource),
            {
              limit: String(this.settings.pageSize),
              ...(continueToken ? { continue: continueToken } : {}),
            },
            signal,
          );
          for (const item of page.items ?? []) {
            // List items leave out kind and apiVersion.
            items.push(keep({ apiVersion, kind: resource.kind, ...item }));
          }
          resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
          continueToken = page.metadata?.continue || undefined;
        } while (continueToken);
        return { items, resourceVersion };
      } catch (error) {
        const expired =
          continueToken !== undefined &&
          (error as ClusterRequestError).status === 410;
        if (!expired || restart >= MAX_LIST_RESTARTS) throw error;
      }
    }
  }

  /**
   * Streams the changes of a resource after `resourceVersion` to `onEvent`,
   * one at a time, until the server ends the stream, `signal` aborts, or the
   * resourceVersion is too old (`gone`). Bookmarks are asked for, so a quiet
   * resource still advances its resourceVersion.
   */
  async watch(
    resource: ResourceType,
    resourceVersion: string,
    options: { signal: AbortSignal; timeoutSeconds: number },
    onEvent: (event: WatchEvent) => Promise<void>,
  ): Promise<WatchOutcome> {
    const url = this.urlOf(pathOf(resource), {
      watch: '1',
      resourceVersion,
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(Math.max(1, Math.round(options.timeoutSeconds))),
    });
    const what = `${this.cluster.name}: WATCH ${url.pathname}`;
    const controller = new AbortController();
    const abort = () => controller.abort();
    options.signal.addEventListener('abort', abort);
    // The wait for the response headers is bounded by the request timeout;
    // the stream by timeoutSeconds, when the server ends it, and a request
    // timeout more: a connection a proxy dropped without a word sends
    // nothing more, and its watch then resumes rather than waits in silence.
    const headerTimer = setTimeout(abort, this.settings.requestTimeoutMs);
    let overdue = false;
    const streamTimer = setTimeout(() => {
      overdue = true;
      abort();
    }, Math.max(1, Math.round(options.timeoutSeconds)) * 1000 + this.settings.requestTimeoutMs);
    try {
      // Signing in may take a while; a window that closed meanwhile ends here.
      const fetchOptions = await this.fetchOptions();
      if (options.signal.aborted) return 'ended';
      const response = await fetch(url.toString(), {
        ...(fetchOptions as any),
        redirect: 'manual',
        signal: controller.signal as any,
      });
      clearTimeout(headerTimer);
      if (response.status === 410) return 'gone';
      if (!response.ok) {
        throw await this.errorFrom(what, response);
      }
      let buffered = '';
      // Chunks end anywhere, in the middle of a character too: the decoder
      // holds a character's first bytes until the rest arrives.
      const decoder = new TextDecoder('utf-8');
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        buffered += decoder.decode(chunk, { stream: true });
        for (
          let newline = buffered.indexOf('\n');
          newline >= 0;
          newline = buffered.indexOf('\n')
        ) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (!line) continue;
          const event = JSON.parse(line) as WatchEvent;
          if (event.type === 'ERROR') {
            if (event.object?.code === 410) return 'gone';
            throw new ClusterRequestError(
              `${what} sent an error: ${event.object?.message ?? line}`,
              event.object?.code,
            );
          }
          await onEvent(event);
        }
      }
      return 'ended';
    } catch (error) {
      if (options.signal.aborted || overdue) return 'ended';
      if (error instanceof ClusterRequestError) throw error;
      if ((error as Error).name === 'AbortError') {
        throw new ClusterRequestError(
          `${what} did not answer within ${this.settings.requestTimeoutMs} ms`,
        );
      }
      throw new ClusterRequestError(
        `${what} failed: ${(error as Error).message}`,
      );
    } finally {
      clearTimeout(headerTimer);
      clearTimeout(streamTimer);
      options.signal.removeEventListener('abort', abort);
    }
  }

  private urlOf(path: string, query: Record<string, string>): URL {
    // The server URL may carry a path prefix (a proxy in front of the API).
    const url = new URL(`${this.cluster.url.replace(/\/+$/, '')}${path}`);
    for (const [key, value] of Object.entries(query)) {
      url.searchParams.set(key, value);
    }
    return url;
  }

  private async errorFrom(
    what: string,
    response: {
      status: number;
      text(): Promise<string>;
      headers: { get(name: string): string | null };
    },
  ): Promise<ClusterRequestError> {
    const text = await response.text();
    let message = text.slice(0, 300);
    try {
      message = JSON.parse(text).message ?? message;
    } catch {
      // not a Status object; keep the text
    }
    return new ClusterRequestError(
      `${what} answered ${response.status}: ${message}`,
      response.status,
      parseRetryAfter(response.headers.get('retry-after')),
    );
  }

  private async get(
    path: string,
    query: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<any> {
    const url = this.urlOf(path, query);
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      try {
        return await this.fetchJson(url, signal);
      } catch (error) {
        const { status, retryAfterMs } = error as ClusterRequestError;
        const retryable =
          status === 429 || (status !== undefined && status >= 500);
        const wait =
          retryable && attempt < this.maxAttempts
            ? retryWaitMs(retryAfterMs, attempt, this.backoffMs)
            : undefined;
        if (wait === undefined) throw error;
        await abortableSleep(wait, signal);
      }
    }
  }

  /** The connection options of a GET: TLS from client-node, and who we are. */
  private async fetchOptions() {
    if (isServiceAccount(this.cluster)) {
      return this.connectionOptions(this.kubeConfig);
    }
    const signIn = await this.strategySignIn();
    if (signIn.type === 'certificate') {
      return this.connectionOptions(signIn.kubeConfig);
    }
    const options = await this.connectionOptions(this.kubeConfig);
    if (signIn.type === 'token') {
      options.headers.set('Authorization', `Bearer ${signIn.token}`);
    }
    return options;
  }

  /**
   * TLS and the identity from client-node, over a connection pool of our
   * own: client-node makes a new agent, so a new connection and TLS
   * handshake, for every request, and one collection makes hundreds.
   */
  private async connectionOptions(kubeConfig: KubeConfig) {
    const options: RequestOptions = { method: 'GET' };
    try {
      await kubeConfig.applyToHTTPSOptions(options);
    } catch (error) {
      // client-node reads the CA and token files here, synchronously.
      const { name, serviceAccountToken, serviceAccountTokenFile } =
        this.cluster;
      const what =
        isServiceAccount(this.cluster) &&
        !serviceAccountToken &&
        serviceAccountTokenFile
          ? `no serviceAccountToken is configured, and the token file ${serviceAccountTokenFile} cannot be read`
          : 'cannot set up the connection';
      throw new ClusterRequestError(
        `${name}: ${what} (${(error as Error).message})`,
      );
    }
    return {
      method: 'GET',
      headers: new Headers(options.headers as Record<string, string>),
      agent: this.agentFor(kubeConfig, options),
    };
  }

  private agentFor(kubeConfig: KubeConfig, options: RequestOptions) {
    // A pool opened now would outlive its run, with nothing left to close it.
    if (this.closed) {
      throw new ClusterRequestError(
        `${this.cluster.name}: no request after the client was closed`,
      );
    }
    if (kubeConfig === this.kubeConfig) {
      this.clusterAgent ??= this.newAgent(options);
      return this.clusterAgent;
    }
    // A new certificate: the previous one's pool is left to close as its
    // connections idle out, since watches may still stream on it.
    if (this.certificateAgent?.kubeConfig !== kubeConfig) {
      this.certificateAgent = { kubeConfig, agent: this.newAgent(options) };
    }
    return this.certificateAgent.agent;
  }

  private newAgent(options: RequestOptions): HttpAgent {
    return this.cluster.url.startsWith('http:')
      ? new HttpAgent({ keepAlive: true })
      : new HttpsAgent({
          keepAlive: true,
          ca: options.ca,
          cert: options.cert,
          key: options.key,
          ...(options.rejectUnauthorized !== undefined
            ? { rejectUnauthorized: options.rejectUnauthorized }
            : {}),
        });
  }

  /**
   * Closes the pooled connections, for good: a request after this fails
   * at once rather than open a new pool.
   */
  close(): void {
    this.closed = true;
    this.clusterAgent?.destroy();
    this.certificateAgent?.agent.destroy();
    this.clusterAgent = undefined;
    this.certificateAgent = undefined;
  }

  /**
   * How a non-serviceAccount cluster is signed in to. Kept for a few
   * minutes: some strategies mint a token per call (an STS AssumeRole, a
   * Google token exchange), and one run makes hundreds of requests. EKS
   * tokens live fifteen minutes, cloud access tokens longer.
   */
  private async strategySignIn(): Promise<StrategySignIn> {
    const now = Date.now();
    if (!this.signIn || this.signIn.expiresAt <= now) {
      this.signIn = {
        value: this.freshStrategySignIn(),
        expiresAt: now + CREDENTIAL_REUSE_MS,
      };
    }
    try {
      return await this.signIn.value;
    } catch (error) {
      this.signIn = undefined;
      throw error;
    }
  }

  private async freshStrategySignIn(): Promise<StrategySignIn> {
    const { name, authProvider = 'serviceAccount' } = this.cluster;
    if (!this.credentials) {
      throw new ClusterRequestError(
        `${name}: authProvider '${authProvider}' is not collected here; give the cluster authProvider serviceAccount`,
      );
    }
    let credential;
    try {
      credential = await this.credentials.credentialFor({
        ...this.cluster,
        authProvider,
      });
    } catch (error) {
      throw new ClusterRequestError(
        `${name}: no credential from authProvider '${authProvider}': ${
          (error as Error).message
        }`,
      );
    }
    switch (credential.type) {
      case 'bearer token':
        return { type: 'token', token: credential.token };
      case 'anonymous':
        return { type: 'anonymous' };
      case 'x509 client certificate':
        return {
          type: 'certificate',
          kubeConfig: kubeConfigOf(this.cluster, {
            certData: base64(credential.cert),
            keyData: base64(credential.key),
          }),
        };
      default:
        throw new ClusterRequestError(
          `${name}: authProvider '${authProvider}' gives a credential the collector does not know`,
        );
    }
  }

  private async fetchJson(url: URL, signal?: AbortSignal): Promise<any> {
    const options = await this.fetchOptions();
    // Signing in may take a while; a run cancelled meanwhile ends here.
    signal?.throwIfAborted();
    const controller = new AbortController();
    const abort = () => controller.abort();
    signal?.addEventListener('abort', abort);
    const timer = setTimeout(abort, this.settings.requestTimeoutMs);
    const what = `${this.cluster.name}: GET ${url.pathname}`;
    try {
      const response = await fetch(url.toString(), {
        ...(options as any),
        // The API server does not redirect; a redirect would lead the
        // request somewhere the cluster's URL did not name.
        redirect: 'manual',
        signal: controller.signal as any,
      });
      if (!response.ok) {
        throw await this.errorFrom(what, response);
      }
      return JSON.parse(await response.text());
    } catch (error) {
      // The caller's abort is no failure of the cluster: its reason, as is.
      signal?.throwIfAborted();
      if (error instanceof ClusterRequestError) throw error;
      if ((error as Error).name === 'AbortError') {
        throw new ClusterRequestError(
          `${what} timed out after ${this.settings.requestTimeoutMs} ms`,
        );
      }
      throw new ClusterRequestError(
        `${what} failed: ${(error as Error).message}`,
      );
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
  }
}
