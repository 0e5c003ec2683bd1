import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  imageScansOf,
  type ClusterObject,
  type EntityImages,
  type ImageScan,
  type ServiceImage,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { ClusterStateService } from '../clusters/ClusterStateService';
import {
  parseImageReference,
  type ImageReference,
} from '../registry/imageReference';
import { sortTagsNewestFirst } from '../registry/tagOrder';
import { declaredImageReferences } from './declaredImages';
import { imageDrift } from './imageDrift';
import { tagOfDigest, untaggedEntry } from './pinnedDigests';
import { registryFor, type ImageSettings } from './registryConfig';
import type { RegistrySnapshotStore } from './RegistrySnapshotStore';
import { runningImagesOf, type RunningImage } from './runningImages';
import { NEWEST_TAGS_SHOWN } from './tagsToRead';

/**
 * The images a service runs (from the collected pods, with the digests the
 * nodes pulled) and declares (`runtime-stack.io/images`), each with what its
 * registry holds and the drift between the two. Reads the stores only.
 */
export class ImageService {
  constructor(
    private readonly options: {
      clusterState: ClusterStateService;
      store: RegistrySnapshotStore;
      settings: ImageSettings;
      now?: () => Date;
    },
  ) {}

  /**
   * `objects` and `contexts`: the entity's cluster objects and what they
   * refer to, when the caller has read them already, so they are not read
   * again.
   */
  async entityImages(
    entity: Entity,
    objects?: ReadonlyMap<string, ClusterObject[]>,
    contexts?: ReadonlyMap<string, ClusterObject[]>,
  ): Promise<EntityImages> {
    const { clusterState } = this.options;
    const byCluster = objects ?? (await clusterState.entityObjects(entity));
    const contextByCluster =
      contexts ?? (await clusterState.contextsOf(byCluster));
    const running: RunningImage[] = [];
    const scans = new Map<string, ImageScan[]>();
    for (const [cluster, list] of byCluster) {
      running.push(...runningImagesOf(cluster, list));
      for (const { image, scan } of imageScansOf(
        list,
        contextByCluster.get(cluster) ?? [],
      )) {
        scans.set(image, [...(scans.get(image) ?? []), { cluster, ...scan }]);
      }
    }
    const declared = declaredImageReferences(entity, this.options.settings);

    // Each reference is parsed once; one that cannot be read keeps its error.
    const parsed = new Map<string, ImageReference | Error>();
    for (const reference of [...running.map(r => r.image), ...declared]) {
      if (parsed.has(reference)) continue;
      try {
        parsed.set(reference, parseImageReference(reference));
      } catch (error) {
        parsed.set(reference, error as Error);
      }
    }
    // A declared repository (no tag) is the same image as a running tag of it.
    const repositoryOf = (reference: string) => {
      const ref = parsed.get(reference)!;
      return ref instanceof Error
        ? reference
        : `${ref.registry}/${ref.repository}`;
    };
    const runningRepositories = new Set(
      running.map(r => repositoryOf(r.image)),
    );
    const declaredRepositories = new Set(declared.map(repositoryOf));
    const references = [
      ...new Set([
        ...running.map(r => r.image),
        ...declared.filter(d => !runningRepositories.has(repositoryOf(d))),
      ]),
    ].sort();
    const images = references.map(reference =>
      this.describe(
        reference,
        parsed.get(reference)!,
        running.filter(r => r.image === reference),
        declaredRepositories.has(repositoryOf(reference)),
      ),
    );
    const stored = await this.options.store.getMany(
      images.flatMap(i =>
        i.registryConfigured && i.registry && i.repository
          ? [{ registry: i.registry, repository: i.repository }]
          : [],
      ),
    );
    const now = (this.options.now ?? (() => new Date()))();
    return {
      entityRef: stringifyEntityRef(entity),
      images: images.map(described => {
        const image = scans.has(described.reference)
          ? { ...described, scans: scans.get(described.reference)! }
          : described;
        const repository = stored.find(
          r =>
            r.registry === image.registry && r.repository === image.repository,
        );
        const pinned = image.digest
          ? repository?.pinned?.find(p => p.digest === image.digest)
          : undefined;
        // Without the registry, what the cluster shows still tells of
        // floating tags; a reference that cannot be read tells nothing.
        const drift = image.invalid
          ? []
          : imageDrift({
              tag: image.tag,
              pinnedDigest: image.digest,
              ...(pinned ? { pinned } : {}),
              running: image.running,
              tags: repository?.tags,
              maxAgeDays: this.options.settings.maxAgeDays,
              now,
            });
        if (!repository) return { ...image, drift };
        const byTag = new Map(repository.tags.map(t => [t.tag, t]));
        // A digest-only reference shows the tag that points to its digest,
        // else the digest's own details under no tag.
        let current = image.tag ? byTag.get(image.tag) : undefined;
        if (!image.tag && image.digest) {
          current =
            tagOfDigest(repository.tags, image.digest) ??
            (pinned && !pinned.notFound ? untaggedEntry(pinned) : undefined);
        }
        const listed = repository.listedTags;
        return {
          ...image,
          ...(repository.checkedAt ? { checkedAt: repository.checkedAt } : {}),
          ...(repository.lastError ? { lastError: repository.lastError } : {}),
          ...(current ? { current } : {}),
          ...(!current && pinned?.notFound
            ? { digestNotInRegistry: true }
            : {}),
          ...(!current && image.tag && listed?.includes(image.tag)
            ? { tagNotRead: true }
            : {}),
          ...(listed ? { tagCount: listed.length } : {}),
          newest: sortTagsNewestFirst(
            repository.tags.map(t => t.tag),
            Object.fromEntries(
              repository.tags.flatMap(t =>
                t.created ? [[t.tag, t.created]] : [],
              ),
            ),
          )
            .slice(0, NEWEST_TAGS_SHOWN)
            .map(tag => byTag.get(tag)!),
          drift,
        };
      }),
    };
  }

  /** What the reference and the cluster say, before the registry's view. */
  private describe(
    reference: string,
    parsed: ImageReference | Error,
    running: RunningImage[],
    declared: boolean,
  ): Omit<ServiceImage, 'drift'> {
    const base = {
      reference,
      running: running.map(r => ({
        cluster: r.cluster,
        namespace: r.namespace,
        pod: r.pod,
        container: r.container,
        ...(r.digest ? { digest: r.digest } : {}),
      })),
      declared,
      newest: [],
    };
    if (parsed instanceof Error) {
      return { ...base, invalid: parsed.message, registryConfigured: false };
    }
    return {
      ...base,
      registry: parsed.registry,
      repository: parsed.repository,
      ...(parsed.tag ? { tag: parsed.tag } : {}),
      ...(parsed.digest ? { digest: parsed.digest } : {}),
      registryConfigured: Boolean(
        registryFor(
          this.options.settings.registries,
          parsed.registry,
          parsed.repository,
        ),
      ),
    };
  }
}
