import type { AwsIamIdentity } from './awsIamAuthenticator';

/** A Kubernetes object as it travels over the wire. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/** Identifies one stored object. */
export interface KubeObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface FakeKubeApiServerOptions {
  /** Initial objects: built-in kinds, CRDs and custom resources. */
  objects?: KubeObject[];
  /** Bearer token required on every request; default 'fake-token'. */
  token?: string;
  /**
   * Accept EKS tokens (`k8s-aws-v1.`, a presigned STS URL) signed by this
   * IAM identity for this cluster, besides the bearer token.
   */
  awsIam?: AwsIamIdentity;
  /**
   * Serve HTTPS with this certificate and key (PEM), as every real API
   * server does. With `clientCa`, a client certificate that CA signed
   * authenticates a request as the certificate's CN, as kube-apiserver's
   * `--client-ca-file` does; without, only tokens are accepted.
   */
  tls?: { cert: string; key: string; clientCa?: string };
  /** Accept requests without credentials, as `kubectl proxy` does; default false. */
  anonymous?: boolean;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0, a random free port. */
  port?: number;
  /** Added before every response; default 0. */
  latencyMs?: number;
  /** Resources answering 403: 'pods' for core, 'plural.group' otherwise. */
  forbidden?: string[];
  /** Past events kept for watches and continue tokens from an older resourceVersion; default 1000. */
  historyLimit?: number;
  /** The gitVersion /version reports; default 'v1.31.2'. */
  serverVersion?: string;
  /** How often a watch that allows bookmarks gets one; default 1000 ms. */
  bookmarkIntervalMs?: number;
  /**
   * Whether to keep every request in `requests`; default true. Long-running
   * servers (the CLI) turn it off so the list does not grow forever.
   */
  recordRequests?: boolean;
  /** Receives one line per request; silent by default. */
  log?: (line: string) => void;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** 0 while the response has not started. */
  status: number;
  /** When it arrived, in milliseconds since the epoch. */
  receivedAt: number;
  /** The CN of the client certificate the request was authenticated by. */
  clientCertificateUser?: string;
}

export interface FakeKubeApiServer {
  /** e.g. http://127.0.0.1:43211, or https:// with `tls` */
  readonly url: string;
  readonly token: string;
  /** Every request, in order of arrival. */
  readonly requests: RecordedRequest[];
  /** Creates or replaces; bumps resourceVersion; emits ADDED or MODIFIED to watchers; returns the stored copy. */
  apply(object: KubeObject): KubeObject;
  /** Emits DELETED; false when there was no such object. */
  remove(ref: KubeObjectRef): boolean;
  /** Everything stored. */
  list(): KubeObject[];
  /**
   * The next `count` requests whose path contains `pathContains` answer
   * `status` (default 500) with a Status body; 429 also carries Retry-After: 0.
   */
  failNext(count: number, status?: number, pathContains?: string): void;
  setLatency(ms: number): void;
  setForbidden(resources: string[]): void;
  /** Drops the event history: any watch or continue token from an older resourceVersion gets 410. */
  compactHistory(): void;
  /** Sends every open watch an ERROR event with a 410 Status, and ends it. */
  expireWatches(): void;
  openWatches(): number;
  /** TCP connections accepted so far, to see whether clients reuse them. */
  connectionCount(): number;
  /** Ends open watches and the server. */
  close(): Promise<void>;
}
