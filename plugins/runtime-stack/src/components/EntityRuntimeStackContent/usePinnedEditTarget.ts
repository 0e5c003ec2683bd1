import { useState } from 'react';
import type { OwnershipEditTarget } from './ownershipEdits';

/** The record an open "Change owner" dialog saves over, and how it moves on. */
export interface PinnedEditTarget {
  /** The target the dialog showed when it opened, or the one a reload brought since. */
  target: OwnershipEditTarget;
  /** The user asked to reload: the next load's target replaces `target`. */
  adoptNextLoad: () => void;
  /** Asked to reload, and no load has landed since. */
  awaitingLoad: boolean;
}

/**
 * Pins what an open "Change owner" dialog saves over (record id, version,
 * the owner it explains) to what it showed when it opened. The page
 * reloads the coverage under it (a backend signal, a write elsewhere on the
 * tab), and a dialog that followed would send the newer version: the save
 * would overwrite a change the user never saw instead of meeting the
 * backend's 409. Only when the user asks to reload, after that conflict,
 * does the next load's target replace it.
 *
 * `loaded` is what the target is read from (the capability): a new object
 * exactly when a new load landed.
 */
export function usePinnedEditTarget(
  latest: OwnershipEditTarget,
  loaded: object,
  refreshing: boolean,
): PinnedEditTarget {
  const [target, setTarget] = useState(latest);
  // What was loaded when the user asked to reload: any other is the answer.
  const [asked, setAsked] = useState<{ shown: object }>();
  if (asked && loaded !== asked.shown) {
    // Set during render, so no render saves with the target it replaces.
    setTarget(latest);
    // Another load already running was asked for after this one: newer still.
    setAsked(refreshing ? { shown: loaded } : undefined);
  }
  return {
    target,
    adoptNextLoad: () => setAsked({ shown: loaded }),
    awaitingLoad: asked !== undefined,
  };
}
