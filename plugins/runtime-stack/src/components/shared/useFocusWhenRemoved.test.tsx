import { act, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { useFocusWhenRemoved } from './useFocusWhenRemoved';

/** A list whose Remove buttons go with their row once the reload lands. */
const List = ({ reloadFails = false }: { reloadFails?: boolean }) => {
  const [rows, setRows] = useState(['a', 'b']);
  const heading = useFocusWhenRemoved<HTMLHeadingElement>(rows);
  const remove = (row: string) => {
    heading.focusWhenRemoved(row);
    // The reload lands on the next tick, as a new list.
    setTimeout(() =>
      setRows(r => (reloadFails ? [...r] : r.filter(x => x !== row))),
    );
  };
  return (
    <>
      <h3 ref={heading.ref} tabIndex={-1}>
        Rows
      </h3>
      <input aria-label="Elsewhere" />
      {rows.map(row => (
        <button key={row} type="button" onClick={() => remove(row)}>
          Remove {row}
        </button>
      ))}
    </>
  );
};

const landReload = () =>
  act(async () => {
    await new Promise(resolve => setTimeout(resolve));
  });

describe('useFocusWhenRemoved', () => {
  it('focuses the heading once the removed row, and its focused button, are gone', async () => {
    render(<List />);
    const button = screen.getByRole('button', { name: 'Remove a' });
    button.focus();
    act(() => button.click());
    // Not before the reload lands: the button is still there.
    expect(button).toHaveFocus();
    await landReload();
    expect(screen.queryByRole('button', { name: 'Remove a' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Rows' })).toHaveFocus();
  });

  it('keeps focus on the button when the row stays', async () => {
    render(<List reloadFails />);
    const button = screen.getByRole('button', { name: 'Remove a' });
    button.focus();
    act(() => button.click());
    await landReload();
    expect(button).toHaveFocus();
  });

  it('leaves focus the user moved elsewhere meanwhile', async () => {
    render(<List />);
    act(() => screen.getByRole('button', { name: 'Remove a' }).click());
    const elsewhere = screen.getByRole('textbox', { name: 'Elsewhere' });
    elsewhere.focus();
    await landReload();
    expect(elsewhere).toHaveFocus();
  });
});
