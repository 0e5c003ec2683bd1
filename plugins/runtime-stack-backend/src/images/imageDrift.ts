import {
  describeImageDrift,
  type ImageDrift,
  type ImageDriftFacts,
  type RegistryTag,
} from '@internal/backstage-plugin-runtime-stack-common';
import { newerRelease } from '../registry/tagOrder';
import { MS_PER_DAY } from '../time/days';

export interface DriftInput {
  /** The tag in use; undefined when the image is pinned by digest only or untagged. */
  tag?: string;
  /** Pinned by digest in the reference. */
  pinnedDigest?: string;
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

/**
 * What is off about an image in use: the tag moved away from what runs, a
 * newer version exists, a floating tag, or an old build. Each finding says
 * what shows it.
 */
export function imageDrift(input: DriftInput): ImageDrift[] {
  const drift: ImageDrift[] = [];
  const { tag, tags } = input;
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
    // Pods, not containers: an init container of the same image is the
    // same pod running another digest, counted once as the table counts it.
    const stale = distinctPods(
      input.running.filter(r => r.digest && r.digest !== current.digest),
    );
    if (stale.length > 0) {
      drift.push(
        finding(
          'digest-mismatch',
          { tag, tagDigest: current.digest, pods: stale.length },
          stale.slice(0, 5).map(r => `${podOf(r)} runs ${r.digest}`),
        ),
      );
    }
  }
  const listed = (tags ?? []).map(t => t.tag);
  const newest = tag ? newerRelease(tag, listed) : undefined;
  if (newest) {
    const entry = tags?.find(t => t.tag === newest);
    drift.push(
      finding('newer-tag', { tag, newest }, [
        `${newest} → ${entry?.digest ?? 'unknown digest'}${
          entry?.created ? `, built ${entry.created}` : ''
        }`,
      ]),
    );
  }
  const created = current?.created ? Date.parse(current.created) : NaN;
  if (Number.isFinite(created)) {
    const ageDays = Math.floor((input.now.getTime() - created) / MS_PER_DAY);
    if (ageDays > input.maxAgeDays) {
      drift.push(
        finding('too-old', { tag, ageDays, maxAgeDays: input.maxAgeDays }, [
          `${tag} created ${current!.created}`,
        ]),
      );
    }
  }
  return drift;
}
