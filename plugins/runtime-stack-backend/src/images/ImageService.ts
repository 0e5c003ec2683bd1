import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  RUNTIME_STACK_ANNOTATIONS,
  type EntityImages,
  type ServiceImage,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { ClusterStateService } from '../clusters/ClusterStateService';
import { parseImageReference } from '../registry/imageReference';
import { sortTagsNewestFirst } from '../registry/tagOrder';
import { imageDrift } from './imageDrift';
import { registryFor, type ImageSettings } from './registryConfig';
import type { RegistrySnapshotStore } from './RegistrySnapshotStore';
import { runningImagesOf, type RunningImage } from './runningImages';

const NEWEST_SHOWN = 10;

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

  async entityImages(entity: Entity): Promise<EntityImages> {
    const running: RunningImage[] = [];
    for (const [
      cluster,
      objects,
    ] of await this.options.clusterState.entityObjects(entity)) {
      running.push(...runningImagesOf(cluster, objects));
    }
    const declared = (
      entity.metadata.annotations?.[RUNTIME_STACK_ANNOTATIONS.images] ?? ''
    )
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);

    // A declared repository (no tag) is the same image as a running tag of it.
    const repositoryOf = (reference: string) => {
      try {
        const parsed = parseImageReference(reference);
        return `${parsed.registry}/${parsed.repository}`;
      } catch {
        return reference;
      }
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
    const now = this.now();
    return {
      entityRef: stringifyEntityRef(entity),
      images: images.map(image => {
        const repository = stored.find(
          r =>
            r.registry === image.registry && r.repository === image.repository,
        );
        if (!repository) return image;
        const byTag = new Map(repository.tags.map(t => [t.tag, t]));
        const current = image.tag ? byTag.get(image.tag) : undefined;
        return {
          ...image,
          ...(repository.checkedAt ? { checkedAt: repository.checkedAt } : {}),
          ...(repository.lastError ? { lastError: repository.lastError } : {}),
          ...(current ? { current } : {}),
          newest: sortTagsNewestFirst(
            repository.tags.map(t => t.tag),
            Object.fromEntries(
              repository.tags.flatMap(t =>
                t.created ? [[t.tag, t.created]] : [],
              ),
            ),
          )
            .slice(0, NEWEST_SHOWN)
            .map(tag => byTag.get(tag)!),
          drift: imageDrift({
            tag: image.tag,
            pinnedDigest: image.digest,
            running: image.running,
            tags: repository.tags,
            maxAgeDays: this.options.settings.maxAgeDays,
            now,
          }),
        };
      }),
    };
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  private describe(
    reference: string,
    running: RunningImage[],
    declared: boolean,
  ): ServiceImage {
    const base = {
      reference,
      running: running.map(r => ({
        cluster: r.cluster,
        namespace: r.namespace,
        pod: r.pod,
        ...(r.digest ? { digest: r.digest } : {}),
      })),
      declared,
      newest: [],
    };
    let parsed;
    try {
      parsed = parseImageReference(reference);
    } catch (error) {
      return {
        ...base,
        invalid: (error as Error).message,
        registryConfigured: false,
        drift: [],
      };
    }
    const configured = Boolean(
      registryFor(
        this.options.settings.registries,
        parsed.registry,
        parsed.repository,
      ),
    );
    return {
      ...base,
      registry: parsed.registry,
      repository: parsed.repository,
      ...(parsed.tag ? { tag: parsed.tag } : {}),
      ...(parsed.digest ? { digest: parsed.digest } : {}),
      registryConfigured: configured,
      // Without the registry, what the cluster shows still tells of floating tags.
      drift: imageDrift({
        tag: parsed.tag,
        pinnedDigest: parsed.digest,
        running: base.running,
        maxAgeDays: this.options.settings.maxAgeDays,
        now: this.now(),
      }),
    };
  }
}
