import {
  ECOSYSTEM_ANNOTATIONS,
  RUNTIME_STACK_ANNOTATIONS,
} from './annotations';
import { isScpNameText } from './annotationText';
import type { LayerModel } from './layers/types';

/**
 * A tool that an annotation of another plugin implies: a GitHub project slug
 * means the code is on GitHub, a Jenkins job name that Jenkins builds it.
 * Like `runtime-stack.io/tools`, it is a claim of the catalog, not an
 * observation.
 *
 * @public
 */
export interface EcosystemTool {
  capability: string;
  tool: string;
  /** The annotation that implies the tool, for example `github.com/project-slug`. */
  annotation: string;
  value: string;
}

/**
 * The source-control tool of a repository address, by its host:
 * `https://github.com/acme/api`, `git@gitlab.com:acme/api.git` or a catalog
 * location such as `url:https://dev.azure.com/acme/_git/api`. `toolOfHost`
 * names the tools of hosts the caller knows (the backend's SCM integrations,
 * such as a GitHub Enterprise on its own domain) and is asked first; then
 * well-known host names decide. Other hosts (and `file:` locations) give
 * none.
 *
 * @public
 */
export function sourceControlToolOf(
  address: string,
  toolOfHost?: (host: string) => string | undefined,
): string | undefined {
  const host = hostOf(address.trim().replace(/^url:/, ''));
  if (!host) return undefined;
  const known = toolOfHost?.(host);
  if (known) return known;
  const is = (name: string) =>
    host === `${name}.com` ||
    host === `${name}.org` ||
    host.startsWith(`${name}.`) ||
    host.includes(`.${name}.`);
  if (is('github') || host.endsWith('.ghe.com')) return 'github';
  if (is('gitlab')) return 'gitlab';
  if (is('bitbucket')) return 'bitbucket';
  if (host === 'dev.azure.com' || host.endsWith('.visualstudio.com')) {
    return 'azure-devops';
  }
  return undefined;
}

/**
 * The container-registry tool of a well-known registry host, as image
 * references name it: `docker.io`, `ghcr.io`, `quay.io`,
 * `123456789012.dkr.ecr.eu-west-1.amazonaws.com`, `europe-docker.pkg.dev`,
 * `acme.azurecr.io`, `registry.gitlab.com`, `acme.jfrog.io`. Other hosts (a
 * registry of the company's own) give none: configure its tool instead.
 *
 * @public
 */
