import { SidebarOpenStateProvider } from '@backstage/core-components';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { SidebarLogo } from './SidebarLogo';

const renderLogo = (isOpen: boolean) =>
  renderInTestApp(
    <SidebarOpenStateProvider value={{ isOpen, setOpen: () => {} }}>
      <SidebarLogo />
    </SidebarOpenStateProvider>,
  );

describe('SidebarLogo', () => {
  it('shows the product name in the open sidebar, inside the link name', async () => {
    await renderLogo(true);
    const link = screen.getByRole('link', { name: 'Runtime Stack home' });
    expect(link).toHaveAttribute('href', '/');
    // The visible text is part of the accessible name, as axe asks.
    expect(link).toHaveTextContent('Runtime Stack');
  });

  it('shows the mark alone in the closed sidebar', async () => {
    await renderLogo(false);
    const link = screen.getByRole('link', { name: 'Runtime Stack home' });
    expect(link).toHaveTextContent('');
    expect(link.querySelectorAll('rect')).toHaveLength(7);
  });
});
