import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/** Opens the Grant exemption dialog once the permission allows it. */
export async function openGrantDialog(): Promise<HTMLElement> {
  // Queried afresh: the button is replaced once the permission is known;
  // until then it is aria-disabled and ignores clicks.
  await waitFor(() =>
    expect(
      screen.getByRole('button', { name: 'Grant exemption' }),
    ).not.toHaveAttribute('aria-disabled'),
  );
  await userEvent.click(
    screen.getByRole('button', { name: 'Grant exemption' }),
  );
  return screen.findByRole('dialog', { name: 'Grant exemption' });
}

/** Picks a capability in the open dialog by its option text. */
export async function pickCapability(dialog: HTMLElement, option: string) {
  await userEvent.click(
    within(dialog).getByRole('button', { name: /Capability/ }),
  );
  // Text queries: role queries over the long list of options are slow.
  await userEvent.click(
    within(await screen.findByRole('listbox')).getByText(option),
  );
}

/** The options the open dialog offers for its capability. */
export async function capabilityOptions(
  dialog: HTMLElement,
): Promise<string[]> {
  await userEvent.click(
    within(dialog).getByRole('button', { name: /Capability/ }),
  );
  return within(await screen.findByRole('listbox'))
    .getAllByRole('option')
    .map(o => o.textContent ?? '');
}

/** Waits for Grant exemption to say why it is blocked, and checks it is. */
export async function expectGrantBlocked(reason: string) {
  const grant = screen.getByRole('button', { name: 'Grant exemption' });
  await waitFor(() => expect(grant).toHaveAccessibleDescription(reason));
  expect(grant).toHaveAttribute('aria-disabled', 'true');
  return grant;
}
