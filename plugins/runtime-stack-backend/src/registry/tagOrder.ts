interface Version {
  numbers: number[];
  /** Dot-separated pre-release identifiers; empty for a release. */
  prerelease: string[];
}

const VERSION =
  /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?$/;

function parseVersion(tag: string): Version | undefined {
  if (tag === 'latest') return undefined;
  const match = VERSION.exec(tag);
  if (!match) return undefined;
  return {
    numbers: match.slice(1, 5).map(n => (n === undefined ? 0 : Number(n))),
    prerelease: match[5] ? match[5].split('.') : [],
  };
}

function comparePrereleaseIdentifiers(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) return Number(a) - Number(b);
  // SemVer: numeric identifiers sort below alphanumeric ones.
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Ascending, as SemVer orders versions; build metadata cannot occur in tags. */
function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < a.numbers.length; i++) {
    if (a.numbers[i] !== b.numbers[i]) return a.numbers[i] - b.numbers[i];
  }
  if (!a.prerelease.length || !b.prerelease.length) {
    return b.prerelease.length - a.prerelease.length;
  }
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const order = comparePrereleaseIdentifiers(
      a.prerelease[i],
      b.prerelease[i],
    );
    if (order !== 0) return order;
  }
  return a.prerelease.length - b.prerelease.length;
}

/** Ordered by the tag's name alone (`1.2.3`, `v2`), so no date is needed. */
export function isVersionTag(tag: string): boolean {
  return parseVersion(tag) !== undefined;
}

const RELEASE_VERSION = /^v?\d+\.\d+(\.\d+)?([-+].*)?$/;

/**
 * A version precise enough to compare a running tag with (`1.2`, `1.2.3`,
 * `v1.2.3-rc.1`): `v2` or `1` name a line of releases, not one.
 */
export function isReleaseVersionTag(tag: string): boolean {
  return RELEASE_VERSION.test(tag);
}

/**
 * Tags newest first: version-like tags (`1.2.3`, `v2`, `1.3.0-rc.1`) by
 * version, highest first, a pre-release below its release; then other tags
 * whose creation date is known, newest first; then `latest` and everything
 * else in the order given. Equal versions (`1.2`, `1.2.0`) keep their order.
 */
export function sortTagsNewestFirst(
  tags: string[],
  created?: Record<string, string>,
): string[] {
  const versioned: Array<{ tag: string; version: Version }> = [];
  const dated: Array<{ tag: string; time: number }> = [];
  const rest: string[] = [];
  for (const tag of tags) {
    const version = parseVersion(tag);
    const time = created?.[tag] ? Date.parse(created[tag]) : NaN;
    if (version) versioned.push({ tag, version });
    else if (tag !== 'latest' && !Number.isNaN(time)) dated.push({ tag, time });
    else rest.push(tag);
  }
  // Array.prototype.sort is stable, which keeps equal entries in order.
  versioned.sort((a, b) => compareVersions(b.version, a.version));
  dated.sort((a, b) => b.time - a.time);
  return [...versioned.map(v => v.tag), ...dated.map(d => d.tag), ...rest];
}
