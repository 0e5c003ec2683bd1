import { shortDigest } from './runningSummary';
/**
 * Why an image a service runs deserves attention, with what shows it.
 *
 * @public
 */
export interface ImageDrift {
  kind:
    | 'digest-mismatch' /* the tag now points elsewhere than what runs */
    | 'newer-tag' /* a newer version is in the registry */
    | 'floating-tag' /* `latest` or no tag */
    | 'too-old' /* built longer ago than the configured age */;
  /** In English; `facts` holds what it says, for a UI that words it. */
  message: string;
  evidence: string[];
  /** Absent from images stored before it existed. */
  facts?: ImageDriftFacts;
}

/**
 * What a drift finding says, by kind: the tag in use (absent for an
 * untagged image); for `digest-mismatch` the digest the tag points to now
 * and how many pods run another; for `newer-tag` the newest release tag;
 * for `too-old` the build's age and the age allowed, in days.
 *
 * @public
 */
export interface ImageDriftFacts {
  tag?: string;
  tagDigest?: string;
  pods?: number;
  newest?: string;
  ageDays?: number;
  maxAgeDays?: number;
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/**
 * A drift finding in English, from its facts: the `message` of the API.
 *
 * @public
 */
export function describeImageDrift(
  kind: ImageDrift['kind'],
  facts: ImageDriftFacts,
): string {
  switch (kind) {
    case 'floating-tag':
      return facts.tag
        ? `Runs the '${facts.tag}' tag: what runs changes with every push`
        : 'Runs an image without a tag, which means latest';
    case 'digest-mismatch': {
      const pods = facts.pods ?? 0;
      return `Tag ${facts.tag} now points to ${shortDigest(
        facts.tagDigest ?? '',
      )}…, but ${pods} ${pods === 1 ? 'pod runs' : 'pods run'} another digest`;
    }
    case 'newer-tag':
      return `A newer version is in the registry: ${facts.newest}`;
    default:
      return `Built ${days(facts.ageDays ?? 0)} ago, more than the ${days(
        facts.maxAgeDays ?? 0,
      )} allowed`;
  }
}

/**
 * One tag of a repository, as its registry holds it.
 *
 * @public
 */
export interface RegistryTag {
  tag: string;
  digest: string;
  created?: string;
  source?: string;
  revision?: string;
  version?: string;
}

/**
 * An image a service runs or declares, with the registry's view of it.
 *
 * @public
 */
export interface ServiceImage {
  /** As written in the pod spec or the annotation. */
  reference: string;
  registry?: string;
  repository?: string;
  tag?: string;
  /** The digest the reference pins, `sha256:…`. */
  digest?: string;
  /** Why the reference could not be read, when it could not. */
  invalid?: string;
  /** Running in pods (with digests per cluster), or only declared. */
  running: Array<{
    cluster: string;
    namespace: string;
    pod: string;
    /** The container (or init container) that runs the image. */
    container: string;
    digest?: string;
  }>;
  declared: boolean;
  /** Whether the registry is configured, so its tags are fetched. */
  registryConfigured: boolean;
  /** When the registry was last read for this repository, and what failed. */
  checkedAt?: string;
  lastError?: string;
  /** The tag's current entry in the registry. */
  current?: RegistryTag;
  /**
   * The registry answered that it lacks the digest the reference pins (no
   * tag named): a pod that starts cannot pull it.
   */
  digestNotInRegistry?: boolean;
  /**
   * The tag is in the registry, but its digest was not read: only tags in
   * a workload template or annotation and the newest versions are.
   */
  tagNotRead?: boolean;
  /** How many tags the repository lists, when known. */
  tagCount?: number;
  /** The newest tags, newest first (at most 10). */
  newest: RegistryTag[];
  drift: ImageDrift[];
  /** The cluster's vulnerability scans of the image, when a scanner runs. */
  scans?: ImageScan[];
}

/**
 * A vulnerability scan of an image a service runs, as a scanner in the
 * cluster (the Trivy Operator) reported it.
 *
 * @public
 */
export interface ImageScan {
  cluster: string;
  namespace: string;
  /** The VulnerabilityReport's name. */
  report: string;
  /** The container of the scanned workload that runs the image. */
  container: string;
  /** For example `Trivy 0.52.0`. */
  scanner?: string;
  scannedAt?: string;
  /** Vulnerabilities found, by severity; a severity not reported is left out. */
  counts: { critical?: number; high?: number; medium?: number; low?: number };
}

/**
 * The answer of `GET /entities/:kind/:namespace/:name/images`.
 *
 * @public
 */
export interface EntityImages {
  entityRef: string;
  images: ServiceImage[];
}
