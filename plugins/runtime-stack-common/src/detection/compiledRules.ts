import type { ClusterObject } from '../cluster/clusterObjects';
import type { LayerModel } from '../layers/types';
import {
  CONDITION_KEYS,
  MATCHER_CONDITIONS,
  MatcherCondition,
  objectKindMatches,
} from './matcherConditions';
import { apiGroupOf, evidenceOf, WORKLOAD_KINDS } from './objectFields';
import { compilePattern } from './patterns';
import type {
  DetectionEvidence,
  DetectionMatcher,
  DetectionRule,
} from './types';
import { problemsPerRule } from './validateDetectionRules';

/** A matcher with its pattern compiled once, not once per object. */
export interface CompiledMatcher {
  objectKind: string;
  apiGroup?: string;
  condition?: MatcherCondition;
  fields: Record<string, unknown>;
  pattern?: RegExp;
}

export interface CompiledRule {
  tool: string;
  capability: string;
  matchers: CompiledMatcher[];
}

function compileMatcher(matcher: DetectionMatcher): CompiledMatcher {
  const fields = matcher as unknown as Record<string, unknown>;
  const conditionKey = CONDITION_KEYS.find(key => key in fields);
  const condition = conditionKey ? MATCHER_CONDITIONS[conditionKey] : undefined;
  const source = condition ? fields[condition.patternKey] : undefined;
  return {
    objectKind: matcher.objectKind,
    apiGroup: matcher.apiGroup,
    condition,
    fields,
    pattern: typeof source === 'string' ? compilePattern(source) : undefined,
  };
}

/**
 * Compiles the rules that are valid against the layer model. Invalid ones
 * are left out rather than thrown, so one bad rule from config cannot stop
 * detection; `validateDetectionRules` is where they get reported.
 */
export function compileRules(
  rules: DetectionRule[],
  layerModel: LayerModel,
): CompiledRule[] {
  const problems = problemsPerRule(rules, layerModel);
  return rules
    .filter((_rule, index) => problems[index].length === 0)
    .map(rule => ({
      tool: rule.tool,
      capability: rule.capability,
      matchers: rule.match.map(compileMatcher),
    }));
}

/** Evidence for every value of the object the matcher accepts. */
export function matchObject(
  matcher: CompiledMatcher,
  object: ClusterObject,
): DetectionEvidence[] {
  if (!objectKindMatches(matcher.objectKind, object.kind)) {
    return [];
  }
  if (
    matcher.apiGroup !== undefined &&
    apiGroupOf(object) !== matcher.apiGroup
  ) {
    return [];
  }
  if (!matcher.condition) {
    return [evidenceOf(object, 'kind', object.kind)];
  }
  const pattern = matcher.pattern;
  return matcher.condition
    .read(object, matcher.fields)
    .filter(read => !pattern || pattern.test(read.subject ?? read.value))
    .map(read => evidenceOf(object, read.field, read.value));
}

/** Evidence from any matcher of the rule; empty when the rule does not fire. */
export function matchRule(
  rule: CompiledRule,
  object: ClusterObject,
): DetectionEvidence[] {
  return rule.matchers.flatMap(matcher => matchObject(matcher, object));
}

/**
 * Applies rules to objects, trying each matcher only on objects of its kind,
 * which matters on clusters with thousands of Pods.
 */
export function matchRules(
  rules: CompiledRule[],
  objects: ClusterObject[],
): Array<{ tool: string; capability: string; evidence: DetectionEvidence[] }> {
  const byKind = new Map<string, ClusterObject[]>();
  for (const object of objects) {
    const sameKind = byKind.get(object.kind);
    if (sameKind) {
      sameKind.push(object);
    } else {
      byKind.set(object.kind, [object]);
    }
  }
  const workloads = [...WORKLOAD_KINDS].flatMap(kind => byKind.get(kind) ?? []);
  const candidates = (objectKind: string) => {
    if (objectKind === 'any') {
      return objects;
    }
    return objectKind === 'workload' ? workloads : byKind.get(objectKind) ?? [];
  };

  return rules.flatMap(rule => {
    const evidence = rule.matchers.flatMap(matcher =>
      candidates(matcher.objectKind).flatMap(object =>
        matchObject(matcher, object),
      ),
    );
    return evidence.length > 0
      ? [{ tool: rule.tool, capability: rule.capability, evidence }]
      : [];
  });
}
