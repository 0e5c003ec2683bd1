import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';
import { digestProblem, isValidTag, repositoryProblem } from './imageReference';
import {
  choosePlatformManifest,
  summarizeImage,
  type ImageDetails,
} from './imageDetails';
import { parseAuthChallenges } from './authChallenge';
import { parseNextLink } from './linkHeader';
import {
  MANIFEST_ACCEPT,
  asImageConfig,
  asManifestDocument,
  isImageIndex,
  type ImageConfig,
  type ManifestDocument,
} from './manifests';
import type { RegistryAuth } from './RegistryAuthenticator';
import {
  RegistryRequestError,
  registryErrorReason,
} from './RegistryRequestError';
import { RegistryTransport, type RegistryResponse } from './RegistryTransport';

export type { ImageDetails } from './imageDetails';
export type { RegistryAuth } from './RegistryAuthenticator';

export interface RegistryClientOptions {
  /** `host[:port]`; `docker.io` is reached at `registry-1.docker.io`. */
  host: string;
  /** Speak http instead of https, e.g. to a registry on loopback. */
  insecure?: boolean;
  auth?: RegistryAuth;
  /** Per HTTP request, including reading its body. Default 15000. */
  requestTimeoutMs?: number;
  /** Attempts for a request answered 429 or 5xx. Default 4. */
  maxAttempts?: number;
  /** First retry delay, doubled each time, unless Retry-After says. Default 250. */
  backoffMs?: number;
  fetch?: typeof fetch;
}

/** A repository's tags, and why they are not all of them when they are not. */
export interface TagList {
  tags: string[];
  incomplete?: string;
}

export interface ManifestResult {
  digest: string;
  mediaType: string;
  body: ManifestDocument;
  etag?: string;
}

const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?|\[[0-9a-fA-F:]+\])(?::\d+)?$/;
const MAX_TAG_PAGES = 1000;

const apiHost = (host: string) =>
  host === 'docker.io' || host === 'index.docker.io'
    ? 'registry-1.docker.io'
    : host;

const sha256Of = (bytes: Buffer) =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** ETags are quoted strings; distribution also takes a bare digest. */
const asEntityTag = (value: string) =>
  value.startsWith('"') || value.startsWith('W/') ? value : `"${value}"`;

/**
 * A client for the read side of the OCI Distribution API: tags, manifests
 * and image configs of one registry.
 */
export class OciRegistryClient {
  private readonly baseUrl: URL;
  private readonly transport: RegistryTransport;

  constructor(options: RegistryClientOptions) {
    if (!HOST.test(options.host)) {
      throw new InputError(
        `Invalid registry host '${options.host}': expected host[:port]`,
      );
    }
    this.baseUrl = new URL(
      `${options.insecure ? 'http' : 'https'}://${apiHost(options.host)}`,
    );
    this.transport = new RegistryTransport({
      auth: options.auth,
      requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
      maxAttempts: Math.max(1, options.maxAttempts ?? 4),
      backoffMs: options.backoffMs ?? 250,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    });
  }

  /** HTTP requests sent so far, token requests, redirects and retries included. */
  get requestCount(): number {
    return this.transport.requestCount;
  }

  /**
   * Whether `/v2/` answers as a registry (200 or 401), and with which
   * scheme it asks for credentials. Credentials are not checked.
   */
  async probe(): Promise<{
    reachable: boolean;
    auth: 'none' | 'bearer' | 'basic';
  }> {
    let response: RegistryResponse;
    try {
      response = await this.transport.request({
        method: 'GET',
        url: this.url('/v2/'),
        authenticate: false,
      });
    } catch (error) {
      if (error instanceof RegistryRequestError) {
        return { reachable: false, auth: 'none' };
      }
      throw error;
    }
    if (response.status === 200) return { reachable: true, auth: 'none' };
    if (response.status !== 401) return { reachable: false, auth: 'none' };
    const challenge = response.headers.get('www-authenticate');
    // Remembered, so the first real request is authorised up front.
    this.transport.authenticator.onUnauthorized(
      challenge,
      undefined,
      undefined,
    );
    const schemes = parseAuthChallenges(challenge).map(c => c.scheme);
    return {
      reachable: true,
      auth: schemes.includes('bearer') ? 'bearer' : 'basic',
    };
  }

