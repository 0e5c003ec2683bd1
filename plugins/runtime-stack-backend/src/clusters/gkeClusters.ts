import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { GoogleAuth } from 'google-auth-library';
import { JsonTransport } from '../http/JsonTransport';
import type { ClusterDefinition, LocatedClusters } from './clusterConfig';

/** Google's own address of the GKE API. */
export const GKE_API_URL = 'https://container.googleapis.com';

const AUTH_PROVIDER = 'kubernetes.io/auth-provider';
const ENDPOINT_TYPES = ['public', 'dns'] as const;

/** A `gke` entry of `kubernetes.clusterLocatorMethods`, read as the Kubernetes plugin reads it. */
export interface GkeLocator {
  projectId: string;
  /** A region or zone; `-` for every location. */
  region: string;
  /** `google` (per user in the Kubernetes tab) unless `googleServiceAccount`. */
  authProvider: 'google' | 'googleServiceAccount';
  skipTLSVerify: boolean;
  exposeDashboard: boolean;
  matchingResourceLabels: Array<{ key: string; value: string }>;
  endpointType: (typeof ENDPOINT_TYPES)[number];
}

export function readGkeLocators(config: Config): GkeLocator[] {
  return (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  )
    .filter(method => method.getString('type') === 'gke')
    .map(method => {
      const endpointType = method.getOptionalString('endpointType') ?? 'public';
      if (!(ENDPOINT_TYPES as readonly string[]).includes(endpointType)) {
        throw new InputError(
          `Invalid kubernetes.clusterLocatorMethods gke endpointType '${endpointType}': expected ${ENDPOINT_TYPES.join(
            ' or ',
          )}`,
        );
      }
      return {
        projectId: method.getString('projectId'),
        region: method.getOptionalString('region') ?? '-',
        authProvider:
          method.getOptionalString('authProvider') === 'googleServiceAccount'
            ? 'googleServiceAccount'
            : 'google',
        skipTLSVerify: method.getOptionalBoolean('skipTLSVerify') ?? false,
        exposeDashboard: method.getOptionalBoolean('exposeDashboard') ?? false,
        matchingResourceLabels: (
          method.getOptionalConfigArray('matchingResourceLabels') ?? []
        ).map(label => ({
          key: label.getString('key'),
          value: label.getString('value'),
        })),
        endpointType: endpointType as GkeLocator['endpointType'],
      };
    });
}

/** The fields of the API's Cluster resource this reads. */
interface GkeCluster {
  name?: string;
  endpoint?: string;
  masterAuth?: { clusterCaCertificate?: string };
  resourceLabels?: Record<string, string>;
  controlPlaneEndpointsConfig?: { dnsEndpointConfig?: { endpoint?: string } };
}

const locatorName = (locator: GkeLocator) =>
  `GKE project ${locator.projectId} (${
    locator.region === '-' ? 'every location' : locator.region
  })`;

/**
 * A GKE cluster as a cluster to collect, as the Kubernetes plugin's locator
 * makes it, plus the cluster's CA from the API for its IP endpoint, which
 * that locator leaves out: TLS to the control plane is verified without
 * `skipTLSVerify`.
 */
export function clusterOfGke(
  locator: GkeLocator,
  cluster: GkeCluster,
): ClusterDefinition | string {
  if (!cluster.name)
    return `${locatorName(locator)} listed a cluster without a name`;
  const dns = cluster.controlPlaneEndpointsConfig?.dnsEndpointConfig?.endpoint;
  const viaDns = locator.endpointType === 'dns' && Boolean(dns);
  const host = viaDns ? dns : cluster.endpoint;
  if (!host) {
    return `Not collecting GKE cluster '${cluster.name}': it has no control plane endpoint yet`;
  }
  // The DNS endpoint presents a publicly trusted certificate, the address
  // one signed by the cluster's own CA.
  const caData = viaDns ? undefined : cluster.masterAuth?.clusterCaCertificate;
  return {
    name: cluster.name,
    url: `https://${host}`,
    origin: locatorName(locator),
    authProvider: locator.authProvider,
    authMetadata: { [AUTH_PROVIDER]: locator.authProvider },
    ...(caData ? { caData } : {}),
    skipTLSVerify: locator.skipTLSVerify,
    ...(locator.exposeDashboard
      ? {
          dashboardApp: 'gke',
          dashboardParameters: {
            projectId: locator.projectId,
            region: locator.region,
            clusterName: cluster.name,
          },
        }
      : {}),
  };
}

