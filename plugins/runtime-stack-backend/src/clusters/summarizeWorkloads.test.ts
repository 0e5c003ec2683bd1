import type { ClusterObject } from '@internal/backstage-plugin-runtime-stack-common';
import { summarizeWorkloads } from './summarizeWorkloads';

const owned = (
  kind: string,
  name: string,
  owner?: { kind: string; name: string },
  rest: Partial<ClusterObject> = {},
): ClusterObject => ({
  apiVersion: 'v1',
  kind,
  metadata: {
    name,
    namespace: 'shop',
    ...(owner ? { ownerReferences: [owner] } : {}),
  },
  ...rest,
});

const pod = (
  name: string,
  owner: { kind: string; name: string },
  phase: string,
  restarts: number[],
  ready = true,
) =>
  owned('Pod', name, owner, {
    status: {
      phase,
      containerStatuses: restarts.map(restartCount => ({
        restartCount,
        ready,
      })),
    },
  });

describe('summarizeWorkloads', () => {
  it('counts pods through ReplicaSets and Jobs up to their workload', () => {
    const objects = [
      owned('Deployment', 'web', undefined, {
        spec: {
          replicas: 3,
          template: {
            spec: {
              containers: [{ image: 'reg/web:1' }, { image: 'reg/proxy:2' }],
            },
          },
        },
        status: { readyReplicas: 2 },
      }),
      owned('ReplicaSet', 'web-7d9', { kind: 'Deployment', name: 'web' }),
      pod(
        'web-7d9-a',
        { kind: 'ReplicaSet', name: 'web-7d9' },
        'Running',
        [0, 1],
      ),
      pod(
        'web-7d9-b',
        { kind: 'ReplicaSet', name: 'web-7d9' },
        'Running',
        [2, 0],
      ),
      pod(
        'web-7d9-c',
        { kind: 'ReplicaSet', name: 'web-7d9' },
        'Pending',
        [],
        false,
      ),
      owned('CronJob', 'nightly', undefined, {
        spec: {
          jobTemplate: {
            spec: {
              template: { spec: { containers: [{ image: 'reg/batch:3' }] } },
            },
          },
        },
      }),
      owned('Job', 'nightly-123', { kind: 'CronJob', name: 'nightly' }),
      pod(
        'nightly-123-x',
        { kind: 'Job', name: 'nightly-123' },
        'Failed',
        [4],
        false,
      ),
      owned('Job', 'nightly-122', { kind: 'CronJob', name: 'nightly' }),
      pod(
        'nightly-122-x',
        { kind: 'Job', name: 'nightly-122' },
        'Succeeded',
        [0],
        false,
      ),
      // A DaemonSet asks for a pod per node, in its status.
      owned('DaemonSet', 'agent', undefined, {
        spec: {
          template: { spec: { containers: [{ image: 'reg/agent:1' }] } },
        },
        status: { desiredNumberScheduled: 4, numberReady: 3 },
      }),
      // A pod of something that is not this service's.
      pod('stray', { kind: 'ReplicaSet', name: 'other-rs' }, 'Running', [9]),
    ];
    expect(summarizeWorkloads(objects)).toEqual([
      {
        // Its pods run to completion: no "0 ready", and the done ones counted.
        kind: 'CronJob',
        namespace: 'shop',
        name: 'nightly',
        images: ['reg/batch:3'],
        pods: {
          total: 2,
          running: 0,
          pending: 0,
          failed: 1,
          succeeded: 1,
          ready: 0,
          restarts: 4,
        },
      },
      {
        kind: 'DaemonSet',
        namespace: 'shop',
        name: 'agent',
        desiredReplicas: 4,
        readyReplicas: 3,
        images: ['reg/agent:1'],
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
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'web',
        desiredReplicas: 3,
        readyReplicas: 2,
        images: ['reg/web:1', 'reg/proxy:2'],
        pods: {
          total: 3,
          running: 2,
          pending: 1,
          failed: 0,
          succeeded: 0,
          ready: 2,
          restarts: 3,
        },
      },
    ]);
  });
});
