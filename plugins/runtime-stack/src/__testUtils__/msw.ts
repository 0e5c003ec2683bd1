import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import type { SetupServer } from 'msw/node';

/**
 * Registers msw's hooks as `registerMswTestHooks` does, and fails each test
 * during which a request met no handler. Its `onUnhandledRequest: 'error'`
 * alone only prints the request and fails the fetch, so the component shows
 * an error state the test passes over: a test must serve everything the tree
 * it renders asks for. (A request sent after its test ended fails the next
 * test of the file.)
 */
export function registerStrictMswTestHooks(server: SetupServer) {
  registerMswTestHooks(server);
  const unhandled: string[] = [];
  beforeAll(() =>
    server.events.on('request:unhandled', ({ request }) => {
      unhandled.push(`${request.method} ${request.url}`);
    }),
  );
  afterEach(() => {
    const missed = unhandled.splice(0);
    if (missed.length > 0) {
      throw new Error(
        `Requests without a matching msw handler, which the test must serve:\n  ${missed.join(
          '\n  ',
        )}`,
      );
    }
  });
  afterAll(() => server.events.removeAllListeners('request:unhandled'));
}
