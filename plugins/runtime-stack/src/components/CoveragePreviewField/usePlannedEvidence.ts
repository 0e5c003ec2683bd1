import type { Entity } from '@backstage/catalog-model';
import {
  chosenOption,
  ECOSYSTEM_ANNOTATIONS,
  isDnsLabel,
  RUNTIME_STACK_ANNOTATIONS,
  type EffectiveOwnership,
  type PlannedServiceEvidence,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { PlannedService } from '../../api';
import {
  useSettledAnswer,
  type SettledAnswer,
} from '../shared/useSettledAnswer';
import type { PreviewChoices } from './previewEvidence';

const isLabel = (value: string | undefined): value is string =>
  value !== undefined && isDnsLabel(value);

/**
 * The service the choices plan, once they name a cluster and a valid name:
 * in its namespace, else one named after it (as the template does), with
 * the sandbox's RuntimeClass. Undefined while there is nothing to ask about.
 */
export function plannedServiceOf(
  choices: PreviewChoices,
): PlannedService | undefined {
  const { cluster, name } = choices;
  const namespace = choices.namespace ?? name;
  if (!cluster || !isLabel(name) || !isLabel(namespace)) return undefined;
  const sandbox = chosenOption(choices.sandbox);
  return {
    cluster,
    namespace,
    name,
    ...(isLabel(sandbox) ? { runtimeClass: sandbox } : {}),
  };
}

/**
 * The Component the template will register, as far as its ownership goes:
 * its name, owner, System and the cluster it names, and its owner running
 * the application layer, which the template records for it. Undefined until
 * the name is a valid one.
 */
export function plannedEntityOf(choices: PreviewChoices): Entity | undefined {
  const { name, owner, system, cluster } = choices;
  if (!isLabel(name)) return undefined;
  const annotations = {
    ...(cluster ? { [ECOSYSTEM_ANNOTATIONS.kubernetesCluster]: cluster } : {}),
    ...(owner
      ? { [RUNTIME_STACK_ANNOTATIONS.owners]: `layer-6=${owner}` }
      : {}),
  };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      type: 'service',
      ...(owner ? { owner } : {}),
      ...(system ? { system } : {}),
    },
  };
}

/** What the chosen cluster will give the planned service. */
export function usePlannedEvidence(
  choices: PreviewChoices,
): SettledAnswer<PlannedService, PlannedServiceEvidence> {
  return useSettledAnswer(plannedServiceOf(choices), (api, plan) =>
    api.getPlannedServiceEvidence(plan),
  );
}

/** Who will own what of the planned service. */
export function usePlannedOwnership(
  choices: PreviewChoices,
): SettledAnswer<Entity, EffectiveOwnership> {
  return useSettledAnswer(plannedEntityOf(choices), (api, entity) =>
    api.getPlannedOwnership(entity),
  );
}
