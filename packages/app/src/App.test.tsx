import { act, render, screen, waitFor } from '@testing-library/react';
import App from './App';

describe('App', () => {
  const originalEnv = process.env;

  afterEach(() => {
    jest.restoreAllMocks();
    process.env = originalEnv;
  });

  it('starts at the guest sign-in when the backend offers no demo users', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };
    // No request leaves the test: the sign-in page's one question to the
    // backend is answered here.
    const fetchMock = jest.spyOn(global, 'fetch').mockImplementation(
      async () =>
        new Response(JSON.stringify({ users: [] }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    );

    render(App.createRoot());

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
