import { screen } from '@testing-library/react';
import { renderAppOfferingDemoUsers } from '../../__testUtils__/renderApp';

describe('signInModule', () => {
  const originalEnv = process.env;

  afterEach(() => {
    jest.restoreAllMocks();
    process.env = originalEnv;
  });

  it("replaces the app's sign-in page: the guest, then the demo users the backend offers", async () => {
    const fetchMock = renderAppOfferingDemoUsers([
      'user:default/sara-lindqvist',
    ]);

    expect(
      await screen.findByRole('button', { name: 'Sign in as demo user' }),
    ).toBeVisible();
    expect(screen.getAllByRole('button', { name: 'Enter' })).toHaveLength(1);
    expect(fetchMock).toHaveBeenCalledWith(
      'http://localhost:7007/api/auth/demo/users',
    );
  });
});
