import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { migrateToLatest } from '../database/migrations';
import { ExemptionStore } from '../scorecards/ExemptionStore';
import { ExemptionExpiryNotices } from './ExemptionExpiryNotices';
import { RuntimeStackNotifier } from './RuntimeStackNotifier';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const DAY = 86_400_000;

describe.each(databases.eachSupportedId())(
  'exemption expiry notices on %s',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      let now = new Date('2026-12-04T12:00:00Z');
      const store = new ExemptionStore(knex, () => now);
      const sent: NotificationSendOptions[] = [];
      let failing = false;
      /** Waited for before each send, as for a notifications backend that hangs. */
      let beforeSend = async () => {};
      const notifier = new RuntimeStackNotifier({
        notifications: {
          send: async options => {
            await beforeSend();
            if (failing) throw new Error('notifications backend is down');
            sent.push(options);
          },
        },
        logger: mockServices.logger.mock(),
        now: () => now,
      });
      const notices = new ExemptionExpiryNotices({
        exemptions: store,
        notifier,
        settings: {
          warnDays: 14,
          schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
        },
        logger: mockServices.logger.mock(),
        titleOf: id => (id === 'alerting' ? 'Alerting' : id),
        now: () => now,
      });
      const exempt = (ref: string, capability: string, inDays: number) =>
        store.create(
          {
            scope: { kind: 'component', ref },
            capability,
            reason: 'accepted for now',
            expiresAt: new Date(now.getTime() + inDays * DAY).toISOString(),
            requestedBy: 'group:default/team-payments',
          },
          'user:default/priya-nair',
        );
      return {
        store,
        notices,
        sent,
        exempt,
        fail: (value: boolean) => {
          failing = value;
        },
        waitBeforeSend: (wait: () => Promise<void>) => {
          beforeSend = wait;
        },
        advance: (days: number) => {
          now = new Date(now.getTime() + days * DAY);
        },
      };
    }

    it('tells the owners of an exemption once, when it comes within the warning days', async () => {
      const { notices, sent, exempt, advance } = await setUp();
      await exempt('component:default/payments-api', 'alerting', 5);
      await exempt('component:default/payments-api', 'metrics', 30);

      expect(await notices.run()).toEqual({ notified: 1, failed: 0 });
      expect(sent).toHaveLength(1);
      expect(sent[0].recipients).toEqual({
        type: 'entity',
        entityRef: [
          'component:default/payments-api',
          'group:default/team-payments',
        ],
      });
      expect(sent[0].payload.title).toBe(
        'payments-api: exemption from Alerting expires in 5 days',
      );

      // The next runs do not repeat it; the other one is told when its turn comes.
      expect(await notices.run()).toEqual({ notified: 0, failed: 0 });
      advance(17);
      expect(await notices.run()).toEqual({ notified: 1, failed: 0 });
      expect(sent.map(s => s.payload.title)).toEqual([
        'payments-api: exemption from Alerting expires in 5 days',
        'payments-api: exemption from metrics expires in 13 days',
      ]);
    });

    it('does not announce an exemption revoked while the run sends the others', async () => {
      const { store, notices, sent, exempt, waitBeforeSend } = await setUp();
      await exempt('component:default/payments-api', 'alerting', 3);
      const second = await exempt(
        'component:default/payments-api',
        'metrics',
        4,
      );
      let revoked = false;
      waitBeforeSend(async () => {
        if (!revoked) {
          revoked = true;
          await store.delete(second.id);
        }
      });
      expect(await notices.run()).toEqual({ notified: 1, failed: 0 });
      expect(sent.map(s => s.payload.title)).toEqual([
        'payments-api: exemption from Alerting expires in 3 days',
      ]);
    });

    it('says nothing of an exemption that has already expired', async () => {
      const { notices, sent, exempt, advance } = await setUp();
      await exempt('component:default/payments-api', 'alerting', 1);
      advance(2);
      expect(await notices.run()).toEqual({ notified: 0, failed: 0 });
      expect(sent).toEqual([]);
    });

    it('tries again on the next run when the notice could not be sent', async () => {
      const { notices, sent, exempt, fail } = await setUp();
      await exempt('component:default/payments-api', 'alerting', 3);
      fail(true);
      expect(await notices.run()).toEqual({ notified: 0, failed: 1 });
      fail(false);
      expect(await notices.run()).toEqual({ notified: 1, failed: 0 });
      expect(sent).toHaveLength(1);
    });

    it('marks each notice as soon as it is sent, so a run cut short by its timeout leaves it marked', async () => {
      const { store, notices, sent, exempt, waitBeforeSend } = await setUp();
      await exempt('component:default/payments-api', 'alerting', 3);
      await exempt('component:default/payments-api', 'metrics', 5);

      // The second send hangs past the task's timeout.
      let release = () => {};
      const secondSendStarted = new Promise<void>(started => {
        waitBeforeSend(async () => {
          if (sent.length === 0) return;
          started();
          await new Promise<void>(resolve => {
            release = resolve;
          });
        });
      });
      const cutShort = notices.run();
      try {
        await secondSendStarted;
        expect(sent).toHaveLength(1);
        expect(
          (await store.list({ expiryNotNotified: true })).map(
            e => e.capability,
          ),
        ).toEqual(['metrics']);
      } finally {
        release();
        await cutShort;
      }
    });

    it('stops sending once the scheduler aborts the run, leaving the rest for the next', async () => {
      const { store, notices, sent, exempt, waitBeforeSend } = await setUp();
      await exempt('component:default/payments-api', 'alerting', 3);
      await exempt('component:default/payments-api', 'metrics', 5);
      await exempt('component:default/payments-api', 'tracing', 6);

      // The task times out while the first notice is being sent.
      const timeout = new AbortController();
      waitBeforeSend(async () => timeout.abort());
      expect(await notices.run(timeout.signal)).toEqual({
        notified: 1,
        failed: 2,
      });
      expect(sent).toHaveLength(1);
      expect(
        (await store.list({ expiryNotNotified: true }))
          .map(e => e.capability)
          .sort(),
      ).toEqual(['metrics', 'tracing']);
    });

    it('tells again about an exemption granted anew after the last one expired', async () => {
      const { notices, sent, exempt, advance } = await setUp();
      await exempt('component:default/payments-api', 'alerting', 3);
      await notices.run();
      advance(4);
      await exempt('component:default/payments-api', 'alerting', 10);
      expect(await notices.run()).toEqual({ notified: 1, failed: 0 });
      expect(sent).toHaveLength(2);
    });
  },
);
