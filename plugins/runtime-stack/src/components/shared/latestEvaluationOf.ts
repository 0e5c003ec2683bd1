/**
 * When the most recently evaluated of these services was evaluated, or
 * undefined for none: a view summing several services changes whenever any
 * of them is evaluated again, and its trend's latest day with it.
 */
export const latestEvaluationOf = (
  services: ReadonlyArray<{ evaluatedAt: string }>,
): string | undefined =>
  services
    .map(s => s.evaluatedAt)
    .reduce<string | undefined>(
      (latest, at) => (latest === undefined || at > latest ? at : latest),
      undefined,
    );