  /**
   * Every tag of a repository, following `Link: <…>; rel="next"` pages.
   * `pageSize` is sent as `n`; registries may ignore it.
   */
  async listTags(
    repository: string,
    options: { pageSize?: number } = {},
  ): Promise<string[]> {
    return (await this.readTagList(repository, options)).tags;
  }

  /**
   * As `listTags`, and says why the list is not the whole of it when the
   * pages never end: a next link back to a page already read, or more than
   * `MAX_TAG_PAGES` pages.
   */
  async readTagList(
    repository: string,
    options: { pageSize?: number } = {},
  ): Promise<TagList> {
    this.checkRepository(repository);
    const tags = new Set<string>();
    const visited = new Set<string>();
    let url: URL | undefined = this.url(`/v2/${repository}/tags/list`);
    if (options.pageSize) url.searchParams.set('n', String(options.pageSize));
    while (url) {
      if (visited.has(url.href)) {
        return {
          tags: [...tags],
          incomplete: `the registry's tag list links back to a page already read, after ${visited.size} page(s)`,
        };
      }
      if (visited.size === MAX_TAG_PAGES) {
        return {
          tags: [...tags],
          incomplete: `the registry's tag list goes on past ${MAX_TAG_PAGES} pages, which is where reading it stops`,
        };
      }
      visited.add(url.href);
      const response = await this.get(repository, url);
      if (response.status !== 200) throw this.unexpected('GET', response);
      const page = this.json(response) as { tags?: unknown };
      if (Array.isArray(page?.tags)) {
        for (const tag of page.tags) if (typeof tag === 'string') tags.add(tag);
      }
      const next = parseNextLink(response.headers.get('link'));
      url = next ? this.sameRegistry(new URL(next, url), response) : undefined;
    }
    return { tags: [...tags] };
  }

