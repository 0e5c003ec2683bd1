import type { ClusterSummary } from './clusterViews';

/**
 * The choices for a new service that only work on a cluster that offers
 * them: Kubernetes refuses pods that name a RuntimeClass the cluster lacks,
 * and a sidecar injection annotation without the mesh's injector does
 * nothing.
 *
 * @public
 */
export interface ClusterBoundChoices {
  /** The service mesh tool id (`linkerd`, `istio`); empty or `none` for none. */
  mesh?: string;
  /** The RuntimeClass the pods name; empty or `none` for the nodes' runtime. */
  runtimeClass?: string;
}

/**
 * A choice the cluster does not offer: the service mesh or RuntimeClass
 * chosen, and those the cluster has (none when empty).
 *
 * @public
 */
export interface PlatformMismatch {
  choice: 'service-mesh' | 'runtime-class';
  chosen: string;
  cluster: string;
  offered: string[];
}

/**
 * A template choice that names something: undefined when unset, empty or
 * `none` (no GitOps, no mesh, the nodes' own runtime).
 *
 * @public
 */
export const chosenOption = (value: string | undefined): string | undefined =>
  value && value !== 'none' ? value : undefined;

/**
 * Whether anything of the choices depends on the cluster.
 *
 * @public
 */
export function hasClusterBoundChoice(choices: ClusterBoundChoices): boolean {
  return Boolean(
    chosenOption(choices.mesh) ?? chosenOption(choices.runtimeClass),
  );
}

/** The service meshes detected on the cluster, by tool id. */
function meshesOf(cluster: ClusterSummary): string[] {
  return cluster.platformTools
    .filter(finding => finding.capability === 'service-mesh')
    .map(finding => finding.tool);
}

/**
 * The RuntimeClasses of the cluster: detection keeps a sandbox's class
 * (gVisor's, Kata's) as the evidence of its tool.
 *
 * @public
 */
export function runtimeClassesOf(cluster: ClusterSummary): string[] {
  const names = cluster.platformTools.flatMap(finding =>
    finding.evidence.filter(e => e.kind === 'RuntimeClass').map(e => e.name),
  );
  return [...new Set(names)].sort();
}

/**
 * Each choice the cluster, as last collected, does not offer. The
 * scaffolder's declare-stack action refuses them and the template form's
 * preview warns of them, so the form and the run agree.
 *
 * @public
 */
export function platformMismatches(
  cluster: ClusterSummary,
  choices: ClusterBoundChoices,
): PlatformMismatch[] {
  const mismatches: PlatformMismatch[] = [];
  const mesh = chosenOption(choices.mesh);
  if (mesh) {
    const meshes = meshesOf(cluster);
    if (!meshes.includes(mesh)) {
      mismatches.push({
        choice: 'service-mesh',
        chosen: mesh,
        cluster: cluster.name,
        offered: meshes,
      });
    }
  }
  const runtimeClass = chosenOption(choices.runtimeClass);
  if (runtimeClass) {
    const offered = runtimeClassesOf(cluster);
    if (!offered.includes(runtimeClass)) {
      mismatches.push({
        choice: 'runtime-class',
        chosen: runtimeClass,
        cluster: cluster.name,
        offered,
      });
    }
  }
  return mismatches;
}

/**
 * A mismatch in English, naming the choice and what the cluster has.
 *
 * @public
 */
export function describePlatformMismatch(mismatch: PlatformMismatch): string {
  const { chosen: choice, cluster, offered } = mismatch;
  if (mismatch.choice === 'service-mesh') {
    return `service mesh '${choice}': cluster '${cluster}' runs ${
      offered.length > 0 ? offered.join(', ') : 'no service mesh'
    }, so no sidecar would be injected`;
  }
  return `RuntimeClass '${choice}': cluster '${cluster}' offers ${
    offered.length > 0 ? offered.join(', ') : 'no sandboxed RuntimeClass'
  }, and Kubernetes refuses pods that name a RuntimeClass their cluster lacks`;
}
