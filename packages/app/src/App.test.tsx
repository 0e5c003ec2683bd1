import { act, screen, waitFor } from '@testing-library/react';
import { renderAppOfferingDemoUsers } from './__testUtils__/renderApp';

describe('App', () => {
  const originalEnv = process.env;

  afterEach(() => {
    jest.restoreAllMocks();
    process.env = originalEnv;
  });

  it('starts at the guest sign-in when the backend offers no demo users', async () => {
    const fetchMock = renderAppOfferingDemoUsers([]);

    expect(await screen.findByRole('button', { name: 'Enter' })).toBeVisible();
    // The demo users would appear once the answer is read; let it be read.
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await act(async () => {
      await fetchMock.mock.results[0].value;
      await new Promise(resolve => setTimeout(resolve, 0));
    });
    expect(
      screen.queryByRole('button', { name: 'Sign in as demo user' }),
    ).not.toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith(
      'http://localhost:7007/api/auth/demo/users',
    );
  });
});
