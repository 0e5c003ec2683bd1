import type { Entity } from '@backstage/catalog-model';
import { TestApiProvider } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { useChosenSystem } from './useChosenSystem';

const system = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'group:default/team-payments' },
});

describe('useChosenSystem', () => {
  it("never gives one System's entity for another while the next is read", async () => {
    const catalog = catalogApiMock({ entities: [system('payments')] });
    // The next System's answer waits until the test releases it.
    let release = () => {};
    const held = new Promise<void>(resolve => {
      release = resolve;
    });
    const read = catalog.getEntityByRef.bind(catalog);
    jest
      .spyOn(catalog, 'getEntityByRef')
      .mockImplementation(async ref =>
        ref === 'system:default/search'
          ? held.then(() => system('search'))
          : read(ref),
      );
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[catalogApiRef, catalog]]}>
        {children}
      </TestApiProvider>
    );
    const { result, rerender } = renderHook(
      ({ chosen }) => useChosenSystem(chosen),
      { wrapper, initialProps: { chosen: 'payments' } },
    );
    await waitFor(() =>
      expect(result.current.value?.metadata.name).toBe('payments'),
    );

    rerender({ chosen: 'search' });
    expect(result.current).toEqual({
      ref: 'system:default/search',
      loading: true,
    });

    release();
    await waitFor(() =>
      expect(result.current.value?.metadata.name).toBe('search'),
    );
    expect(result.current.loading).toBe(false);
  });

  it('says when the catalog has no such System', async () => {
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[catalogApiRef, catalogApiMock()]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(() => useChosenSystem('nowhere'), {
      wrapper,
    });
    await waitFor(() =>
      expect(result.current).toEqual({
        ref: 'system:default/nowhere',
        loading: false,
        missing: true,
      }),
    );
  });
});
