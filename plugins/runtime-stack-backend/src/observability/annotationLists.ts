/** The entries of a comma-separated annotation value, trimmed, empty ones left out. */
export function commaSeparated(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(entry => entry.trim())
    .filter(Boolean);
}
