import { act, renderHook, waitFor } from '@testing-library/react';
import { useLastGoodAsync } from './useLastGoodAsync';

/** A load the test answers by hand, one call at a time. */
function manualLoads() {
  const pending: Array<{
    key: string;
    resolve: (value: string) => void;
    reject: (error: Error) => void;
  }> = [];
  return {
    load: (key: string) => () =>
      new Promise<string>((resolve, reject) =>
        pending.push({ key, resolve, reject }),
      ),
    /** Settles the oldest load still waiting, once it has started. */
    next: async () => {
      await waitFor(() => expect(pending.length).toBeGreaterThan(0));
      return pending.shift()!;
    },
  };
}

describe('useLastGoodAsync', () => {
  it('keeps the last value through a failed reload and says why it failed', async () => {
    const loads = manualLoads();
    const { result } = renderHook(() =>
      useLastGoodAsync('component:default/a', loads.load('a'), []),
    );
    expect(result.current).toMatchObject({ loading: true, value: undefined });

    const first = await loads.next();
    await act(async () => first.resolve('coverage of a'));
    expect(result.current).toMatchObject({
      loading: false,
      refreshing: false,
      value: 'coverage of a',
    });

    act(() => result.current.retry());
    expect(result.current).toMatchObject({
      loading: false,
      refreshing: true,
      value: 'coverage of a',
    });
    const reload = await loads.next();
    await act(async () => reload.reject(new Error('backend restarting')));
    expect(result.current.value).toBe('coverage of a');
    expect(result.current.loading).toBe(false);
    expect(result.current.error).toBeUndefined();
    expect(result.current.refreshError?.message).toBe('backend restarting');

    // The next good answer clears the failure.
    act(() => result.current.retry());
    const again = await loads.next();
    await act(async () => again.resolve('coverage of a, later'));
    expect(result.current.value).toBe('coverage of a, later');
    expect(result.current.refreshError).toBeUndefined();
  });

  it('loads again after a retry asked during a load, and shows that answer', async () => {
    const loads = manualLoads();
    const { result } = renderHook(() =>
      useLastGoodAsync('component:default/a', loads.load('a'), []),
    );
    const first = await loads.next();
    await act(async () => first.resolve('owner: web-team'));

    // A signal's reload runs when the user saves a new owner and asks again.
    act(() => result.current.retry());
    const beforeSave = await loads.next();
    act(() => result.current.retry());
    const afterSave = await loads.next();

    await act(async () => afterSave.resolve('owner: checkout-team'));
    expect(result.current).toMatchObject({
      refreshing: false,
      value: 'owner: checkout-team',
    });
    // The answer sent before the save comes last, and changes nothing.
    await act(async () => beforeSave.resolve('owner: web-team'));
    expect(result.current.value).toBe('owner: checkout-team');
  });

  it('keeps reloading while a retried load answers before the one it replaced', async () => {
    const loads = manualLoads();
    const { result } = renderHook(() =>
      useLastGoodAsync('component:default/a', loads.load('a'), []),
    );
    const first = await loads.next();
    await act(async () => first.resolve('owner: web-team'));

    act(() => result.current.retry());
    const beforeSave = await loads.next();
    act(() => result.current.retry());
    const afterSave = await loads.next();

    await act(async () => beforeSave.resolve('owner: web-team, again'));
    expect(result.current).toMatchObject({
      refreshing: true,
      value: 'owner: web-team',
    });
    await act(async () => afterSave.resolve('owner: checkout-team'));
    expect(result.current).toMatchObject({
      refreshing: false,
      value: 'owner: checkout-team',
    });
  });

  it("never shows one key's value under another, loading or failed", async () => {
    const loads = manualLoads();
    const seen: Array<{ key: string; value?: string }> = [];
    const { result, rerender } = renderHook(
      ({ key }: { key: string }) => {
        const state = useLastGoodAsync(key, loads.load(key), []);
        seen.push({ key, value: state.value });
        return state;
      },
      { initialProps: { key: 'a' } },
    );
    const first = await loads.next();
    await act(async () => first.resolve('coverage of a'));
    expect(result.current.value).toBe('coverage of a');

    rerender({ key: 'b' });
    expect(result.current).toMatchObject({ loading: true, value: undefined });
    const forB = await loads.next();
    expect(forB.key).toBe('b');
    await act(async () => forB.reject(new Error('no such entity')));
    // A failure of the first load of b: an error, not a reload of a's value.
    expect(result.current.value).toBeUndefined();
    expect(result.current.error?.message).toBe('no such entity');
    expect(result.current.refreshError).toBeUndefined();

    expect(seen.filter(s => s.key === 'b' && s.value !== undefined)).toEqual(
      [],
    );
  });
});
