import { render, screen } from '@testing-library/react';
import App from '../../App';

describe('signInModule', () => {
  const originalEnv = process.env;

  afterEach(() => {
    jest.restoreAllMocks();
    process.env = originalEnv;
  });

  it("replaces the app's sign-in page: the guest, then the demo users the backend offers", async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    const fetchMock = jest
      .spyOn(global, 'fetch')
      .mockImplementation(
        async () =>
          new Response(
            JSON.stringify({ users: ['user:default/sara-lindqvist'] }),
            { headers: { 'Content-Type': 'application/json' } },
          ),
      );

    render(App.createRoot());

    expect(
      await screen.findByRole('button', { name: 'Sign in as demo user' }),
    ).toBeVisible();
    expect(screen.getAllByRole('button', { name: 'Enter' })).toHaveLength(1);
    expect(fetchMock).toHaveBeenCalledWith(
      'http://localhost:7007/api/auth/demo/users',
    );
  });
});
