/**
 * React keys for a list, from what tells its items apart, made unique by
 * numbering repeats. Real data repeats what looks like an identity (an
 * alert firing once per instance, a rule name in two rule groups, a
 * dashboard that is also the overview), and a repeated key makes React
 * drop or mix up rows; an index alone would move state between rows when
 * the list changes.
 */
export function uniqueKeys<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
): string[] {
  const used = new Set<string>();
  return items.map(item => {
    const base = keyOf(item);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}#${n}`;
    used.add(key);
    return key;
  });
}

/** A label set as text, the same whatever order its labels came in. */
export const labelsKey = (labels: Record<string, string>): string =>
  Object.keys(labels)
    .sort()
    .map(name => `${name}=${labels[name]}`)
    .join(',');
