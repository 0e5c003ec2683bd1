import { mockApis, TestApiProvider } from '@backstage/frontend-test-utils';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import {
  RELOAD_AFTER_HIDDEN_MS,
  useCoverageChanged,
  useDescribeCoverageChange,
} from './useCoverageChanged';

const wrapper = ({ children }: { children: ReactNode }) => (
  <TestApiProvider apis={[mockApis.translation(), mockApis.error()]}>
    {children}
  </TestApiProvider>
);

describe('useDescribeCoverageChange', () => {
  it('says the new coverage, or that nothing is required rather than 100%', () => {
    const entity = renderHook(() => useDescribeCoverageChange('entity'), {
      wrapper,
    }).result.current;
    expect(entity({ required: 10, ratio: 0.999 })).toBe(
      'Coverage updated: 99% covered',
    );
    const system = renderHook(() => useDescribeCoverageChange('system'), {
      wrapper,
    }).result.current;
    expect(system({ required: 0, ratio: 1 })).toBe(
      'System coverage updated: nothing required',
    );
    const team = renderHook(() => useDescribeCoverageChange('team'), {
      wrapper,
    }).result.current;
    expect(team({ required: 4, ratio: 0.5 })).toBe(
      'Team coverage updated: 50% covered',
    );
  });
});

describe('useCoverageChanged', () => {
  let visibility: DocumentVisibilityState = 'visible';
  let now = Date.parse('2026-12-06T10:00:00Z');
  beforeEach(() => {
    jest
      .spyOn(document, 'visibilityState', 'get')
      .mockImplementation(() => visibility);
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  const showAgainAfter = (ms: number) => {
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    now += ms;
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
  };

  it('reloads a page back in sight after a while, when signals may have been missed', () => {
    const retry = jest.fn();
    const { unmount } = renderHook(
      () =>
        useCoverageChanged(
          'component:default/payments-api',
          { value: { ratio: 1 }, loading: false, refreshing: false, retry },
          () => 'changed',
        ),
      { wrapper },
    );

    showAgainAfter(5_000);
    expect(retry).not.toHaveBeenCalled();

    showAgainAfter(RELOAD_AFTER_HIDDEN_MS);
    expect(retry).toHaveBeenCalledTimes(1);

    unmount();
    showAgainAfter(RELOAD_AFTER_HIDDEN_MS * 2);
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
