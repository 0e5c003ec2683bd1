import {
  hasRunningPods,
  podSpecOf,
  type ClusterObject,
} from '@internal/backstage-plugin-runtime-stack-common';

/** An image a pod runs, with the digest the node resolved it to. */
export interface RunningImage {
  cluster: string;
  namespace: string;
  pod: string;
  container: string;
  /** The reference in the pod spec, e.g. `registry.example.com/a/b:1.2.0`. */
  image: string;
  /** The manifest digest `sha256:…` from the container status' imageID, when the pod started. */
  digest?: string;
}

/**
 * A bare `sha256:…` imageID is the image's config ID, not a manifest digest:
 * runtimes write it for images built or loaded on the node (`kind load`),
 * and comparing it with a tag's digest would always see drift.
 */
const MANIFEST_DIGEST = /@(sha256:[0-9a-f]{64})$/;

/**
 * The images the pods among `objects` run. The digest comes from the
 * container's status (`status.containerStatuses[]`, for init containers
 * `status.initContainerStatuses[]`, whose names may repeat the app
 * containers'), which runtimes write as `docker-pullable://repo@sha256:…`
 * or `repo@sha256:…`.
 */
export function runningImagesOf(
  cluster: string,
  objects: ClusterObject[],
): RunningImage[] {
  return objects
    .filter(o => o.kind === 'Pod')
    .flatMap(pod => {
      const spec: any = pod.spec ?? {};
      const status: any = pod.status ?? {};
      const running = (containers: any[] | undefined, statuses: any[]) =>
        (containers ?? []).map((container: any) => {
          const imageID = statuses.find(
            s => s?.name === container.name,
          )?.imageID;
          const digest = MANIFEST_DIGEST.exec(String(imageID ?? ''))?.[1];
          return {
            cluster,
            namespace: pod.metadata.namespace ?? '',
            pod: pod.metadata.name,
            container: String(container.name),
            image: String(container.image),
            ...(digest ? { digest } : {}),
          };
        });
      return [
        ...running(spec.containers, status.containerStatuses ?? []),
        ...running(spec.initContainers, status.initContainerStatuses ?? []),
      ];
    });
}

/** Images named in workload pod templates: what the cluster runs, without reading every pod. */
export function templateImagesOf(objects: ClusterObject[]): string[] {
  const images = new Set<string>();
  for (const object of objects.filter(hasRunningPods)) {
    const podSpec: any = podSpecOf(object);
    for (const container of [
      ...(podSpec?.containers ?? []),
      ...(podSpec?.initContainers ?? []),
    ]) {
      if (typeof container.image === 'string') images.add(container.image);
    }
  }
  return [...images];
}
