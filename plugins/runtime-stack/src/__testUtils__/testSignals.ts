import type { JsonObject } from '@backstage/types';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import { act } from '@testing-library/react';
import { coverageSignalChannel } from '@internal/backstage-plugin-runtime-stack-common';

/**
 * The app's signal API as the signals plugin would serve it, with the
 * backend's side in `send`: a message reaches the subscribers of its
 * channel alone, as over the real socket.
 */
export function testSignals() {
  const subscribers = new Map<string, Set<(message: JsonObject) => void>>();
  const api: SignalApi = {
    subscribe<TMessage extends JsonObject = JsonObject>(
      channel: string,
      onMessage: (message: TMessage) => void,
    ) {
      const listener = onMessage as (message: JsonObject) => void;
      const listeners = subscribers.get(channel) ?? new Set();
      listeners.add(listener);
      subscribers.set(channel, listeners);
      return { unsubscribe: () => listeners.delete(listener) };
    },
  };
  const send = (channel: string, message: JsonObject) =>
    act(() => {
      for (const listener of subscribers.get(channel) ?? []) {
        listener(message);
      }
    });
  return {
    apiEntry: [signalApiRef, api] as const,
    channels: () =>
      [...subscribers].filter(([, l]) => l.size > 0).map(([c]) => c),
    send,
    /** What the backend sends when the entity's stored coverage changed. */
    sendEvaluated: (
      entityRef: string,
      evaluatedAt = new Date().toISOString(),
    ) => send(coverageSignalChannel(entityRef), { entityRef, evaluatedAt }),
  };
}
