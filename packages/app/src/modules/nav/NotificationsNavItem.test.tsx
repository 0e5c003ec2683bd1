import { SidebarOpenStateProvider } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NotificationsNavLink } from './NotificationsNavItem';

function renderLink(
  unreadCount: number,
  { isOpen = true, onClick = () => {} } = {},
) {
  return renderInTestApp(
    <SidebarOpenStateProvider value={{ isOpen, setOpen: () => {} }}>
      <NotificationsNavLink
        unreadCount={unreadCount}
        to="/notifications"
        onClick={onClick}
      />
    </SidebarOpenStateProvider>,
  );
}

describe('NotificationsNavLink', () => {
  it('names the link with the unread count it shows', async () => {
    await renderLink(2);
    const link = screen.getByRole('link', { name: 'Notifications 2 unread' });
    expect(link).toHaveAttribute('href', '/notifications');
    expect(link).toHaveTextContent(/^Notifications 2$/);
    // Nothing focusable inside the link besides the link itself.
    expect(link.querySelectorAll('[tabindex], a, button')).toHaveLength(0);
  });

  it('caps the count at 99+', async () => {
    await renderLink(120);
    expect(
      screen.getByRole('link', { name: 'Notifications 99+ unread' }),
    ).toHaveTextContent(/^Notifications 99\+$/);
  });

  it('shows no count when all is read', async () => {
    await renderLink(0);
    expect(
      screen.getByRole('link', { name: 'Notifications' }),
    ).toHaveTextContent(/^Notifications$/);
  });

  it('keeps the count in the name of the closed sidebar, where only the icon shows', async () => {
    await renderLink(3, { isOpen: false });
    expect(
      screen.getByRole('link', { name: 'Notifications 3 unread' }),
    ).toHaveTextContent(/^$/);
  });

  it('passes a click on to the plugin, which asks for web notifications', async () => {
    const onClick = jest.fn();
    await renderLink(1, { onClick });
    await userEvent.click(
      screen.getByRole('link', { name: 'Notifications 1 unread' }),
    );
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
