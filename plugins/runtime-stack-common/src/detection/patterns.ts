/**
 * Compiles a rule pattern so it must match the whole value: a plain name is
 * an exact match, and `enabled` never matches `disabled`.
 */
export function compilePattern(source: string): RegExp {
  return new RegExp(`^(?:${source})$`);
}

/**
 * Why a pattern cannot be compiled, or undefined. The source is checked on
 * its own, because wrapping it could hide a stray parenthesis.
 */
export function patternProblem(source: string): string | undefined {
  try {
    RegExp(source);
    compilePattern(source);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
