import { useApiHolder } from '@backstage/frontend-plugin-api';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { runtimeStackApiRef, type RuntimeStackApi } from '../../api';

/** Waits this long after the last keystroke before asking. */
const SETTLE_MS = 400;

/** A backend answer about what a form plans, once the plan settles. */
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
export function useSettledAnswer<P, T>(
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
