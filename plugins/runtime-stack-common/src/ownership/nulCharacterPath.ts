const NUL = '\u0000';

/** Arrays and plain objects: what JSON bodies and parsed query strings are made of. */
function isContainer(
  value: unknown,
): value is unknown[] | Record<string, unknown> {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A value met on the walk, linked to where it sits rather than copying its path. */
type Visit = { value: unknown; key?: string | number; parent?: Visit };

function pathOf(visit: Visit | undefined): Array<string | number> {
  const path: Array<string | number> = [];
  for (let at = visit; at?.key !== undefined; at = at.parent) {
    path.push(at.key);
  }
  return path.reverse();
}

/**
 * Where the first string (or object key) holding a NUL character is in an
 * input, as a path such as `['records', 0, 'note']`; undefined when there
 * is none. PostgreSQL refuses the character in text (error 22021) while
 * SQLite stores it, so input must carry it to neither.
 *
 * The walk keeps its own stack: a JSON body nested thousands deep must not
 * overflow the call stack.
 */
export function nulCharacterPath(
  value: unknown,
): Array<string | number> | undefined {
  const pending: Visit[] = [{ value }];
  const seen = new Set<object>();
  while (pending.length > 0) {
    const visit = pending.pop()!;
    const current = visit.value;
    if (typeof current === 'string') {
      if (current.includes(NUL)) return pathOf(visit);
      continue;
    }
    if (!isContainer(current) || seen.has(current)) continue;
    seen.add(current);
    const entries: Array<[string | number, unknown]> = Array.isArray(current)
      ? current.map((item, index) => [index, item])
      : Object.entries(current);
    const badKey = entries.find(
      ([key]) => typeof key === 'string' && key.includes(NUL),
    );
    if (badKey) return [...pathOf(visit), badKey[0]];
    // Reversed onto the stack, so the first field in the input is met first.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i];
      pending.push({ value: item, key, parent: visit });
    }
  }
  return undefined;
}
