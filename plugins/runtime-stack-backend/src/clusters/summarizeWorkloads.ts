import {
  podSpecOf,
  WORKLOAD_KINDS,
  type ClusterObject,
  type WorkloadSummary,
} from '@internal/backstage-plugin-runtime-stack-common';

const key = (kind: string, namespace: string | undefined, name: string) =>
  `${kind}/${namespace ?? ''}/${name}`;

function imagesOf(object: ClusterObject): string[] {
  const containers = (podSpecOf(object)?.containers ?? []) as any[];
  return containers.map(c => String(c.image));
}

/**
 * How many replicas a workload asks for: a Deployment's or StatefulSet's
 * `spec.replicas`, the nodes a DaemonSet should run on; none for a Job.
 */
function desiredReplicasOf(object: ClusterObject): number | undefined {
  const spec: any = object.spec ?? {};
  const status: any = object.status ?? {};
  if (object.kind === 'Deployment' || object.kind === 'StatefulSet') {
    return typeof spec.replicas === 'number' ? spec.replicas : undefined;
  }
  if (object.kind === 'DaemonSet') {
    return typeof status.desiredNumberScheduled === 'number'
      ? status.desiredNumberScheduled
      : undefined;
  }
  return undefined;
}

/**
 * The workloads among a service's objects, each with its pods found through
 * owner references (Pod → ReplicaSet → Deployment, Pod → Job → CronJob).
 */
export function summarizeWorkloads(
  objects: ClusterObject[],
): WorkloadSummary[] {
  const byKey = new Map(
    objects.map(o => [key(o.kind, o.metadata.namespace, o.metadata.name), o]),
  );
  // Follows owner references up to the workload that manages the object.
  const workloadOf = (object: ClusterObject): string | undefined => {
    let current: ClusterObject | undefined = object;
    for (let depth = 0; current && depth < 3; depth++) {
      const owner = current.metadata.ownerReferences?.[0];
      if (!owner) return undefined;
      const ownerKey = key(owner.kind, current.metadata.namespace, owner.name);
      if (WORKLOAD_KINDS.has(owner.kind) && byKey.has(ownerKey)) {
        const ownerObject = byKey.get(ownerKey)!;
        // A Job run by a CronJob counts for the CronJob.
        return workloadOf(ownerObject) ?? ownerKey;
      }
      current = byKey.get(ownerKey);
    }
    return undefined;
  };

  const summaries = new Map<string, WorkloadSummary>();
  for (const object of objects) {
    if (!WORKLOAD_KINDS.has(object.kind)) continue;
    if (object.kind === 'Job' && workloadOf(object)) continue;
    const status: any = object.status ?? {};
    const desired = desiredReplicasOf(object);
    // A Job's pods run to completion: "0 ready" would read as broken.
    const runsToCompletion = object.kind === 'Job' || object.kind === 'CronJob';
    summaries.set(
      key(object.kind, object.metadata.namespace, object.metadata.name),
      {
        kind: object.kind,
        namespace: object.metadata.namespace ?? '',
        name: object.metadata.name,
        ...(desired !== undefined ? { desiredReplicas: desired } : {}),
        ...(runsToCompletion
          ? {}
          : {
              readyReplicas: Number(
                status.readyReplicas ?? status.numberReady ?? 0,
              ),
            }),
        images: imagesOf(object),
        pods: {
          total: 0,
          running: 0,
          pending: 0,
          failed: 0,
          succeeded: 0,
          ready: 0,
          restarts: 0,
        },
      },
    );
  }

  for (const pod of objects.filter(o => o.kind === 'Pod')) {
    const owner = workloadOf(pod);
    const summary = owner ? summaries.get(owner) : undefined;
    if (!summary) continue;
    const status: any = pod.status ?? {};
    const containers: any[] = status.containerStatuses ?? [];
    summary.pods.total++;
    if (status.phase === 'Running') summary.pods.running++;
    if (status.phase === 'Pending') summary.pods.pending++;
    if (status.phase === 'Failed') summary.pods.failed++;
    if (status.phase === 'Succeeded') {
      summary.pods.succeeded = (summary.pods.succeeded ?? 0) + 1;
    }
    if (containers.length > 0 && containers.every(c => c.ready)) {
      summary.pods.ready++;
    }
    summary.pods.restarts += containers.reduce(
      (sum, c) => sum + Number(c.restartCount ?? 0),
      0,
    );
  }
  return [...summaries.values()].sort((a, b) =>
    key(a.kind, a.namespace, a.name).localeCompare(
      key(b.kind, b.namespace, b.name),
    ),
  );
}
