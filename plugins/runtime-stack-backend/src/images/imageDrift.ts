import {
  describeImageDrift,
  type ImageDrift,
  type ImageDriftFacts,
  type RegistryTag,
} from '@internal/backstage-plugin-runtime-stack-common';
import { newerRelease } from '../registry/tagOrder';
import { MS_PER_DAY } from '../time/days';
import { tagOfDigest, versionTagOf } from './pinnedDigests';
import type { StoredDigest } from './RegistrySnapshotStore';

export interface DriftInput {
  /** The tag in use; undefined when the image is pinned by digest only or untagged. */
  tag?: string;
  /** Pinned by digest in the reference. */
  pinnedDigest?: string;
  /** What the pinned digest holds, as the last read found it; undefined when not read. */
  pinned?: StoredDigest;
  /** One entry per container running it: a pod's init container too. */
  running: Array<{
    cluster: string;
    namespace?: string;
    pod: string;
    digest?: string;
  }>;
  /** The repository's tags as last read; undefined when not fetched. */
  tags?: RegistryTag[];
  maxAgeDays: number;
  now: Date;
}

type Running = DriftInput['running'][number];

/** `payments/api-7d9f` on its cluster: a pod once, however many of its containers run the image. */
const podOf = (r: Running) =>
  `${r.cluster}: pod ${r.namespace ? `${r.namespace}/` : ''}${r.pod}`;

/** The entries of distinct pods, the first container of each. */
const distinctPods = (running: Running[]): Running[] => {
  const seen = new Set<string>();
  return running.filter(r => {
    const pod = podOf(r);
    if (seen.has(pod)) return false;
    seen.add(pod);
    return true;
  });
};

const finding = (
  kind: ImageDrift['kind'],
  facts: ImageDriftFacts,
  evidence: string[],
): ImageDrift => ({
  kind,
  message: describeImageDrift(kind, facts),
  evidence,
  facts,
});

/** The English `message` of a pinned digest no tag points to; the facts have no tag. */
const NO_TAG_POINTS_TO_PIN =
  'No tag in the registry points to the pinned digest';

/** The drift evidence of a pinned digest the registry answered 404 for. */
const notInRegistry = (digest: string) =>
  `${digest} is not in the registry: a pod that starts cannot pull it`;

/**
 * A digest-only reference no tag read points to: what runs is no release
 * any more, or was deleted from the registry. Where its version label
 * names a tag, that tag moved away from it, and is said so as a tag that
 * moved; `digest-mismatch` either way, since what runs is no tag's.
 */
function pinNoTagPointsTo(
  input: DriftInput & { pinnedDigest: string; pinned: StoredDigest },
): ImageDrift {
  const { pinnedDigest, pinned } = input;
  const pods = distinctPods(input.running);
  const versionTag = versionTagOf(input.tags, pinned);
  const evidence = [
    pinned.notFound
      ? notInRegistry(pinnedDigest)
      : `No tag points to ${pinnedDigest}`,
    ...(versionTag
      ? [
          `Its version label names ${versionTag.tag}, which points to ${versionTag.digest}`,
        ]
      : []),
    ...pods.slice(0, 3).map(podOf),
  ];
  if (versionTag) {
    return finding(
      'digest-mismatch',
      { tag: versionTag.tag, tagDigest: versionTag.digest, pods: pods.length },
      evidence,
    );
  }
  const facts = { pods: pods.length };
  return {
    kind: 'digest-mismatch',
    message: NO_TAG_POINTS_TO_PIN,
    evidence,
    facts,
  };
}

/**
 * What is off about an image in use: the tag moved away from what runs (or
 * no tag points to the pinned digest any more), a newer version exists, a
 * floating tag, or an old build. Each finding says what shows it. An image
 * pinned by digest alone is judged by the tag that points to its digest,
 * and its age by the digest's own build date.
 */
export function imageDrift(input: DriftInput): ImageDrift[] {
  const drift: ImageDrift[] = [];
  const { tag, tags, pinnedDigest, pinned } = input;
  // Only what runs floats; a declared repository names no tag to run.
  if (
    input.running.length > 0 &&
    !input.pinnedDigest &&
    (!tag || tag === 'latest')
  ) {
    drift.push(
      finding(
        'floating-tag',
        tag ? { tag } : {},
        distinctPods(input.running).slice(0, 3).map(podOf),
      ),
    );
  }
  const current = tag ? tags?.find(t => t.tag === tag) : undefined;
  if (current) {
    // A pod pinned to a digest runs it, whether its status says so yet or not.
    const runs = (r: Running) => r.digest ?? pinnedDigest;
    // Pods, not containers: an init container of the same image is the
    // same pod running another digest, counted once as the table counts it.
    const stale = distinctPods(
      input.running.filter(r => runs(r) && runs(r) !== current.digest),
    );
    if (stale.length > 0) {
      drift.push(
        finding(
          'digest-mismatch',
          { tag, tagDigest: current.digest, pods: stale.length },
          stale.slice(0, 5).map(r => `${podOf(r)} runs ${runs(r)}`),
        ),
      );
    }
  }
  const pinnedTag =
    !tag && pinnedDigest ? tagOfDigest(tags, pinnedDigest) : undefined;
  if (!tag && pinnedDigest && pinned && tags && !pinnedTag) {
    drift.push(pinNoTagPointsTo({ ...input, pinnedDigest, pinned }));
  }
  const listed = (tags ?? []).map(t => t.tag);
  // What the pinned image is a release of: the tag that points to it, else
  // the one its version label names.
  const judged = tag
    ? [tag]
    : [pinnedTag?.tag, pinned && versionTagOf(tags, pinned)?.tag];
  const [newer] = judged.flatMap(t => {
    const newest = t ? newerRelease(t, listed) : undefined;
    return newest ? [{ tag: t, newest }] : [];
  });
  if (newer) {
    const entry = tags?.find(t => t.tag === newer.newest);
    drift.push(
      finding('newer-tag', newer, [
        `${newer.newest} → ${entry?.digest ?? 'unknown digest'}${
          entry?.created ? `, built ${entry.created}` : ''
        }`,
      ]),
    );
  }
  // The age of what runs: the pinned digest's own build where it was read.
  const built = pinned?.created
    ? { what: pinnedDigest, created: pinned.created }
    : current?.created && { what: tag, created: current.created };
  const created = built ? Date.parse(built.created) : NaN;
  if (built && Number.isFinite(created)) {
    const ageDays = Math.floor((input.now.getTime() - created) / MS_PER_DAY);
    if (ageDays > input.maxAgeDays) {
      drift.push(
        finding(
          'too-old',
          {
            ...(tag || pinnedTag ? { tag: tag ?? pinnedTag?.tag } : {}),
            ageDays,
            maxAgeDays: input.maxAgeDays,
          },
          [`${built.what} created ${built.created}`],
        ),
      );
    }
  }
  return drift;
}
