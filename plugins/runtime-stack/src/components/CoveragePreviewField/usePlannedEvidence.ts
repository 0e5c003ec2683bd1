import type { Entity } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import {
  chosenOption,
  ECOSYSTEM_ANNOTATIONS,
  isDnsLabel,
  RUNTIME_STACK_ANNOTATIONS,
  type EffectiveOwnership,
  type PlannedServiceEvidence,
} from '@internal/backstage-plugin-runtime-stack-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import {
  runtimeStackApiRef,
  type PlannedService,
  type RuntimeStackApi,
} from '../../api';
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

/** Waits this long after the last keystroke in a name before asking. */
const SETTLE_MS = 400;

/** A backend answer about what the form plans, once the plan settles. */
export interface SettledAnswer<P, T> {
  plan?: P;
  loading: boolean;
  error?: Error;
  value?: T;
}

/** The backend's answer, or its failure, for the plan it was asked about. */
interface KeyedAnswer<T> {
  /** The plan asked about, as `JSON.stringify` wrote it. */
  key: string;
  error?: Error;
  value?: T;
}

/**
 * Asks the backend about `plan` once it stops changing; nothing while there
 * is no plan. An answer for an earlier plan is never shown as this one's:
 * while a new request runs, `useAsync` still holds the last one's value or
 * error, so each answer carries the plan it was asked for and only one for
 * the current plan is shown.
 */
function useSettledAnswer<P, T>(
  plan: P | undefined,
  ask: (api: RuntimeStackApi, plan: P) => Promise<T>,
): SettledAnswer<P, T> {
  const api = useApiHolder().get(runtimeStackApiRef);
  const key = plan ? JSON.stringify(plan) : '';
  const [settled, setSettled] = useState(key);
  useDebounce(() => setSettled(key), SETTLE_MS, [key]);
  const answer = useAsync(async (): Promise<KeyedAnswer<T> | undefined> => {
    if (!api || !settled) return undefined;
    try {
      return { key: settled, value: await ask(api, JSON.parse(settled)) };
    } catch (error) {
      return { key: settled, error: error as Error };
    }
    // `ask` is the same request whenever `settled` is.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, settled]);
  if (!plan) return { loading: false };
  const current = answer.value?.key === key ? answer.value : undefined;
  return {
    plan,
    loading: Boolean(api) && !current,
    ...(current?.error ? { error: current.error } : {}),
    ...(current?.value ? { value: current.value } : {}),
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
