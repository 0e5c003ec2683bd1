import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export const DEFAULT_TOKEN = 'fake-gke-token';

/** A cluster as a test describes it; served in the API's own shape. */
export interface FakeGkeCluster {
  project: string;
  /** A region (`europe-west1`) or a zone (`europe-west1-b`). */
  location: string;
  name: string;
  /** The control plane's public address, `host[:port]`, without a scheme. */
  endpoint: string;
  /** The cluster CA in PEM; served base64-encoded, as GKE does. */
  caCertificate: string;
  resourceLabels?: Record<string, string>;
  /** The DNS-based control plane endpoint, a host name. */
  dnsEndpoint?: string;
  /** Default RUNNING. */
  status?: string;
}

export interface FakeGkeApiOptions {
  clusters?: FakeGkeCluster[];
  /**
   * The projects the token may list, with clusters or without; default the
   * projects of `clusters`. Any other is refused, as GKE refuses one that
   * does not exist or is not the caller's.
   */
  projects?: string[];
  /** The access token every request must carry; default `fake-gke-token`. */
  token?: string;
}

export interface FakeGkeApi {
  /** e.g. http://127.0.0.1:43211 */
  readonly url: string;
  /** Paths requested, in order. */
  readonly requests: string[];
  /** The clusters now; a project that had some stays one the token may list. */
  setClusters(clusters: FakeGkeCluster[]): void;
  /** The next `count` requests get this HTTP status and Google's error body. */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Google APIs answer errors as `{error: {code, message, status}}`. */
function googleError(code: number, message: string) {
  return { error: { code, message, status: STATUS_NAMES[code] ?? 'UNKNOWN' } };
}

/** `projects.locations.clusters`'s Cluster resource, the fields a reader uses. */
function clusterJson(cluster: FakeGkeCluster) {
  const zonal = /-[a-z]$/.test(cluster.location);
  const path = `projects/${cluster.project}/locations/${cluster.location}/clusters/${cluster.name}`;
  return {
    name: cluster.name,
    location: cluster.location,
    zone: cluster.location,
    locations: [zonal ? cluster.location : `${cluster.location}-b`],
    endpoint: cluster.endpoint,
    status: cluster.status ?? 'RUNNING',
    currentMasterVersion: '1.31.2-gke.1000',
    selfLink: `https://container.googleapis.com/v1/${path}`,
    masterAuth: {
      clusterCaCertificate: Buffer.from(cluster.caCertificate).toString(
        'base64',
      ),
    },
    // Protobuf JSON leaves an empty map out.
    ...(cluster.resourceLabels && Object.keys(cluster.resourceLabels).length
      ? { resourceLabels: cluster.resourceLabels }
      : {}),
    controlPlaneEndpointsConfig: {
      ...(cluster.dnsEndpoint
        ? {
            dnsEndpointConfig: {
              endpoint: cluster.dnsEndpoint,
              allowExternalTraffic: true,
            },
          }
        : {}),
      ipEndpointsConfig: { enabled: true, publicEndpoint: cluster.endpoint },
    },
  };
}

const LIST = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/clusters$/;

/**
 * A fake GKE API on loopback: `GET /v1/projects/{p}/locations/{l}/clusters`,
 * where `l` is a region, a zone or `-` for all, answering
 * `{clusters: [...]}` (or `{}` when there are none, as protobuf JSON does),
 * with 401 UNAUTHENTICATED for a missing or wrong token and 403
 * PERMISSION_DENIED for a project the token may not list.
 */
export async function startFakeGkeApi(
  options: FakeGkeApiOptions = {},
): Promise<FakeGkeApi> {
  const token = options.token ?? DEFAULT_TOKEN;
  let clusters = [...(options.clusters ?? [])];
  const projects = new Set(
    options.projects ?? clusters.map(cluster => cluster.project),
  );
  let failures = { count: 0, status: 500 };
  const requests: string[] = [];

  const route = (request: IncomingMessage, url: URL) => {
    if (failures.count > 0) {
      failures.count--;
      return {
        status: failures.status,
        body: googleError(failures.status, 'Injected failure'),
      };
    }
    if ((request.headers.authorization ?? '') !== `Bearer ${token}`) {
      return {
        status: 401,
        body: googleError(
          401,
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        ),
      };
    }
    const match = LIST.exec(url.pathname);
    if (!match || request.method !== 'GET') {
      return { status: 404, body: googleError(404, 'Not Found') };
    }
    const [project, location] = match.slice(1).map(decodeURIComponent);
    if (!projects.has(project)) {
      return {
        status: 403,
        body: googleError(
          403,
          `Permission 'container.clusters.list' denied on resource '//container.googleapis.com/projects/${project}/locations/${location}' (or it may not exist).`,
        ),
      };
    }
    const found = clusters.filter(
      c =>
        c.project === project &&
        (location === '-' ||
          c.location === location ||
          c.location.startsWith(`${location}-`)),
    );
    return {
      status: 200,
      body: found.length ? { clusters: found.map(clusterJson) } : {},
    };
  };

  const server = createServer(
    (request: IncomingMessage, response: ServerResponse) => {
      const url = new URL(request.url ?? '/', 'http://fake-gke');
      requests.push(url.pathname);
      const answer = route(request, url);
      response.writeHead(answer.status, {
        'content-type': 'application/json; charset=UTF-8',
      });
      response.end(JSON.stringify(answer.body));
    },
  );
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setClusters(next) {
      clusters = [...next];
      for (const cluster of next) projects.add(cluster.project);
    },
    failNext(count, status) {
      failures = { count, status };
    },
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close(error => (error ? reject(error) : resolve())),
      ),
  };
}
