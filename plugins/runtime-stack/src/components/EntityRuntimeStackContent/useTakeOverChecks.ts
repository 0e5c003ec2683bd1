import { useApi } from '@backstage/frontend-plugin-api';
import { useMemo, useRef } from 'react';
import { runtimeStackApiRef, type OwnershipCheckResult } from '../../api';
import { useLastGoodAsync } from '../shared/useLastGoodAsync';
import type { OwnedCapability } from './ownershipEdits';
import { takeOverRecordOf } from './takeOverRecord';

/** What the backend said about taking one capability over, so far. */
export type TakeOverCheck =
  | { status: 'checking' }
  | { status: 'allowed' }
  | { status: 'refused'; reason?: string }
  | { status: 'failed'; error: Error };

/**
 * Asks the backend, in one request for all rows of the tab, whether the
 * user may take over each capability whose owner has no stored record for
 * the permission framework to decide on (see `takeOverRecordOf`). It asks
 * again only when those rows or their owners change, not on every reload
 * of the coverage.
 *
 * @returns the check of a capability, or nothing when it needs none
 */
export function useTakeOverChecks(
  entityRef: string,
  capabilities: OwnedCapability[],
): (capability: string) => TakeOverCheck | undefined {
  const api = useApi(runtimeStackApiRef);
  const toCheck = useMemo(
    () =>
      capabilities.flatMap(c => {
        const record = takeOverRecordOf(c, entityRef);
        return record
          ? [{ capability: c.capability, record, key: JSON.stringify(record) }]
          : [];
      }),
    [capabilities, entityRef],
  );
  // The answers belong to exactly these records: asked about other ones,
  // rows show "checking" rather than an answer about the previous owner.
  const key = useMemo(() => toCheck.map(c => c.key).join('\n'), [toCheck]);
  const checks = useLastGoodAsync(
    key,
    async () =>
      toCheck.length === 0
        ? []
        : api.checkOwnership(toCheck.map(c => c.record)),
    [api],
  );
  // Answers by the record asked about, kept across new checks: a row whose
  // record did not change keeps its answer (and its button) while other
  // rows' owners are checked again, so a click on it is never lost.
  const answered = useRef(new Map<string, OwnershipCheckResult>());
  checks.value?.forEach((result, i) =>
    answered.current.set(toCheck[i].key, result),
  );
  return capability => {
    const asked = toCheck.find(c => c.capability === capability);
    if (!asked) return undefined;
    const result = answered.current.get(asked.key);
    if (!result && checks.error) {
      return { status: 'failed', error: checks.error };
    }
    if (!result) return { status: 'checking' };
    // Only a refusal of the user blocks the button: a record refused as
    // invalid (today's owner is gone from the catalog) is for the dialog to
    // put right with another owner.
    return result.allowed ||
      (result.refusal !== undefined && result.refusal !== 'not-allowed')
      ? { status: 'allowed' }
      : { status: 'refused', reason: result.reason };
  };
}
