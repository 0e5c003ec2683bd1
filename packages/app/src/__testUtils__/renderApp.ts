import { render } from '@testing-library/react';
import App from '../App';

/**
 * Renders the whole app as it boots in a browser, on test config, with the
 * backend's one answer before sign-in (the demo users it offers) mocked, so
 * no request leaves the test. Returns the fetch mock; restore it with
 * `jest.restoreAllMocks()`.
 */
export function renderAppOfferingDemoUsers(users: string[]) {
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
  const fetchMock = jest.spyOn(global, 'fetch').mockImplementation(
    async () =>
      new Response(JSON.stringify({ users }), {
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  render(App.createRoot());
  return fetchMock;
}
