import type { EntityCoverage } from '@internal/backstage-plugin-runtime-stack-common';
import { act, renderHook } from '@testing-library/react';
import type { LastGoodAsync } from '../shared/useLastGoodAsync';
import { useReloadAfterCollection } from './useReloadAfterCollection';

const ref = 'component:default/payments-api';

/** A coverage load as `useLastGoodAsync` gives it: a new object per answer. */
const loaded = (evaluatedAt: string, retry = jest.fn()) =>
  ({
    value: { entityRef: ref, evaluatedAt } as EntityCoverage,
    loading: false,
    refreshing: false,
    retry,
  } as LastGoodAsync<EntityCoverage>);

const setUp = (first: LastGoodAsync<EntityCoverage>) => {
  const reload = jest.fn();
  const hook = renderHook(
    ({ coverage }) => useReloadAfterCollection(ref, coverage, reload),
    { initialProps: { coverage: first } },
  );
  return { reload, hook };
};

describe('useReloadAfterCollection', () => {
  it('reloads after an evaluation that follows a collection', () => {
    const { reload, hook } = setUp(loaded('2026-12-07T10:00:00Z'));
    hook.rerender({ coverage: loaded('2026-12-07T11:00:00Z') });
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload for the evaluation of its own write, and reloads for the next one', () => {
    const retry = jest.fn();
    const { reload, hook } = setUp(loaded('2026-12-07T10:00:00Z', retry));
    act(() => hook.result.current());
    expect(retry).toHaveBeenCalledTimes(1);

    hook.rerender({ coverage: loaded('2026-12-07T10:05:00Z') });
    expect(reload).not.toHaveBeenCalled();

    hook.rerender({ coverage: loaded('2026-12-07T11:00:00Z') });
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it("takes the coverage a signal was loading when the write was reported for the write's own", () => {
    const first = loaded('2026-12-07T10:00:00Z');
    const { reload, hook } = setUp(first);
    // The backend's signal beat the write's answer: its reload is running,
    // the coverage before it still shown.
    hook.rerender({ coverage: { ...first, refreshing: true } });
    act(() => hook.result.current());
    hook.rerender({ coverage: loaded('2026-12-07T10:05:00Z') });
    expect(reload).not.toHaveBeenCalled();
  });

  it('forgets a write whose evaluation did not change the coverage', () => {
    const { reload, hook } = setUp(loaded('2026-12-07T10:00:00Z'));
    act(() => hook.result.current());
    // The backend could not evaluate again: the same evaluation comes back.
    hook.rerender({ coverage: loaded('2026-12-07T10:00:00Z') });
    hook.rerender({ coverage: loaded('2026-12-07T11:00:00Z') });
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
