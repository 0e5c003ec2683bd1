import { useApiHolder } from '@backstage/frontend-plugin-api';
import type { PlannedServiceEvidence } from '@internal/backstage-plugin-runtime-stack-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { runtimeStackApiRef, type PlannedService } from '../../api';
import type { PreviewChoices } from './previewEvidence';

/** How Kubernetes names namespaces, workloads and RuntimeClasses. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const isLabel = (value: string | undefined): value is string =>
  value !== undefined && value.length <= 63 && DNS_LABEL.test(value);

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
  const sandbox =
    choices.sandbox && choices.sandbox !== 'none' ? choices.sandbox : undefined;
  return {
    cluster,
    namespace,
    name,
    ...(isLabel(sandbox) ? { runtimeClass: sandbox } : {}),
  };
}

/** Waits this long after the last keystroke in a name before asking. */
const SETTLE_MS = 400;

/**
 * What the chosen cluster will give the planned service, asked for once the
 * name and namespace stop changing; nothing without a chosen cluster.
 */
export function usePlannedEvidence(choices: PreviewChoices): {
  plan?: PlannedService;
  loading: boolean;
  error?: Error;
  value?: PlannedServiceEvidence;
} {
  const api = useApiHolder().get(runtimeStackApiRef);
  const plan = plannedServiceOf(choices);
  const key = plan ? JSON.stringify(plan) : '';
  const [settled, setSettled] = useState(key);
  useDebounce(() => setSettled(key), SETTLE_MS, [key]);
  const answer = useAsync(async () => {
    if (!api || !settled) return undefined;
    return api.getPlannedServiceEvidence(JSON.parse(settled));
  }, [api, settled]);
  if (!plan) return { loading: false };
  // An answer for an earlier plan is not shown as this one's.
  const current = settled === key;
  return {
    plan,
    loading: !current || answer.loading,
    ...(current && answer.error ? { error: answer.error } : {}),
    ...(current && answer.value ? { value: answer.value } : {}),
  };
}
