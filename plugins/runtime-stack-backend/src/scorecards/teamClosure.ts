import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';

export interface ClosureRow {
  team_ref: string;
  member_ref: string;
  depth: number;
}

/**
 * Every (ancestor, group, depth) pair of the catalog's group hierarchy,
 * each group its own ancestor at depth 0, so a team's rollup includes the
 * services of every group below it. Parents come from the `childOf`
 * relation; a cycle stops the walk instead of looping.
 */
export function teamClosure(groups: Entity[]): ClosureRow[] {
  const parentOf = new Map<string, string>();
  for (const group of groups) {
    const parent = group.relations?.find(r => r.type === 'childOf');
    if (parent) parentOf.set(stringifyEntityRef(group), parent.targetRef);
  }
  const rows: ClosureRow[] = [];
  for (const group of groups) {
    const ref = stringifyEntityRef(group);
    const seen = new Set<string>();
    for (
      let ancestor: string | undefined = ref, depth = 0;
      ancestor && !seen.has(ancestor);
      ancestor = parentOf.get(ancestor), depth++
    ) {
      seen.add(ancestor);
      rows.push({ team_ref: ancestor, member_ref: ref, depth });
    }
  }
  return rows;
}
