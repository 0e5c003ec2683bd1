import type { LayerModel } from '../layers/types';
import {
  CONDITION_KEYS,
  MATCHER_CONDITIONS,
  TARGET_KEYS,
  targetHasPodSpec,
} from './matcherConditions';
import { isRecord } from './objectFields';
import { patternProblem } from './patterns';
import type { DetectionRule } from './types';

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** Tool ids per capability id. */
function toolsByCapability(layerModel: LayerModel): Map<string, Set<string>> {
  return new Map(
    layerModel.layers.flatMap(layer =>
      layer.capabilities.map(
        c => [c.id, new Set(c.tools.map(t => t.id))] as const,
      ),
    ),
  );
}

function matcherProblems(matcher: unknown, where: string): string[] {
  if (!isRecord(matcher)) {
    return [`${where}: must be an object`];
  }
  const problems: string[] = [];
  const objectKind = matcher.objectKind;
  if (!isNonEmptyString(objectKind)) {
    problems.push(`${where}.objectKind: must be a non-empty string`);
  }
  if (matcher.apiGroup !== undefined && typeof matcher.apiGroup !== 'string') {
    problems.push(`${where}.apiGroup: must be a string`);
  }
  const keys = Object.keys(matcher);
  for (const key of keys) {
    if (![...TARGET_KEYS, ...CONDITION_KEYS, 'value'].includes(key)) {
      problems.push(
        `${where}.${key}: unknown key; a matcher takes objectKind, apiGroup and one of ${CONDITION_KEYS.join(
          ', ',
        )}`,
      );
    }
  }
  const conditionKeys = keys.filter(key => CONDITION_KEYS.includes(key));
  if (conditionKeys.length > 1) {
    problems.push(
      `${where}: has ${conditionKeys
        .map(k => `'${k}'`)
        .join(
          ' and ',
        )}; use one condition per matcher and list several matchers instead`,
    );
  }
  const conditionKey = conditionKeys[0];
  if (conditionKey === undefined) {
    if (objectKind === 'any' || objectKind === 'workload') {
      problems.push(
        `${where}: objectKind '${objectKind}' without a condition would match every such object`,
      );
    }
    if ('value' in matcher) {
      problems.push(
        `${where}.value: only label and annotation matchers take a value`,
      );
    }
    return problems;
  }

  const condition = MATCHER_CONDITIONS[conditionKey];
  if (condition.patternKey !== 'value' && 'value' in matcher) {
    problems.push(
      `${where}.value: only label and annotation matchers take a value`,
    );
  }
  if (isNonEmptyString(objectKind)) {
    if (condition.kind !== undefined && objectKind !== condition.kind) {
      problems.push(
        `${where}.${conditionKey}: only applies to objectKind '${condition.kind}', not '${objectKind}'`,
      );
    }
    if (condition.needsPodSpec && !targetHasPodSpec(objectKind)) {
      problems.push(
        `${where}.${conditionKey}: objectKind '${objectKind}' has no containers; use Pod, a workload kind, 'workload' or 'any'`,
      );
    }
  }
  if (condition.patternKey === 'value') {
    // Label and annotation matchers name the key exactly.
    if (!isNonEmptyString(matcher[conditionKey])) {
      problems.push(`${where}.${conditionKey}: must be a non-empty string`);
    }
  }
  const pattern = matcher[condition.patternKey];
  if (pattern === undefined && condition.patternOptional) {
    return problems;
  }
  if (typeof pattern !== 'string' || pattern.length === 0) {
    problems.push(
      `${where}.${condition.patternKey}: must be a non-empty regular expression`,
    );
  } else {
    const problem = patternProblem(pattern);
    if (problem) {
      problems.push(
        `${where}.${condition.patternKey}: invalid regular expression '${pattern}': ${problem}`,
      );
    }
  }
  return problems;
}

function ruleProblems(
  rule: unknown,
  where: string,
  tools: Map<string, Set<string>>,
): string[] {
  if (!isRecord(rule)) {
    return [`${where}: must be an object with tool, capability and match`];
  }
  const problems: string[] = [];
  const { tool, capability, match } = rule;
  const capabilityTools = isNonEmptyString(capability)
    ? tools.get(capability)
    : undefined;
  if (!isNonEmptyString(capability)) {
    problems.push(`${where}.capability: must be a non-empty string`);
  } else if (!capabilityTools) {
    problems.push(
      `${where}.capability: unknown capability '${capability}' in the layer model`,
    );
  }
  if (!isNonEmptyString(tool)) {
    problems.push(`${where}.tool: must be a non-empty string`);
  } else if (capabilityTools && !capabilityTools.has(tool)) {
    problems.push(
      `${where}.tool: unknown tool '${tool}' for capability '${capability}'; add it to the layer model first`,
    );
  }
  if (!Array.isArray(match) || match.length === 0) {
    problems.push(`${where}.match: must list at least one matcher`);
  } else {
    match.forEach((matcher, index) =>
      problems.push(...matcherProblems(matcher, `${where}.match[${index}]`)),
    );
  }
  return problems;
}

/** The problems of each rule, in rule order; an empty list means valid. */
export function problemsPerRule(
  rules: DetectionRule[],
  layerModel: LayerModel,
): string[][] {
  const tools = toolsByCapability(layerModel);
  return rules.map((rule, index) => {
    // The index is exact; the tool id helps a reader find the rule in config.
    const suffix =
      isRecord(rule) && isNonEmptyString(rule.tool)
        ? ` (rule for tool '${rule.tool}')`
        : '';
    return ruleProblems(rule, `rules[${index}]`, tools).map(
      problem => `${problem}${suffix}`,
    );
  });
}

/**
 * Checks detection rules against a layer model: unknown capabilities and
 * tools, empty or malformed matchers and bad regular expressions. Returns
 * every problem, each naming the rule and field, so rules read from config
 * can be reported in one go.
 *
 * @public
 */
export function validateDetectionRules(
  rules: DetectionRule[],
  layerModel: LayerModel,
): string[] {
  if (!Array.isArray(rules)) {
    return ['rules: must be a list of detection rules'];
  }
  return problemsPerRule(rules, layerModel).flat();
}
