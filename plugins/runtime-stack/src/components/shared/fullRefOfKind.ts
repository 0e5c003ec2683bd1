import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * A ref as written by a user or an entity (`name`, `namespace/name`,
 * `kind:namespace/name`) as the full ref of an entity of `kind`; undefined
 * when it is empty, malformed or names an entity of another kind, which
 * addresses and forms can hold.
 */
export function fullRefOfKind(
  ref: string | undefined,
  kind: 'group' | 'system',
  defaultNamespace = 'default',
): string | undefined {
  if (!ref) return undefined;
  try {
    const parsed = parseEntityRef(ref, { defaultKind: kind, defaultNamespace });
    return parsed.kind.toLocaleLowerCase('en-US') === kind
      ? stringifyEntityRef(parsed)
      : undefined;
  } catch {
    return undefined;
  }
}
