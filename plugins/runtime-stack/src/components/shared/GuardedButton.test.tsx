import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GuardedButton } from './GuardedButton';

const reason = 'You may not grant exemptions. Ask the platform team.';

describe('GuardedButton', () => {
  it('stays in the tab order when blocked, says why on focus, and ignores clicks and keys', async () => {
    const onClick = jest.fn();
    await renderInTestApp(
      <>
        <button type="button">Before</button>
        <GuardedButton disabledReason={reason} onClick={onClick}>
          Grant exemption
        </GuardedButton>
      </>,
    );
    const button = screen.getByRole('button', { name: 'Grant exemption' });
    expect(button).toHaveAttribute('aria-disabled', 'true');
    expect(button).toHaveAccessibleDescription(reason);

    await userEvent.click(screen.getByRole('button', { name: 'Before' }));
    await userEvent.tab();
    expect(button).toHaveFocus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);

    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard(' ');
    await userEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
  });

  it('shows the reason on hover too', async () => {
    await renderInTestApp(
      <GuardedButton disabledReason={reason} onClick={jest.fn()}>
        Grant exemption
      </GuardedButton>,
    );
    await userEvent.hover(
      screen.getByRole('button', { name: 'Grant exemption' }),
    );
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);
  });

  it('acts on a click without a reason, with no description or tooltip', async () => {
    const onClick = jest.fn();
    await renderInTestApp(
      <GuardedButton onClick={onClick}>Grant exemption</GuardedButton>,
    );
    const button = screen.getByRole('button', { name: 'Grant exemption' });
    expect(button).not.toHaveAttribute('aria-disabled');
    expect(button).not.toHaveAttribute('aria-describedby');

    await userEvent.hover(button);
    await userEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('says a note on hover and to screen readers, and still acts on a click', async () => {
    const onClick = jest.fn();
    const note = 'Could not check your permission: timeout';
    await renderInTestApp(
      <GuardedButton note={note} onClick={onClick}>
        Change owner
      </GuardedButton>,
    );
    const button = screen.getByRole('button', { name: 'Change owner' });
    expect(button).not.toHaveAttribute('aria-disabled');
    expect(button).toHaveAccessibleDescription(note);

    await userEvent.hover(button);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(note);
    await userEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
