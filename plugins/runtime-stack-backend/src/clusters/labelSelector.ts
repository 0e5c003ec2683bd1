import { InputError } from '@backstage/errors';

/** One requirement of a label selector, such as `tier!=db`. */
export type LabelRequirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

/**
 * Parses a label selector in Kubernetes' string form, as the
 * `backstage.io/kubernetes-label-selector` annotation holds it:
 * `app=x,tier!=db,env in (a,b),!legacy`.
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  // Split on commas outside parentheses.
  const parts = selector.match(/([^,(]|\([^)]*\))+/g) ?? [];
  return parts
    .map(p => p.trim())
    .filter(Boolean)
    .map(raw => {
      const set = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(raw);
      if (set) {
        return {
          op: set[2] as 'in' | 'notin',
          key: set[1],
          values: set[3]
            .split(',')
            .map(v => v.trim())
            .filter(Boolean),
        };
      }
      const equality = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(raw);
      if (equality) {
        return {
          op: equality[2] === '!=' ? 'neq' : 'eq',
          key: equality[1],
          value: equality[3],
        } as LabelRequirement;
      }
      const absent = /^!\s*([\w./-]+)$/.exec(raw);
      if (absent)
        return { op: 'notexists', key: absent[1] } as LabelRequirement;
      const present = /^([\w./-]+)$/.exec(raw);
      if (present) return { op: 'exists', key: present[1] } as LabelRequirement;
      throw new InputError(
        `Invalid label selector '${selector}': cannot read '${raw}'`,
      );
    });
}

export function matchesLabelSelector(
  requirements: LabelRequirement[],
  labels: Record<string, string> = {},
): boolean {
  return requirements.every(r => {
    const value = labels[r.key];
    switch (r.op) {
      case 'eq':
        return value === r.value;
      case 'neq':
        return value !== r.value;
      case 'in':
        return value !== undefined && r.values.includes(value);
      case 'notin':
        return value === undefined || !r.values.includes(value);
      case 'exists':
        return value !== undefined;
      case 'notexists':
        return value === undefined;
      default:
        return false;
    }
  });
}
