import type { Entity } from '@backstage/catalog-model';
import {
  chosenOption,
  declaredEvidence,
  ECOSYSTEM_ANNOTATIONS,
  formatDeclaredTools,
  mergeDeclaredStacks,
  readDeclaredStack,
  RUNTIME_STACK_ANNOTATIONS,
  type CoverageEvidence,
  type DeclaredTool,
  type LayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import { sandboxToolOf, type PreviewChoices } from './previewEvidence';

/**
 * The repository's host. The Repository page comes after the platform
 * choices, and its pattern ties the host to the CI system (GitLab CI/CD runs
 * on gitlab.com, GitHub Actions on github.com), so until it is filled in the
 * CI system says where it will be.
 */
const repositoryHostOf = (choices: PreviewChoices) =>
  choices.repositoryHost ??
  (choices.ci === 'gitlab-ci' ? 'gitlab.com' : 'github.com');

/**
 * The tools the template's declare-stack step declares for the choices, as
 * its `tools` input maps them (examples/templates/runtime-service); the
 * chart's own objects are not among them.
 */
export function templateDeclaredTools(choices: PreviewChoices): DeclaredTool[] {
  const { ingress, observability } = choices;
  const tools: Record<string, string | undefined> = {
    'source-control':
      repositoryHostOf(choices) === 'gitlab.com' ? 'gitlab' : 'github',
    'ci-cd': chosenOption(choices.ci),
    'build-security': 'trivy',
    'package-management': 'helm',
    policy: 'kubernetes-network-policy',
    gitops: chosenOption(choices.gitops),
    'service-proxy': ingress?.enabled ? ingress.className : undefined,
    'certificate-management':
      ingress?.enabled && ingress.tls ? 'cert-manager' : undefined,
    'service-mesh': chosenOption(choices.mesh),
    'container-runtime': sandboxToolOf(chosenOption(choices.sandbox) ?? ''),
    metrics: observability?.serviceMonitor ? 'prometheus' : undefined,
    alerting: observability?.alertRules ? 'alertmanager' : undefined,
    visualization: observability?.dashboards ? 'grafana' : undefined,
  };
  return Object.entries(tools).flatMap(([capability, tool]) =>
    tool ? [{ capability, tool }] : [],
  );
}

/**
 * The Component the template's catalog-info.yaml will describe, with the
 * annotations that can claim a tool: `runtime-stack.io/tools` and the
 * requirement profile from the declare-stack step, the image, the
 * Kubernetes references and the repository's project slug. Until the
 * Repository page names the repository, the service's name stands in for
 * its slug: only that the annotation is there claims a tool.
 */
export function registeredEntityOf(choices: PreviewChoices): Entity {
  const name = choices.name ?? 'new-service';
  const tools = formatDeclaredTools(templateDeclaredTools(choices));
  const slugAnnotation =
    repositoryHostOf(choices) === 'gitlab.com'
      ? ECOSYSTEM_ANNOTATIONS.gitlabProjectSlug
      : ECOSYSTEM_ANNOTATIONS.githubProjectSlug;
  const annotations: Record<string, string | undefined> = {
    [ECOSYSTEM_ANNOTATIONS.kubernetesId]: name,
    [ECOSYSTEM_ANNOTATIONS.kubernetesNamespace]: choices.namespace ?? name,
    [ECOSYSTEM_ANNOTATIONS.kubernetesCluster]: choices.cluster,
    [slugAnnotation]: choices.repositorySlug ?? name,
    [RUNTIME_STACK_ANNOTATIONS.images]: choices.image,
    [RUNTIME_STACK_ANNOTATIONS.tools]: tools || undefined,
    [RUNTIME_STACK_ANNOTATIONS.requirementProfile]: choices.requirementProfile,
  };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: Object.fromEntries(
        Object.entries(annotations).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      ),
    },
    spec: {
      type: 'service',
      lifecycle:
        choices.requirementProfile === 'experimental'
          ? 'experimental'
          : 'production',
      ...(choices.owner ? { owner: choices.owner } : {}),
      ...(choices.system ? { system: choices.system } : {}),
    },
  };
}

/**
 * What the service claims once registered, read from its planned
 * catalog-info.yaml and its System's annotations with the functions the
 * entity page's coverage uses, so the two agree: the System's tools stand
 * for the capabilities the service declares nothing for.
 */
export function registeredEvidence(
  choices: PreviewChoices,
  layerModel: LayerModel,
  system?: Entity,
): CoverageEvidence[] {
  return declaredEvidence(
    mergeDeclaredStacks(
      readDeclaredStack(registeredEntityOf(choices), layerModel),
      system ? readDeclaredStack(system, layerModel) : undefined,
    ),
  );
}
