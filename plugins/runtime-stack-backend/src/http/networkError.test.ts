import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describeNetworkError } from './networkError';

/** A port nothing listens on any more. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('describeNetworkError', () => {
  it('names the cause fetch hides behind "fetch failed"', async () => {
    const refused = await fetch(
      `http://127.0.0.1:${await closedPort()}/`,
    ).catch(e => e);
    expect(refused.message).toBe('fetch failed');
    expect(describeNetworkError(refused)).toBe('ECONNREFUSED');
  });

  it('falls back to the cause’s message, then the error’s own', () => {
    expect(
      describeNetworkError(
        new Error('fetch failed', { cause: new Error('bad certificate') }),
      ),
    ).toBe('bad certificate');
    expect(describeNetworkError(new Error('aborted'))).toBe('aborted');
    expect(describeNetworkError('down')).toBe('down');
  });
});