export function registryToolOf(registryHost: string): string | undefined {
  const host = registryHost.toLowerCase().replace(/:\d+$/, '');
  if (['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(host)) {
    return 'docker-hub';
  }
  if (host === 'ghcr.io') return 'github-container-registry';
  if (host === 'quay.io') return 'quay';
  if (
    /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(
      host,
    ) ||
    host === 'public.ecr.aws'
  ) {
    return 'amazon-ecr';
  }
  if (
    host === 'gcr.io' ||
    host.endsWith('.gcr.io') ||
    host.endsWith('-docker.pkg.dev')
  ) {
    return 'google-container-registry';
  }
  if (host.endsWith('.azurecr.io')) return 'azure-container-registry';
  if (host === 'registry.gitlab.com') return 'gitlab-container-registry';
  if (host.endsWith('.jfrog.io')) return 'jfrog-artifactory';
  return undefined;
}

/** The host of an scp-like `user@host:path`, which is not a URL (no `//`). */
function scpHostOf(address: string): string | undefined {
  const at = address.indexOf('@');
  const colon = at < 0 ? -1 : address.indexOf(':', at);
  if (colon < 0 || address.startsWith('//', colon + 1)) return undefined;
  const host = address.slice(at + 1, colon);
  return isScpNameText(address.slice(0, at)) && isScpNameText(host)
    ? host
    : undefined;
}

/** The lower-case host of a URL or of an scp-like `user@host:path`. */
function hostOf(address: string): string | undefined {
  const scpHost = scpHostOf(address);
  if (scpHost) return scpHost.toLowerCase();
  try {
    const url = new URL(address);
    return ['http:', 'https:', 'ssh:', 'git:'].includes(url.protocol)
      ? url.hostname.toLowerCase() || undefined
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How an annotation of another plugin implies a tool. `tool` reads the value
 * and gives none when the value implies none (`tekton.dev/cicd: "false"`).
 *
 * @public
 */
export interface EcosystemToolRule {
  annotation: string;
  capability: string;
  tool: (value: string) => string | undefined;
}

const always = (tool: string) => () => tool;

/**
 * The annotations of the delivery plugins (source control, CI/CD, GitOps)
 * and the tools of the default layer model they imply. A project slug says
 * where the code is, not what builds it, so it implies no CI.
 *
 * @public
 */
export const ECOSYSTEM_TOOL_RULES: ReadonlyArray<EcosystemToolRule> = [
  {
    annotation: ECOSYSTEM_ANNOTATIONS.githubProjectSlug,
    capability: 'source-control',
    tool: always('github'),
  },
  {
    annotation: ECOSYSTEM_ANNOTATIONS.gitlabProjectSlug,
    capability: 'source-control',
    tool: always('gitlab'),
  },
  {
    annotation: ECOSYSTEM_ANNOTATIONS.azureDevopsProjectRepo,
    capability: 'source-control',
    tool: always('azure-devops'),
  },
  {
    annotation: ECOSYSTEM_ANNOTATIONS.sourceLocation,
    capability: 'source-control',
    tool: sourceControlToolOf,
  },
  {
    annotation: ECOSYSTEM_ANNOTATIONS.jenkinsJobFullName,
    capability: 'ci-cd',
    tool: always('jenkins'),
  },
  {
    annotation: ECOSYSTEM_ANNOTATIONS.jenkinsGithubFolder,
    capability: 'ci-cd',
    tool: always('jenkins'),
  },
  {
    annotation: ECOSYSTEM_ANNOTATIONS.circleciProjectSlug,
    capability: 'ci-cd',
    tool: always('circleci'),
  },
  {
    annotation: ECOSYSTEM_ANNOTATIONS.buildkiteProjectSlug,
    capability: 'ci-cd',
    tool: always('buildkite'),
  },
  {
    annotation: ECOSYSTEM_ANNOTATIONS.gocdPipelines,
    capability: 'ci-cd',
    tool: always('gocd'),
  },
  {
    annotation: ECOSYSTEM_ANNOTATIONS.azureDevopsBuildDefinition,
    capability: 'ci-cd',
    tool: always('azure-devops'),
  },
  {
    annotation: ECOSYSTEM_ANNOTATIONS.tektonCicd,
    capability: 'ci-cd',
    tool: value => (value.toLowerCase() === 'true' ? 'tekton' : undefined),
  },
  {
    annotation: ECOSYSTEM_ANNOTATIONS.argocdAppName,
    capability: 'gitops',
    tool: always('argo-cd'),
  },
  {
    annotation: ECOSYSTEM_ANNOTATIONS.argocdAppSelector,
    capability: 'gitops',
    tool: always('argo-cd'),
  },
];

/**
 * The tools an entity's annotations of other plugins imply, in the order of
 * `ECOSYSTEM_TOOL_RULES`. Those plugins own their annotations, so a value
 * that implies nothing, or a tool the layer model does not know (a model
 * customised without it), is left out rather than reported.
 *
 * @public
 */
export function readEcosystemTools(
  annotations: Record<string, unknown>,
  model: LayerModel,
): EcosystemTool[] {
  const known = new Set(
    model.layers.flatMap(l =>
      l.capabilities.flatMap(c => c.tools.map(t => `${c.id} ${t.id}`)),
    ),
  );
  return ECOSYSTEM_TOOL_RULES.flatMap(rule => {
    const raw = annotations[rule.annotation];
    const value = typeof raw === 'string' ? raw.trim() : '';
    const tool = value ? rule.tool(value) : undefined;
    return tool && known.has(`${rule.capability} ${tool}`)
      ? [
          {
            capability: rule.capability,
            tool,
            annotation: rule.annotation,
            value,
          },
        ]
      : [];
  });
}

/**
 * The ecosystem annotations that name a tool of the capability (a CI
 * plugin's project annotation, a repository slug), where a service says
 * where its code or pipeline is.
 *
 * @public
 */
export const ecosystemAnnotationsFor = (capability: string): string[] =>
  ECOSYSTEM_TOOL_RULES.filter(
    r =>
      r.capability === capability &&
      r.annotation !== ECOSYSTEM_ANNOTATIONS.sourceLocation,
  ).map(r => r.annotation);

const annotationsFor = (capability: string) =>
  ecosystemAnnotationsFor(capability).join(', ');

/**
 * What would give the delivery capabilities evidence. Only where the code
 * lives can be observed (the catalog's own location, an image's source
 * label); what builds it is always a claim.
 *
 * @public
 */
export const DELIVERY_HINTS: Readonly<Record<string, string>> = {
  'source-control': `register it in the catalog from its repository (a url location, recorded in ${
    ECOSYSTEM_ANNOTATIONS.managedByLocation
  }) or label its images with org.opencontainers.image.source; ${annotationsFor(
    'source-control',
  )} say where the code is`,
  'ci-cd': `name its pipeline with the annotation of its CI plugin (${annotationsFor(
    'ci-cd',
  )}) or declare it in ${RUNTIME_STACK_ANNOTATIONS.tools} (ci-cd=tool)`,
};

/**
 * Capabilities nothing in the portal observes, so that a declaration is all
 * there can be, with what to say about a declared tool instead of asking for
 * a confirmation that cannot come.
 *
 * @public
 */
export const CLAIM_ONLY_HINTS: Readonly<Record<string, string>> = {
  'ci-cd':
    "the portal reads no CI system, so it stays a claim; the CI plugin's own tab shows the builds",
};
