import { renderHook } from '@testing-library/react';
import { useOnNewEvaluation } from './useOnNewEvaluation';

describe('useOnNewEvaluation', () => {
  it('calls back on a new evaluation of the same entity only', () => {
    const onNew = jest.fn();
    const { rerender } = renderHook(
      ({ ref, at }: { ref: string; at?: string }) =>
        useOnNewEvaluation(ref, at, onNew),
      {
        initialProps: { ref: 'component:default/a' } as {
          ref: string;
          at?: string;
        },
      },
    );
    rerender({ ref: 'component:default/a', at: '2026-12-07T10:00:00Z' });
    expect(onNew).not.toHaveBeenCalled();

    rerender({ ref: 'component:default/a', at: '2026-12-07T10:00:00Z' });
    expect(onNew).not.toHaveBeenCalled();
    rerender({ ref: 'component:default/a', at: '2026-12-07T11:00:00Z' });
    expect(onNew).toHaveBeenCalledTimes(1);

    // Another entity's first evaluation is no news about it.
    rerender({ ref: 'component:default/b', at: '2026-12-07T12:00:00Z' });
    expect(onNew).toHaveBeenCalledTimes(1);
  });
});
