import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * An entity ref as people say it: `team-payments`, or `ops/team-payments`
 * outside the default namespace; the input itself when it does not parse.
 */
export function shortEntityName(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/**
 * What someone typed as a team, as a full Group ref: `team-payments` becomes
 * `group:default/team-payments`. Text that does not parse is kept, so the
 * backend can say what is wrong with it.
 */
export function toGroupRef(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  try {
    return stringifyEntityRef(
      parseEntityRef(trimmed, { defaultKind: 'group' }),
    );
  } catch {
    return trimmed;
  }
}
