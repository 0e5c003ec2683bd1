/*
 * Two replicas of this backend on one PostgreSQL, as the portal's Helm chart
 * runs them: a coverage change made through one must be signalled to a
 * browser connected to the other. Without the events plugin's bus, each
 * replica delivers only the signals it publishes itself.
 */

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  findFreePort,
  startServerProcess,
  type RunningServerProcess,
} from '@internal/server-process-testkit';
import knexFactory from 'knex';
import WebSocket from 'ws';

const postgres =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const required = Boolean(process.env.RUNTIME_STACK_REQUIRE_REAL_SERVERS);
const BACKEND_ROOT = resolve(__dirname, '..');
const SERVICE = 'component:default/payments-ledger';
const CHANNEL = `runtime-stack:coverage:${SERVICE}`;

// Two backends boot from TypeScript sources: 20-60 s each on two cores.
jest.setTimeout(300_000);

/** Every plugin's database of one run starts with this, so it can be dropped. */
const prefix = `replicas_${process.pid}_${Date.now()}_`;

async function startReplica(): Promise<RunningServerProcess> {
  const port = await findFreePort();
  const url = `http://localhost:${port}`;
  return startServerProcess({
    name: `backend replica on :${port}`,
    binary: process.execPath,
    args: () => [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
    ],
    // Catalog locations in app-config.yaml are relative to the package.
    cwd: BACKEND_ROOT,
    directory: await mkdtemp(join(tmpdir(), 'backend-replica-')),
    port,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      APP_CONFIG_app_baseUrl: url,
      APP_CONFIG_backend_baseUrl: url,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_database_client: 'pg',
      APP_CONFIG_backend_database_connection: postgres,
      APP_CONFIG_backend_database_prefix: prefix,
      // As app-config.production.yaml sets it for replicas.
      APP_CONFIG_events_useEventBus: 'always',
    },
    readyPath: '/.backstage/health/v1/readiness',
    readyStatuses: [200],
    pollIntervalMs: 500,
    startTimeoutMs: 240_000,
    outputChars: 20_000,
  });
}

