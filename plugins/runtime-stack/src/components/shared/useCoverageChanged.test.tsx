import { mockApis, TestApiProvider } from '@backstage/frontend-test-utils';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { useDescribeCoverageChange } from './useCoverageChanged';

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
