import type { ClusterSummary } from './clusterViews';
import {
  describePlatformMismatch,
  hasClusterBoundChoice,
  platformMismatches,
} from './platformMismatches';

/** A collected cluster running `meshes` and offering `runtimeClasses`. */
const cluster = (
  name: string,
  meshes: string[],
  runtimeClasses: string[],
): ClusterSummary => ({
  name,
  stale: false,
  lastSuccessAt: '2026-01-01T00:00:00Z',
  warnings: [],
  objectCount: 10,
  platformTools: [
    ...meshes.map(tool => ({
      tool,
      capability: 'service-mesh',
      layer: 5,
      evidence: [],
    })),
    ...runtimeClasses.map(runtimeClass => ({
      tool: 'gvisor',
      capability: 'container-runtime',
      layer: 1,
      evidence: [
        {
          kind: 'RuntimeClass',
          apiVersion: 'node.k8s.io/v1',
          name: runtimeClass,
        },
      ],
    })),
  ] as ClusterSummary['platformTools'],
});

describe('platformMismatches', () => {
  const prodEu = cluster('prod-eu-1', ['istio'], ['gvisor']);

  it('accepts what the cluster runs and offers, and no choice at all', () => {
    expect(
      platformMismatches(prodEu, { mesh: 'istio', runtimeClass: 'gvisor' }),
    ).toEqual([]);
    expect(
      platformMismatches(prodEu, { mesh: 'none', runtimeClass: '' }),
    ).toEqual([]);
    expect(hasClusterBoundChoice({ mesh: 'none', runtimeClass: '' })).toBe(
      false,
    );
    expect(hasClusterBoundChoice({ mesh: 'linkerd' })).toBe(true);
  });

  it('names each choice the cluster lacks with what it has, in words the action and the form share', () => {
    const mismatches = platformMismatches(prodEu, {
      mesh: 'linkerd',
      runtimeClass: 'kata-qemu',
    });
    expect(mismatches).toEqual([
      {
        choice: 'service-mesh',
        chosen: 'linkerd',
        cluster: 'prod-eu-1',
        offered: ['istio'],
      },
      {
        choice: 'runtime-class',
        chosen: 'kata-qemu',
        cluster: 'prod-eu-1',
        offered: ['gvisor'],
      },
    ]);
    expect(mismatches.map(describePlatformMismatch)).toEqual([
      "service mesh 'linkerd': cluster 'prod-eu-1' runs istio, so no sidecar would be injected",
      "RuntimeClass 'kata-qemu': cluster 'prod-eu-1' offers gvisor, and Kubernetes refuses pods that name a RuntimeClass their cluster lacks",
    ]);
  });

  it('says when the cluster has no mesh or sandbox at all', () => {
    expect(
      platformMismatches(cluster('lab', [], []), {
        mesh: 'istio',
        runtimeClass: 'gvisor',
      }).map(describePlatformMismatch),
    ).toEqual([
      "service mesh 'istio': cluster 'lab' runs no service mesh, so no sidecar would be injected",
      "RuntimeClass 'gvisor': cluster 'lab' offers no sandboxed RuntimeClass, and Kubernetes refuses pods that name a RuntimeClass their cluster lacks",
    ]);
  });
});
