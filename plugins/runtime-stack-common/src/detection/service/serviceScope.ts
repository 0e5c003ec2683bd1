import type { ClusterObject } from '../../cluster/clusterObjects';
import { CompiledRule, matchObject } from '../compiledRules';
import type { DetectedTool } from '../findings';
import { apiGroupOf, PodLabels, podLabelsOf } from '../objectFields';
import type { DetectionEvidence } from '../types';

/** What the service-level reasoning steps read. */
export interface ServiceScope {
  /** The service's own workloads, pods, services, ingresses, claims, ... */
  serviceObjects: ClusterObject[];
  /** Everything in the service's cluster, for the objects they refer to. */
  clusterObjects: ClusterObject[];
  rules: CompiledRule[];
}

/** One reason a service uses a tool, derived from related objects. */
export type ServiceReasoning = (scope: ServiceScope) => DetectedTool[];

export function ofKind(
  objects: ClusterObject[],
  kind: string,
  apiGroup?: string,
): ClusterObject[] {
  return objects.filter(
    o =>
      o.kind === kind && (apiGroup === undefined || apiGroupOf(o) === apiGroup),
  );
}

export function namespacesOf(objects: ClusterObject[]): Set<string> {
  return new Set(
    objects.flatMap(o => (o.metadata.namespace ? [o.metadata.namespace] : [])),
  );
}

/** Label sets of the service's pods, or of their templates when scaled to zero. */
export function podLabelSetsOf(objects: ClusterObject[]): PodLabels[] {
  return objects.flatMap(o => {
    const labels = podLabelsOf(o);
    return labels ? [labels] : [];
  });
}

/**
 * Kubernetes-style namespace patterns as Kyverno, Gatekeeper and Velero
 * accept them: an exact name, or `*` as a wildcard (`kube-*`, `*`).
 */
export function namespacePatternMatches(
  pattern: string,
  namespace: string,
): boolean {
  const source = pattern
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(namespace);
}

/**
 * The tools of the cluster object a service object names (an Ingress its
 * IngressClass, a pod template its RuntimeClass), `via` saying where it was
 * named; none when the cluster has no object of that name.
 */
export function toolsOfNamedObject(
  rules: CompiledRule[],
  candidates: ClusterObject[],
  name: string,
  via: DetectionEvidence[],
): DetectedTool[] {
  const named = candidates.find(c => c.metadata.name === name);
  return named ? toolsOfRelatedObject(rules, named, via) : [];
}

/**
 * The tools a related object proves, such as the IngressClass an Ingress
 * names. Only matchers written for the related object's kind count: a Helm
 * label on the IngressClass says how the controller was installed, not what
 * the service uses.
 */
export function toolsOfRelatedObject(
  rules: CompiledRule[],
  related: ClusterObject,
  via: DetectionEvidence[],
): DetectedTool[] {
  return rules.flatMap(rule => {
    const evidence = rule.matchers
      .filter(matcher => matcher.objectKind === related.kind)
      .flatMap(matcher => matchObject(matcher, related));
    return evidence.length > 0
      ? [
          {
            tool: rule.tool,
            capability: rule.capability,
            evidence: [...via, ...evidence],
          },
        ]
      : [];
  });
}
