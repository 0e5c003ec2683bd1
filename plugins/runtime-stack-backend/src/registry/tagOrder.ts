interface Version {
  numbers: number[];
  /** Dot-separated pre-release identifiers; empty for a release. */
  prerelease: string[];
}

const VERSION =
  /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?$/;

/**
 * Named after a commit (`4f2a9c1`, `sha-4f2a9c1e`, `main-4f2a9c1`) or a
 * build: such a tag is pushed once, for one build, and not moved after.
 */
export function isCommitTag(tag: string): boolean {
  return /(^|[-_.])[0-9a-f]{7,40}$/.test(tag);
}

/**
 * Named after the digest of the image it belongs to: cosign's signatures,
 * attestations and SBOMs (`sha256-<hex>.sig`, `.att`, `.sbom`) and the
 * referrers fallback tag of OCI 1.1 (`sha256-<hex>`). Not an image anyone
 * runs, and never moved.
 */
export function isArtifactTag(tag: string): boolean {
  return /^sha256-[0-9a-f]{64}(\.[a-z]+)?$/.test(tag);
}

function parseVersion(tag: string): Version | undefined {
  if (tag === 'latest') return undefined;
  // A short commit hash can be all digits (`4711234`); read as version
  // 4711234 it would rank above every release.
  if (/^\d{7,}$/.test(tag) && isCommitTag(tag)) return undefined;
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

/**
 * A release as drift compares it: `v1.2.3-rc.1-alpine` is version 1.2.3,
 * pre-release `rc.1`, variant `alpine`.
 */
interface Release {
  tag: string;
  numbers: number[];
  /** The pre-release's kind, lower case (`rc`), and its numbers; empty for a release. */
  prerelease: Array<string | number>;
  /** What follows the version and any pre-release after a `-` (`alpine`, `bookworm`, `1`), else empty. */
  variant: string;
}

/** Ranked from earliest to latest before the release. */
const PRERELEASE_KINDS = ['dev', 'alpha', 'beta', 'pre', 'preview', 'rc'];

const RELEASE = new RegExp(
  `^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?` +
    `(?:-((?:${PRERELEASE_KINDS.join('|')})(?:[.-]?\\d+)*))?` +
    `(?:-(.+))?$`,
  'i',
);

function parseRelease(tag: string): Release | undefined {
  const match = RELEASE.exec(tag);
  if (!match) return undefined;
  const prerelease = match[5]?.toLowerCase().match(/[a-z]+|\d+/g) ?? [];
  return {
    tag,
    numbers: match.slice(1, 5).map(n => (n === undefined ? 0 : Number(n))),
    prerelease: prerelease.map(p => (/^\d+$/.test(p) ? Number(p) : p)),
    variant: match[6] ?? '',
  };
}

function compareReleases(a: Release, b: Release): number {
  for (let i = 0; i < a.numbers.length; i++) {
    if (a.numbers[i] !== b.numbers[i]) return a.numbers[i] - b.numbers[i];
  }
  if (!a.prerelease.length || !b.prerelease.length) {
    return b.prerelease.length - a.prerelease.length;
  }
  const [aKind, ...aNumbers] = a.prerelease;
  const [bKind, ...bNumbers] = b.prerelease;
  const byKind =
    PRERELEASE_KINDS.indexOf(aKind as string) -
    PRERELEASE_KINDS.indexOf(bKind as string);
  if (byKind !== 0) return byKind;
  for (let i = 0; i < Math.min(aNumbers.length, bNumbers.length); i++) {
    if (aNumbers[i] !== bNumbers[i]) {
      return (aNumbers[i] as number) - (bNumbers[i] as number);
    }
  }
  return aNumbers.length - bNumbers.length;
}

/**
 * The newest tag among `tags` that someone running `tag` would move to, if
 * it is newer than `tag`. It must be the same variant (what follows the
 * version after a `-`, unless a pre-release): `1.27.3` is no newer than
 * `1.27.3-alpine`, and `17.2` is built on another base than `16.4-alpine`,
 * so moving to either changes more than the version. A pre-release (`-rc.1`, `-beta2`, `-dev`)
 * counts only for who runs a pre-release of the same version, since no one
 * is advised to leave a release for a release candidate: `1.3.0-rc.1` may
 * move to `1.3.0-rc.2`, `1.3.0` or `1.4.0`, never to `1.4.0-rc.1`.
 */
export function newerRelease(
  tag: string,
  tags: Iterable<string>,
): string | undefined {
  const running = parseRelease(tag);
  if (!running) return undefined;
  const sameVersion = (release: Release) =>
    release.numbers.every((n, i) => n === running.numbers[i]);
  let newest = running;
  for (const candidate of tags) {
    const release = parseRelease(candidate);
    if (!release || release.variant !== running.variant) continue;
    if (
      release.prerelease.length > 0 &&
      !(running.prerelease.length > 0 && sameVersion(release))
    ) {
      continue;
    }
    if (compareReleases(release, newest) > 0) newest = release;
  }
  return newest === running ? undefined : newest.tag;
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
