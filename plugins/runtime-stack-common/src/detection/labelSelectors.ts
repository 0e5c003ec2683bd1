import { isRecord, stringsAt } from './objectFields';

type Labels = Record<string, string>;

function expressionMatches(expression: unknown, labels: Labels): boolean {
  if (!isRecord(expression) || typeof expression.key !== 'string') {
    return false;
  }
  const value = labels[expression.key];
  const values = stringsAt(expression, ['values']);
  switch (expression.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      // An operator we do not know must not widen the selection.
      return false;
  }
}

/**
 * Whether a Kubernetes LabelSelector (`matchLabels` and `matchExpressions`)
 * selects the labels. As in Kubernetes, an empty selector selects
 * everything; a missing or malformed one selects nothing.
 */
export function labelSelectorMatches(
  selector: unknown,
  labels: Labels,
): boolean {
  if (!isRecord(selector)) {
    return false;
  }
  const matchLabels = isRecord(selector.matchLabels)
    ? selector.matchLabels
    : {};
  const expressions = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
    : [];
  return (
    Object.entries(matchLabels).every(
      ([key, value]) => labels[key] === value,
    ) && expressions.every(expression => expressionMatches(expression, labels))
  );
}

/** The keys a selector looks at, to show only the labels that mattered. */
export function selectorKeys(selector: unknown): string[] {
  if (!isRecord(selector)) {
    return [];
  }
  const fromLabels = isRecord(selector.matchLabels)
    ? Object.keys(selector.matchLabels)
    : [];
  const fromExpressions = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions.flatMap(e =>
        isRecord(e) && typeof e.key === 'string' ? [e.key] : [],
      )
    : [];
  return [...new Set([...fromLabels, ...fromExpressions])];
}

/** A selector in kubectl's string form, e.g. `app=checkout,tier in (web)`. */
export function describeSelector(selector: unknown): string {
  if (!isRecord(selector)) {
    return '';
  }
  const parts = Object.entries(
    isRecord(selector.matchLabels) ? selector.matchLabels : {},
  ).map(([key, value]) => `${key}=${String(value)}`);
  const expressions = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
    : [];
  for (const e of expressions) {
    if (!isRecord(e) || typeof e.key !== 'string') continue;
    const values = stringsAt(e, ['values']).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length > 0 ? parts.join(',') : '(everything)';
}

/** The labels a selector looked at, in `key=value` form. */
export function describeSelectedLabels(
  selector: unknown,
  labels: Labels,
): string {
  const keys = selectorKeys(selector).filter(key => key in labels);
  return keys.length > 0
    ? keys.map(key => `${key}=${labels[key]}`).join(',')
    : Object.entries(labels)
        .map(([key, value]) => `${key}=${value}`)
        .join(',');
}
