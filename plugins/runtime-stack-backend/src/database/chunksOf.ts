/** Values per `whereIn`: far below the bound-variable limits of both databases. */
const WHERE_IN_VALUES = 500;

/** The values in slices of at most `size`, one `whereIn` each. */
export function* chunksOf<T>(
  values: T[],
  size = WHERE_IN_VALUES,
): Generator<T[]> {
  for (let i = 0; i < values.length; i += size) {
    yield values.slice(i, i + size);
  }
}
