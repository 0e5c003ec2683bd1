import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { EntityRefPicker, searchTermOf } from './EntityRefPicker';

const group = (name: string, displayName?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'team',
    children: [],
    ...(displayName ? { profile: { displayName } } : {}),
  },
});

/** More groups than the picker asks for at once. */
const groups = [
  ...Array.from({ length: 60 }, (_, i) =>
    group(`team-${String(i).padStart(2, '0')}`),
  ),
  group('zz-sre', 'Site Reliability'),
];

const Picker = ({ initial = '' }: { initial?: string }) => {
  const [value, setValue] = useState(initial);
  return (
    <EntityRefPicker
      id="owner"
      label="Owner group"
      kinds={['group']}
      value={value}
      onChange={setValue}
    />
  );
};

const options = () => screen.getAllByRole('option').map(o => o.textContent);

describe('EntityRefPicker', () => {
  it('asks the catalog for the groups the typed text names, not for every group', async () => {
    const catalog = catalogApiMock({ entities: groups });
    const query = jest.spyOn(catalog, 'queryEntities');
    const getAll = jest.spyOn(catalog, 'getEntities');
    await renderInTestApp(<Picker />, { apis: [[catalogApiRef, catalog]] });
    await waitFor(() => expect(query).toHaveBeenCalled());
    expect(query.mock.calls[0][0]).toMatchObject({
      filter: { kind: ['group'] },
      limit: 50,
    });
    expect(query.mock.calls[0][0]).not.toHaveProperty('fullTextFilter');
    expect(getAll).not.toHaveBeenCalled();
  });

  it('searches a typed ref by its name', async () => {
    const catalog = catalogApiMock({ entities: groups });
    const query = jest.spyOn(catalog, 'queryEntities');
    await renderInTestApp(<Picker initial="group:default/Reliab" />, {
      apis: [[catalogApiRef, catalog]],
    });
    await waitFor(() =>
      expect(query).toHaveBeenLastCalledWith(
        expect.objectContaining({
          fullTextFilter: expect.objectContaining({ term: 'Reliab' }),
        }),
      ),
    );
  });

  it('offers a group past the first fifty once its name is typed', async () => {
    await renderInTestApp(<Picker initial="Reliab" />, {
      apis: [[catalogApiRef, catalogApiMock({ entities: groups })]],
    });
    const field = screen.getByRole('textbox', { name: 'Owner group' });
    act(() => field.focus());
    // Opened with the arrow key, as a keyboard user would.
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    await waitFor(() =>
      expect(options()).toEqual(['Site Reliabilitygroup:default/zz-sre']),
    );
  });

  it('takes the name out of a typed ref', () => {
    expect(searchTermOf('group:default/pay')).toBe('pay');
    expect(searchTermOf('default/pay')).toBe('pay');
    expect(searchTermOf(' payments ')).toBe('payments');
    expect(searchTermOf('group:')).toBe('');
  });
});