/** An OAuth access token for Google APIs, as the backend's own identity. */
export type GoogleAccessToken = () => Promise<string>;

/**
 * The backend's Google identity: the service account key of
 * `kubernetes.googleServiceAccountCredentials` when set (as the Kubernetes
 * plugin's `googleServiceAccount` provider uses it), else Application
 * Default Credentials, as its GKE locator lists clusters with.
 */
export function googleAccessToken(config: Config): GoogleAccessToken {
  const key = config.getOptionalString(
    'kubernetes.googleServiceAccountCredentials',
  );
  let credentials: object | undefined;
  if (key) {
    try {
      credentials = JSON.parse(key);
    } catch {
      throw new InputError(
        'Invalid kubernetes.googleServiceAccountCredentials: expected the JSON of a service account key',
      );
    }
  }
  // Made on first use: without a gke locator no Google client exists.
  let auth: GoogleAuth | undefined;
  return async () => {
    auth ??= new GoogleAuth({
      scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      ...(credentials ? { credentials } : {}),
    });
    const token = await auth.getAccessToken();
    if (!token) throw new Error('Google returned no access token');
    return token;
  };
}

/**
 * The clusters of the `gke` locators, listed through the GKE API with the
 * backend's Google identity. A locator whose list fails, or leaves out
 * zones GKE could not reach, keeps the clusters it last listed, with the
 * failure as a problem: an API outage must not make clusters, and their
 * data, vanish. One that has never answered makes
 * the read incomplete, for the same reason.
 */
export class GkeClusters {
  private readonly last = new Map<GkeLocator, ClusterDefinition[]>();

  constructor(
    private readonly locators: GkeLocator[],
    private readonly options: {
      accessToken: GoogleAccessToken;
      apiUrl?: string;
      requestTimeoutMs: number;
      fetch?: typeof fetch;
    },
  ) {}

  async read(): Promise<LocatedClusters> {
    const clusters: ClusterDefinition[] = [];
    const problems: string[] = [];
    let incomplete = false;
    for (const locator of this.locators) {
      try {
        const listed = await this.list(locator);
        const found: ClusterDefinition[] = [];
        for (const cluster of listed) {
          const result = clusterOfGke(locator, cluster);
          if (typeof result === 'string') problems.push(result);
          else found.push(result);
        }
        this.last.set(locator, found);
      } catch (error) {
        const listedBefore = this.last.has(locator);
        incomplete ||= !listedBefore;
        problems.push(
          `Listing the clusters of ${locatorName(locator)} failed, ${
            listedBefore
              ? 'keeping the last list'
              : 'keeping the stored data of its clusters until it answers'
          }: ${(error as Error).message}`,
        );
      }
      clusters.push(...(this.last.get(locator) ?? []));
    }
    return { clusters, problems, ...(incomplete && { incomplete }) };
  }

  private async list(locator: GkeLocator): Promise<GkeCluster[]> {
    const transport = new JsonTransport({
      service: 'GKE',
      url: this.options.apiUrl ?? GKE_API_URL,
      headers: {
        authorization: `Bearer ${await this.options.accessToken()}`,
      },
      requestTimeoutMs: this.options.requestTimeoutMs,
      maxAttempts: 3,
      backoffMs: 500,
      fetch: this.options.fetch ?? ((input, init) => fetch(input, init)),
    });
    const url = transport.url(
      `v1/projects/${encodeURIComponent(
        locator.projectId,
      )}/locations/${encodeURIComponent(locator.region)}/clusters`,
    );
    const response = await transport.get(url);
    const body = response.json as {
      clusters?: GkeCluster[];
      missingZones?: string[];
      error?: { message?: string };
    };
    if (response.status !== 200) {
      throw transport.error(
        url,
        body?.error?.message ?? transport.describe(response),
        response.status,
      );
    }
    // GKE answers 200 without the clusters of zones it could not reach (an
    // outage of one zone); a list that short would drop those clusters and
    // their data, so it counts as a list that failed.
    if (body?.missingZones?.length) {
      throw new Error(
        `the answer leaves out the clusters of ${body.missingZones.join(
          ', ',
        )}, which GKE could not reach`,
      );
    }
    return (body?.clusters ?? []).filter(cluster =>
      locator.matchingResourceLabels.every(
        ({ key, value }) => cluster.resourceLabels?.[key] === value,
      ),
    );
  }
}
