import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  describePlatformMismatch,
  hasClusterBoundChoice,
  platformMismatches,
  type ClusterBoundChoices,
  type ClusterSummary,
} from '@internal/backstage-plugin-runtime-stack-common';
import { RUNTIME_STACK_PLUGIN_ID } from './runtimeStackBackend';

/** A cluster as the Runtime Stack backend last collected it, or why not. */
export type ClusterPlatformAnswer =
  | { known: true; cluster: ClusterSummary }
  | { known: false; reason: string };

/**
 * What the Runtime Stack backend detected on a cluster (`GET /clusters`,
 * as the user, so its cluster-state permission and cluster visibility
 * apply). Anything that keeps the backend from answering for the cluster
 * is a reason, not an error: the choices are then left unchecked.
 */
export async function readClusterPlatform(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  credentials: BackstageCredentials;
  cluster: string;
  signal?: AbortSignal;
}): Promise<ClusterPlatformAnswer> {
  const { discovery, auth, credentials, cluster, signal } = options;
  let response: Response;
  let url = `the ${RUNTIME_STACK_PLUGIN_ID} backend`;
  try {
    const baseUrl = await discovery.getBaseUrl(RUNTIME_STACK_PLUGIN_ID);
    url = `${baseUrl}/clusters`;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: RUNTIME_STACK_PLUGIN_ID,
    });
    response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal,
    });
  } catch (error) {
    return {
      known: false,
      reason: `could not ask ${url}: ${(error as Error).message}`,
    };
  }
  if (!response.ok) {
    const body = await response.text().catch(() => '');
    return {
      known: false,
      reason: `${url} answered ${response.status}${
        body ? `: ${body.slice(0, 300)}` : ''
      }`,
    };
  }
  let items: ClusterSummary[] | undefined;
  try {
    ({ items } = (await response.json()) as { items?: ClusterSummary[] });
  } catch (error) {
    return {
      known: false,
      reason: `${url} answered what is not JSON: ${(error as Error).message}`,
    };
  }
  const found = items?.find(c => c.name === cluster);
  if (!found) {
    return {
      known: false,
      reason: `the Runtime Stack backend does not know cluster '${cluster}'`,
    };
  }
  if (!found.lastSuccessAt) {
    return {
      known: false,
      reason: `the Runtime Stack backend has not collected cluster '${cluster}' yet${
        found.lastError ? ` (${found.lastError})` : ''
      }`,
    };
  }
  return { known: true, cluster: found };
}

/**
 * Checks the choices against the cluster they name: throws an InputError
 * naming each one the cluster lacks. Undefined when there is nothing to
 * check; `checked: false` with the reason when the backend cannot tell, so
 * the choices stay unchecked rather than block a run on a missing answer.
 */
export async function checkChoicesOnCluster(options: {
  discovery?: DiscoveryService;
  auth?: AuthService;
  credentials: () => Promise<BackstageCredentials>;
  cluster?: string;
  choices: ClusterBoundChoices;
  signal?: AbortSignal;
}): Promise<{ checked: boolean; message: string } | undefined> {
  const { discovery, auth, cluster, choices } = options;
  if (!cluster || !hasClusterBoundChoice(choices)) return undefined;
  const unchecked = (reason: string) => ({
    checked: false,
    message: `The service mesh and RuntimeClass were not checked against cluster '${cluster}': ${reason}`,
  });
  if (!discovery || !auth) {
    return unchecked('there is no Runtime Stack backend to ask');
  }
  const answer = await readClusterPlatform({
    discovery,
    auth,
    credentials: await options.credentials(),
    cluster,
    signal: options.signal,
  });
  if (!answer.known) return unchecked(answer.reason);

  const seen = `as the Runtime Stack last collected it (${
    answer.cluster.lastSuccessAt
  }${answer.cluster.stale ? ', since gone stale' : ''})`;
  const problems = platformMismatches(answer.cluster, choices).map(
    describePlatformMismatch,
  );
  if (problems.length > 0) {
    throw new InputError(
      `The platform choices do not fit cluster '${cluster}' ${seen}:\n${problems
        .map(problem => `- ${problem}`)
        .join(
          '\n',
        )}\nChoose what the cluster offers or another cluster, or ask its platform team to offer it.`,
    );
  }
  return {
    checked: true,
    message: `Cluster '${cluster}' offers the service mesh and RuntimeClass chosen, ${seen}`,
  };
}