async function dropDatabasesOfThisRun() {
  const db = knexFactory({ client: 'pg', connection: postgres });
  try {
    const databases: Array<{ datname: string }> = await db('pg_database')
      .select('datname')
      .whereLike('datname', `${prefix}%`);
    for (const { datname } of databases) {
      await db.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await db.destroy();
  }
}

/**
 * Waits until the signals plugin of every replica has its subscription on
 * the events bus. A replica subscribes on its first poll, some time after it
 * reports ready, and a subscription made after an event was published does
 * not get that event. A poll that fails while the events plugin is still
 * starting is retried with a backoff that doubles up to 60 s
 * (`@backstage/plugin-events-node`), so a loaded machine can take longer
 * than a minute.
 */
async function busSubscriptionsOfSignals(count: number) {
  const url = new URL(postgres!);
  url.pathname = `/${prefix}events`;
  const db = knexFactory({ client: 'pg', connection: url.toString() });
  try {
    let found = 0;
    await until(
      async () => {
        const rows = await db('event_bus_subscriptions')
          .select('id')
          .whereLike('id', 'signals.%');
        found = rows.length;
        return found >= count;
      },
      { timeoutMs: 150_000, intervalMs: 250 },
      () => `${found} of ${count} signals subscriptions on the bus after 150 s`,
    );
  } finally {
    await db.destroy();
  }
}

async function guestToken(replica: RunningServerProcess): Promise<string> {
  const res = await fetch(`${replica.url}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.status).toBe(200);
  return (await res.json()).backstageIdentity.token;
}

interface Subscription {
  messages: Array<{ channel: string; message: { entityRef: string } }>;
  close(): void;
}

/**
 * Connects as the app's signal client does (the token as the WebSocket
 * protocol) and subscribes to the service's coverage channel.
 */
async function subscribe(
  replica: RunningServerProcess,
  token: string,
): Promise<Subscription> {
  const url = `${replica.url.replace(/^http/, 'ws')}/api/signals`;
  // The signals plugin starts handling upgrades on the first upgrade request
  // it sees, which itself goes unanswered; the app's client retries too.
  for (let attempt = 1; ; attempt++) {
    const socket = new WebSocket(url, token);
    const opened = await new Promise<boolean>(done => {
      socket.once('open', () => done(true));
      socket.once('error', () => done(false));
      setTimeout(() => done(false), 3000);
    });
    if (opened) {
      const messages: Subscription['messages'] = [];
      socket.on('message', data => messages.push(JSON.parse(String(data))));
      socket.send(JSON.stringify({ action: 'subscribe', channel: CHANNEL }));
      return { messages, close: () => socket.close() };
    }
    socket.terminate();
    if (attempt === 5) {
      throw new Error(`No WebSocket connection to ${url} after 5 attempts`);
    }
  }
}

/**
 * Calls `check` every `intervalMs` until it holds; past `timeoutMs`, fails
 * with what `failure` says of the last try.
 */
async function until(
  check: () => boolean | Promise<boolean>,
  { timeoutMs, intervalMs }: { timeoutMs: number; intervalMs: number },
  failure: () => string,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise(done => setTimeout(done, intervalMs));
  }
}

/** Waits until the first replica's catalog has read the example estate. */
async function catalogHolds(replica: RunningServerProcess, token: string) {
  const url = `${replica.url}/api/catalog/entities/by-name/component/default/payments-ledger`;
  let status = 0;
  await until(
    async () => {
      status = (
        await fetch(url, { headers: { Authorization: `Bearer ${token}` } })
      ).status;
      return status === 200;
    },
    { timeoutMs: 60_000, intervalMs: 500 },
    () => `${SERVICE} not in the catalog after 60 s: ${status}`,
  );
}

async function coverageStatus(
  replica: RunningServerProcess,
  token: string,
  capability: string,
): Promise<string> {
  const res = await fetch(
    `${replica.url}/api/runtime-stack/entities/component/default/payments-ledger/coverage`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(res.status).toBe(200);
  const report: {
    capabilities: Array<{ capability: string; status: string }>;
  } = await res.json();
  return report.capabilities.find(c => c.capability === capability)!.status;
}

(postgres || required ? describe : describe.skip)(
  'two backend replicas on one PostgreSQL',
  () => {
    const replicas: RunningServerProcess[] = [];

    beforeAll(async () => {
      if (!postgres) {
        throw new Error(
          'Set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING: replicas share PostgreSQL',
        );
      }
      // One after the other, as a rolling deployment starts them: on an empty
      // database, Backstage's own plugins fail their start when another
      // process holds their migration lock (the runtime-stack plugin waits).
      for (let i = 0; i < 2; i++) replicas.push(await startReplica());
    });

    afterAll(async () => {
      await Promise.all(replicas.map(replica => replica.stop()));
      if (postgres) await dropDatabasesOfThisRun();
    });

    it('signal a coverage change made through one replica to a browser connected to the other', async () => {
      const [first, second] = replicas;
      const token = await guestToken(first);
      await catalogHolds(first, token);
      // Evaluated on first read, before anyone listens.
      expect(await coverageStatus(first, token, 'certificate-management')).toBe(
        'missing',
      );
      await busSubscriptionsOfSignals(replicas.length);
      const onFirst = await subscribe(first, token);
      const onSecond = await subscribe(second, token);
      try {
        // A subscription is a message with no answer; give it time to land.
        await new Promise(done => setTimeout(done, 1000));
        const granted = await fetch(
          `${first.url}/api/runtime-stack/exemptions`,
          {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${token}`,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({
              scope: { kind: 'component', ref: SERVICE },
              capability: 'certificate-management',
              reason: 'TLS ends at the gateway until the mesh lands',
              expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
            }),
          },
        );
        expect(granted.status).toBe(201);

        const signalled = (s: Subscription) =>
          s.messages.some(
            m => m.channel === CHANNEL && m.message.entityRef === SERVICE,
          );
        await until(
          () => signalled(onFirst) && signalled(onSecond),
          { timeoutMs: 20_000, intervalMs: 100 },
          () =>
            `Signals after 20 s: ${JSON.stringify({
              first: onFirst.messages,
              second: onSecond.messages,
            })}\nSecond replica's log:\n${second.output().slice(-3000)}`,
        );
        // What the signalled page then reloads, from the replica it talks to.
        expect(
          await coverageStatus(second, token, 'certificate-management'),
        ).toBe('exempt');
      } finally {
        onFirst.close();
        onSecond.close();
      }
    });
  },
);
