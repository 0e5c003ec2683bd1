import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/** Opens the Change owner dialog of a capability once the permission allows it. */
export async function openChangeOwnerDialog(
  capabilityTitle: string,
): Promise<HTMLElement> {
  const name = `Change owner of ${capabilityTitle}`;
  // Until the permission is known the button is aria-disabled and ignores
  // clicks.
  await waitFor(() =>
    expect(screen.getByRole('button', { name })).not.toHaveAttribute(
      'aria-disabled',
    ),
  );
  await userEvent.click(screen.getByRole('button', { name }));
  return screen.findByRole('dialog', { name });
}
