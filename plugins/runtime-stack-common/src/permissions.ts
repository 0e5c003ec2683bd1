import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Resource type of a layer ownership record, for conditional permissions.
 *
 * @public
 */
export const RESOURCE_TYPE_LAYER_OWNERSHIP = 'runtime-stack-layer-ownership';

/**
 * Reading layer ownership, its effective resolution and its history.
 *
 * @public
 */
export const ownershipReadPermission = createPermission({
  name: 'runtime-stack.ownership.read',
  attributes: { action: 'read' },
});

/**
 * Creating, changing and deleting layer ownership records. Conditional on the
 * record, so a policy can let a group's members edit what their group owns.
 *
 * @public
 */
export const ownershipUpdatePermission = createPermission({
  name: 'runtime-stack.ownership.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_LAYER_OWNERSHIP,
});

/**
 * Reading collected cluster state: which clusters are collected, how fresh
 * their data is, the platform detected on them and the workloads of a
 * service. Mirrors the Kubernetes plugin's `kubernetes.resources.read`.
 *
 * @public
 */
export const clusterStateReadPermission = createPermission({
  name: 'runtime-stack.clusters.read',
  attributes: { action: 'read' },
});

/**
 * Reading the images services run and declare, with what their registries
 * hold and the drift between the two.
 *
 * @public
 */
export const imagesReadPermission = createPermission({
  name: 'runtime-stack.images.read',
  attributes: { action: 'read' },
});

/**
 * Reading where a service's telemetry lives: its Prometheus alerts, rules and
 * targets, its Grafana dashboards and links.
 *
 * @public
 */
export const observabilityReadPermission = createPermission({
  name: 'runtime-stack.observability.read',
  attributes: { action: 'read' },
});

/**
 * Reading a service's coverage of the layer model.
 *
 * @public
 */
export const coverageReadPermission = createPermission({
  name: 'runtime-stack.coverage.read',
  attributes: { action: 'read' },
});

/**
 * Reading scorecards across services, teams and layers, and trends.
 *
 * @public
 */
export const scorecardReadPermission = createPermission({
  name: 'runtime-stack.scorecard.read',
  attributes: { action: 'read' },
});

/**
 * Reading coverage exemptions.
 *
 * @public
 */
export const exemptionReadPermission = createPermission({
  name: 'runtime-stack.exemption.read',
  attributes: { action: 'read' },
});

/**
 * Granting a coverage exemption.
 *
 * @public
 */
export const exemptionCreatePermission = createPermission({
  name: 'runtime-stack.exemption.create',
  attributes: { action: 'create' },
});

/**
 * Revoking a coverage exemption.
 *
 * @public
 */
export const exemptionDeletePermission = createPermission({
  name: 'runtime-stack.exemption.delete',
  attributes: { action: 'delete' },
});

/**
 * Every permission of the runtime-stack plugin.
 *
 * @public
 */
export const runtimeStackPermissions = [
  ownershipReadPermission,
  ownershipUpdatePermission,
  clusterStateReadPermission,
  imagesReadPermission,
  observabilityReadPermission,
  coverageReadPermission,
  scorecardReadPermission,
  exemptionReadPermission,
  exemptionCreatePermission,
  exemptionDeletePermission,
];
