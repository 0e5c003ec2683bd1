import type { ClusterObject } from '../../cluster/clusterObjects';
import type { DetectedTool } from '../findings';
import {
  apiGroupOf,
  evidenceOf,
  JsonRecord,
  recordsAt,
  stringAt,
  stringsAt,
} from '../objectFields';
import type { DetectionEvidence } from '../types';
import {
  namespacePatternMatches,
  namespacesOf,
  ofKind,
  ServiceScope,
} from './serviceScope';

const KYVERNO = { tool: 'kyverno', capability: 'policy' };
const OPA_GATEKEEPER = { tool: 'opa-gatekeeper', capability: 'policy' };
const VALIDATING_ACTION = /^(enforce|audit)$/i;

/** Where a ClusterPolicy says it validates: the policy or, newer, a rule. */
function validationAction(
  policy: ClusterObject,
): DetectionEvidence | undefined {
  const policyAction = stringAt(policy, ['spec', 'validationFailureAction']);
  if (policyAction && VALIDATING_ACTION.test(policyAction)) {
    return evidenceOf(policy, 'spec.validationFailureAction', policyAction);
  }
  const rules = recordsAt(policy, ['spec', 'rules']);
  for (const [index, rule] of rules.entries()) {
    const ruleAction = stringAt(rule, ['validate', 'failureAction']);
    if (ruleAction && VALIDATING_ACTION.test(ruleAction)) {
      return evidenceOf(
        policy,
        `spec.rules[${index}].validate.failureAction`,
        ruleAction,
      );
    }
  }
  return undefined;
}

function excludedNamespaces(rule: JsonRecord): string[] {
  return [
    ...recordsAt(rule, ['exclude', 'any']).flatMap(filter =>
      stringsAt(filter, ['resources', 'namespaces']),
    ),
    // The pre-1.7 form without any/all.
    ...stringsAt(rule, ['exclude', 'resources', 'namespaces']),
  ];
}

/**
 * A validating Kyverno ClusterPolicy applies everywhere except where each
 * of its rules excludes the namespace by name. Deliberately simple: `match`
 * clauses are not evaluated.
 */
export function clusterPolicyAppliesTo(
  policy: ClusterObject,
  namespace: string,
): DetectionEvidence | undefined {
  const action = validationAction(policy);
  const rules = recordsAt(policy, ['spec', 'rules']);
  const someRuleApplies = rules.some(
    rule =>
      !excludedNamespaces(rule).some(p =>
        namespacePatternMatches(p, namespace),
      ),
  );
  return action && someRuleApplies ? action : undefined;
}

/** Kyverno ClusterPolicies that apply to the namespace, and its own Policies. */
export function kyvernoPolicyTools(scope: ServiceScope): DetectedTool[] {
  const namespaces = [...namespacesOf(scope.serviceObjects)];
  const clusterPolicies = ofKind(
    scope.clusterObjects,
    'ClusterPolicy',
    'kyverno.io',
  );
  const policies = ofKind(scope.clusterObjects, 'Policy', 'kyverno.io');
  return namespaces.flatMap(namespace => [
    ...clusterPolicies.flatMap(policy => {
      const evidence = clusterPolicyAppliesTo(policy, namespace);
      return evidence ? [{ ...KYVERNO, evidence: [evidence] }] : [];
    }),
    ...policies
      .filter(policy => policy.metadata.namespace === namespace)
      .map(policy => ({
        ...KYVERNO,
        evidence: [evidenceOf(policy, 'metadata.namespace', namespace)],
      })),
  ]);
}

/**
 * Gatekeeper constraints (any kind in `constraints.gatekeeper.sh`) that do
 * not leave the namespace out through `spec.match`. Used when the collector
 * has them; it does not list constraint kinds by default.
 */
export function gatekeeperConstraintTools(scope: ServiceScope): DetectedTool[] {
  const constraints = scope.clusterObjects.filter(
    o => apiGroupOf(o) === 'constraints.gatekeeper.sh',
  );
  return [...namespacesOf(scope.serviceObjects)].flatMap(namespace =>
    constraints.flatMap(constraint => {
      const included = stringsAt(constraint, ['spec', 'match', 'namespaces']);
      const excluded = stringsAt(constraint, [
        'spec',
        'match',
        'excludedNamespaces',
      ]);
      const hit = included.find(p => namespacePatternMatches(p, namespace));
      if (
        excluded.some(p => namespacePatternMatches(p, namespace)) ||
        (included.length > 0 && hit === undefined)
      ) {
        return [];
      }
      const evidence =
        hit !== undefined
          ? evidenceOf(constraint, 'spec.match.namespaces', hit)
          : evidenceOf(constraint, 'kind', constraint.kind);
      return [{ ...OPA_GATEKEEPER, evidence: [evidence] }];
    }),
  );
}
