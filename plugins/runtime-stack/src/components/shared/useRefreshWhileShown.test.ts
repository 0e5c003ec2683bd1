import { renderHook } from '@testing-library/react';
import { useRefreshWhileShown } from './useRefreshWhileShown';

const setVisibility = (state: 'visible' | 'hidden') => {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  document.dispatchEvent(new Event('visibilitychange'));
};

describe('useRefreshWhileShown', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    setVisibility('visible');
    jest.useRealTimers();
  });

  it('refreshes on each period in sight, not while hidden, and once on return when one fell due', () => {
    const refresh = jest.fn();
    const { unmount } = renderHook(() => useRefreshWhileShown(refresh, 1000));
    jest.advanceTimersByTime(999);
    expect(refresh).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);

    setVisibility('hidden');
    jest.advanceTimersByTime(5000);
    expect(refresh).toHaveBeenCalledTimes(1);
    setVisibility('visible');
    expect(refresh).toHaveBeenCalledTimes(2);

    // Back in sight before a period passed: nothing due yet.
    setVisibility('hidden');
    setVisibility('visible');
    expect(refresh).toHaveBeenCalledTimes(2);

    unmount();
    jest.advanceTimersByTime(5000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('does nothing while not enabled, and starts when it is', () => {
    const refresh = jest.fn();
    const { rerender } = renderHook(
      ({ enabled }) => useRefreshWhileShown(refresh, 1000, enabled),
      { initialProps: { enabled: false } },
    );
    jest.advanceTimersByTime(3000);
    expect(refresh).not.toHaveBeenCalled();
    rerender({ enabled: true });
    jest.advanceTimersByTime(1000);
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
