/**
 * One field of one Kubernetes object that made a detection rule fire, so a
 * reader can check the claim in the cluster.
 *
 * @public
 */
export interface DetectionEvidence {
  kind: string;
  apiVersion: string;
  /** Left out for cluster-scoped objects such as Nodes and IngressClasses. */
  namespace?: string;
  name: string;
  /**
   * Where the value was read, for example `spec.controller`,
   * `metadata.annotations[sidecar.istio.io/status]`,
   * `spec.template.spec.containers[0].image`,
   * `status.nodeInfo.containerRuntimeVersion` or `spec.providerID`.
   */
  field: string;
  value: string;
}

/**
 * Where a detection read its value, as a reader finds it in the cluster:
 * `DaemonSet kube-system/cilium: spec.template.spec.containers[0].image = …`.
 *
 * @public
 */
export function describeDetectionEvidence(evidence: DetectionEvidence): string {
  return `${evidence.kind} ${
    evidence.namespace ? `${evidence.namespace}/` : ''
  }${evidence.name}: ${evidence.field} = ${evidence.value}`;
}

/**
 * A tool found in a cluster or in a service's runtime, placed in the layer
 * model, with the objects that prove it.
 *
 * @public
 */
export interface ToolFinding {
  tool: string;
  capability: string;
  layer: number;
  /** De-duplicated and capped, so a thousand Nodes do not flood a response. */
  evidence: DetectionEvidence[];
}

/**
 * Which objects a matcher looks at.
 *
 * `objectKind` is a Kubernetes kind (`DaemonSet`, `IngressClass`,
 * `ServiceMonitor`, ...) or one of two wildcards: `any` (every object) and
 * `workload` (Deployments, StatefulSets, DaemonSets, Jobs and CronJobs, the
 * objects whose pod templates people write; their ReplicaSets and Pods only
 * repeat them).
 *
 * @public
 */
export interface DetectionMatcherTarget {
  objectKind: string;
  /**
   * Exact API group, `''` for the core group; needed where a kind name is
   * not unique, such as `Policy` or `Application`.
   */
  apiGroup?: string;
}

/**
 * One declarative condition on one object. A matcher holds its target plus at
 * most one condition key; a target alone matches every object of that kind.
 *
 * Every pattern is a JavaScript regular expression source that must match
 * the whole value (it is anchored for you), so a plain name is an exact match
 * and `enabled` never matches `disabled`. Label and annotation keys are exact.
 *
 * @public
 */
export type DetectionMatcher =
  /** Any object of the kind exists, e.g. `{ objectKind: 'ServiceMonitor' }`. */
  | DetectionMatcherTarget
  /** `metadata.name` matches, e.g. a CSIDriver or a CustomResourceDefinition. */
  | (DetectionMatcherTarget & { name: string })
  /** The label is set; with `value`, set to a matching value. */
  | (DetectionMatcherTarget & { label: string; value?: string })
  /** The annotation is set; with `value`, set to a matching value. */
  | (DetectionMatcherTarget & { annotation: string; value?: string })
  /**
   * A container or init container runs a matching image. The pattern is
   * matched against the repository without tag or digest, e.g.
   * `(.+/)?cilium/cilium` for `quay.io/cilium/cilium:v1.16.1@sha256:...`.
   * For Pods, pod-template workloads and the `workload` and `any` wildcards.
   */
  | (DetectionMatcherTarget & { image: string })
  /** A container or init container has a matching name, e.g. `istio-proxy`. */
  | (DetectionMatcherTarget & { container: string })
  /** An IngressClass's `spec.controller`, e.g. `k8s\.io/ingress-nginx`. */
  | { objectKind: 'IngressClass'; apiGroup?: string; controller: string }
  /** A StorageClass's provisioner, e.g. `ebs\.csi\.aws\.com`. */
  | { objectKind: 'StorageClass'; apiGroup?: string; provisioner: string }
  /** A CustomResourceDefinition's `spec.group`, e.g. `cert-manager\.io`. */
  | { objectKind: 'CustomResourceDefinition'; apiGroup?: string; group: string }
  /**
   * A Node's container runtime: the part of
   * `status.nodeInfo.containerRuntimeVersion` before `://`, e.g. `containerd`.
   */
  | { objectKind: 'Node'; apiGroup?: string; containerRuntime: string }
  /**
   * A Node's cloud provider: the part of `spec.providerID` before `://`, as
   * the cloud controller sets it, e.g. `aws`, `gce`, `azure`, `openstack`.
   */
  | { objectKind: 'Node'; apiGroup?: string; providerId: string }
  /**
   * A Node's kubelet: `status.nodeInfo.kubeletVersion`, e.g. `v1\.31\..*`,
   * or `v.+` for any Kubernetes node.
   */
  | { objectKind: 'Node'; apiGroup?: string; kubelet: string }
  /**
   * A RuntimeClass's `handler`, the CRI handler its pods run with, e.g.
   * `runsc` for gVisor or `kata-.+` for Kata Containers. A cluster offers
   * such a class; only pods that name it in `spec.runtimeClassName` run
   * with it.
   */
  | { objectKind: 'RuntimeClass'; apiGroup?: string; handler: string };

/**
 * Data that says how to recognise one tool of one capability in Kubernetes
 * objects: a finding is produced when any matcher matches. Plain JSON, so
 * platform teams can add rules from app-config.
 *
 * @public
 */
export interface DetectionRule {
  /** A tool id of the layer model, listed under `capability`. */
  tool: string;
  /** A capability id of the layer model. */
  capability: string;
  match: DetectionMatcher[];
}
