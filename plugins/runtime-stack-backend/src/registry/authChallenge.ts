/** One challenge of a `WWW-Authenticate` header. */
export interface AuthChallenge {
  /** Lower-case: `bearer`, `basic`, … */
  scheme: string;
  /** Parameter names lower-cased, values unquoted. */
  parameters: Record<string, string>;
}

/**
 * Parses `WWW-Authenticate` (RFC 7235). fetch joins repeated headers with
 * ", ", and quoted values such as `scope="repository:a:pull,push"` hold
 * commas too, so this tokenises instead of splitting.
 */
export function parseAuthChallenges(
  header: string | null | undefined,
): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  if (!header) return challenges;
  const token = /\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)/y;
  const parameter =
    /\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))\s*,?/y;
  const separator = /[\s,]*/y;

  let position = 0;
  const skipSeparators = () => {
    separator.lastIndex = position;
    separator.exec(header);
    position = separator.lastIndex;
  };
  skipSeparators();
  while (position < header.length) {
    token.lastIndex = position;
    const scheme = token.exec(header);
    if (!scheme) break;
    position = token.lastIndex;
    const challenge: AuthChallenge = {
      scheme: scheme[1].toLowerCase(),
      parameters: {},
    };
    challenges.push(challenge);
    // Parameters follow until the next bare token, which starts a challenge.
    for (;;) {
      parameter.lastIndex = position;
      const match = parameter.exec(header);
      if (!match) break;
      challenge.parameters[match[1].toLowerCase()] =
        match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3];
      position = parameter.lastIndex;
    }
    skipSeparators();
  }
  return challenges;
}