  /** The digest a tag points at, without fetching the manifest; undefined on 404. */
  async resolveDigest(
    repository: string,
    reference: string,
  ): Promise<string | undefined> {
    this.checkRepository(repository);
    this.checkReference(reference);
    const response = await this.transport.request({
      method: 'HEAD',
      url: this.url(`/v2/${repository}/manifests/${reference}`),
      headers: { accept: MANIFEST_ACCEPT },
      scope: this.pullScope(repository),
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw this.unexpected('HEAD', response);
    const digest = response.headers.get('docker-content-digest');
    if (digest && !digestProblem(digest)) return digest;
    // Some registries leave the header out of HEAD; the body says it all.
    const manifest = await this.getManifest(repository, reference);
    return 'digest' in manifest ? manifest.digest : undefined;
  }

  /**
   * A manifest or index. With `ifNoneMatch` (an ETag or digest seen before)
   * an unchanged manifest answers `{ notModified: true }` without a body.
   */
  async getManifest(
    repository: string,
    reference: string,
    options: { ifNoneMatch?: string } = {},
  ): Promise<ManifestResult | { notModified: true }> {
    this.checkRepository(repository);
    this.checkReference(reference);
    const response = await this.transport.request({
      method: 'GET',
      url: this.url(`/v2/${repository}/manifests/${reference}`),
      headers: {
        accept: MANIFEST_ACCEPT,
        ...(options.ifNoneMatch
          ? { 'if-none-match': asEntityTag(options.ifNoneMatch) }
          : {}),
      },
      scope: this.pullScope(repository),
    });
    if (response.status === 304) return { notModified: true };
    if (response.status !== 200) throw this.unexpected('GET', response);
    const body = asManifestDocument(this.json(response));
    if (!body) {
      throw this.malformed(
        response,
        'the body is not an image manifest or index',
      );
    }
    const digest = this.verifiedDigest(response, reference);
    const contentType = response.headers.get('content-type')?.split(';')[0];
    const etag = response.headers.get('etag');
    return {
      digest,
      mediaType: body.mediaType ?? contentType ?? '',
      body,
      ...(etag ? { etag } : {}),
    };
  }

  /**
   * What an image says about itself: its platforms, build date, labels and
   * annotations. For an index, the linux/amd64 image (else the first) is
   * the one whose config is read.
   */
  async describeImage(
    repository: string,
    reference: string,
  ): Promise<ImageDetails> {
    const top = await this.fetchManifest(repository, reference);
    let manifest = top.body;
    if (isImageIndex(top.body)) {
      const chosen = choosePlatformManifest(top.body);
      if (!chosen) {
        throw new RegistryRequestError({
          method: 'GET',
          url: this.url(`/v2/${repository}/manifests/${reference}`),
          status: 200,
          reason: 'the index lists no image',
        });
      }
      manifest = (await this.fetchManifest(repository, chosen.digest)).body;
    }
    if (isImageIndex(manifest)) {
      throw new RegistryRequestError({
        method: 'GET',
        url: this.url(`/v2/${repository}/manifests/${reference}`),
        status: 200,
        reason: 'nested indexes are not supported',
      });
    }
    const config = await this.getConfig(repository, manifest.config.digest);
    return summarizeImage({
      repository,
      reference,
      digest: top.digest,
      mediaType: top.mediaType,
      index: isImageIndex(top.body) ? top.body : undefined,
      manifest,
      config,
    });
  }

  private async fetchManifest(repository: string, reference: string) {
    const result = await this.getManifest(repository, reference);
    if ('notModified' in result) {
      // Only a conditional request can answer 304.
      throw new Error('Unexpected 304 for an unconditional manifest request');
    }
    return result;
  }

  private async getConfig(
    repository: string,
    digest: string,
  ): Promise<ImageConfig> {
    this.checkReference(digest);
    const response = await this.get(
      repository,
      this.url(`/v2/${repository}/blobs/${digest}`),
    );
    if (response.status !== 200) throw this.unexpected('GET', response);
    this.verifiedDigest(response, digest);
    const config = asImageConfig(this.json(response));
    if (!config)
      throw this.malformed(response, 'the image config is not an object');
    return config;
  }

  private get(repository: string, url: URL) {
    return this.transport.request({
      method: 'GET',
      url,
      scope: this.pullScope(repository),
    });
  }

  private url(path: string): URL {
    return new URL(path, this.baseUrl);
  }

  private pullScope(repository: string) {
    return `repository:${repository}:pull`;
  }

  /** A next-page link elsewhere would get our credentials; refuse it. */
  private sameRegistry(next: URL, response: RegistryResponse): URL {
    if (next.origin !== this.baseUrl.origin) {
      throw this.malformed(
        response,
        `its next page link leaves ${this.baseUrl.host}`,
      );
    }
    return next;
  }

  /**
   * The digest of the bytes received. When a digest was asked for, the
   * content must match it: that is what makes a digest reference safe.
   */
  private verifiedDigest(
    response: RegistryResponse,
    reference: string,
  ): string {
    const computed = sha256Of(response.body);
    if (reference.startsWith('sha256:')) {
      if (reference !== computed) {
        throw this.malformed(
          response,
          `the content does not match ${reference}`,
        );
      }
      return reference;
    }
    if (reference.includes(':')) return reference; // another algorithm, trusted as is
    return computed;
  }

  private json(response: RegistryResponse): unknown {
    try {
      return JSON.parse(response.body.toString());
    } catch {
      throw this.malformed(response, 'the body is not JSON');
    }
  }

  private unexpected(method: string, response: RegistryResponse) {
    return new RegistryRequestError({
      method,
      url: response.url,
      status: response.status,
      reason: registryErrorReason(response.body, response.statusText),
      // A redirect target's query may be a signature.
      includeQuery: response.url.origin === this.baseUrl.origin,
    });
  }

  private malformed(response: RegistryResponse, reason: string) {
    return new RegistryRequestError({
      method: 'GET',
      url: response.url,
      status: response.status,
      reason,
      includeQuery: response.url.origin === this.baseUrl.origin,
    });
  }

  private checkRepository(repository: string) {
    const problem = repositoryProblem(repository);
    if (problem) throw new InputError(`Invalid repository: ${problem}`);
  }

  private checkReference(reference: string) {
    if (reference.includes(':')) {
      const problem = digestProblem(reference);
      if (problem)
        throw new InputError(`Invalid manifest reference: ${problem}`);
    } else if (!isValidTag(reference)) {
      throw new InputError(
        `Invalid manifest reference: tag '${reference}' is malformed`,
      );
    }
  }
}
