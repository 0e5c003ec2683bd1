import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Where Debian's package puts `name` (`/usr/bin/<name>`), or else the first
 * one on PATH; undefined when neither exists, so that suites can skip.
 */
export function findBinary(name: string): string | undefined {
  const debianPath = `/usr/bin/${name}`;
  if (existsSync(debianPath)) return debianPath;
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map(dir => join(dir, name))
    .find(candidate => existsSync(candidate));
}

/** {@link findBinary}, failing with the apt-get command that installs it. */
export function requireBinary(name: string, debianPackage = name): string {
  const binary = findBinary(name);
  if (!binary) {
    throw new Error(
      `${name} is not installed (apt-get install ${debianPackage})`,
    );
  }
  return binary;
}
