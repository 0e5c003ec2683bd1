/**
 * Annotations in the `runtime-stack.io/` namespace that a catalog entity (or
 * its System) uses to declare its runtime stack. Ecosystem annotations such as
 * `backstage.io/kubernetes-id` or `grafana/dashboard-selector` are read as
 * they are and not repeated here.
 *
 * @public
 */
export const RUNTIME_STACK_ANNOTATIONS = {
  /** Requirement profile, for example `tier-1`. */
  requirementProfile: 'runtime-stack.io/requirement-profile',
  /** Declared tools as `capability=tool` pairs, comma-separated. */
  tools: 'runtime-stack.io/tools',
  /** Image repositories the service ships, comma-separated. */
  images: 'runtime-stack.io/images',
  /** Environment of a cluster Resource, for example `production`. */
  environment: 'runtime-stack.io/environment',
} as const;
