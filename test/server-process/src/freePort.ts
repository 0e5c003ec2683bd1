import { createServer } from 'node:net';

/**
 * A loopback port nobody listens on right now. The servers started here
 * cannot be told to pick one themselves and report it, so this is racy by
 * nature; `startServerProcess` retries when the port was taken in between.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Fails when something already listens on this loopback port. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', error =>
      reject(
        new Error(`Port ${port} on 127.0.0.1 is not free: ${error.message}`),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
