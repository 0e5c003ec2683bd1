import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  type NotificationService,
} from '@backstage/plugin-notifications-node';
import type { CapabilityCoverage } from '@internal/backstage-plugin-runtime-stack-common';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import request from 'supertest';
import { RuntimeStackNotifier } from './RuntimeStackNotifier';
import { paymentsApi } from '../__testUtils__/paymentsApi';

jest.setTimeout(60_000);

const sara = 'user:default/sara-lindqvist';
const omar = 'user:default/omar-haddad';
const marco = 'user:default/marco-rossi';

const user = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
});

// The relations the catalog would compute; the notifications backend follows
// them from a component to its owner group and on to the members.
const entities: Entity[] = [
  paymentsApi,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: sara }],
  },
  user('sara-lindqvist'),
  user('omar-haddad'),
  user('marco-rossi'),
];

const capability = (
  id: string,
  title: string,
  status: CapabilityCoverage['status'],
  hint?: string,
): CapabilityCoverage => ({
  capability: id,
  title,
  layer: 4,
  requirement: 'required',
  status,
  tools: [],
  evidence: [],
  ...(hint ? { hint } : {}),
});

/** The real notifications backend, and the notification service a plugin gets. */
async function notificationsBackend() {
  let service: NotificationService | undefined;
  const { server } = await startTestBackend({
    features: [
      notificationsPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://localhost:3000' } },
      }),
      createBackendPlugin({
        pluginId: 'runtime-stack',
        register(env) {
          env.registerInit({
            deps: {
              notifications: notificationService,
              _: coreServices.logger,
            },
            async init({ notifications }) {
              service = notifications;
            },
          });
        },
      }),
    ],
  });
  const inbox = async (userRef: string) => {
    const res = await request(server)
      .get('/api/notifications/notifications')
      .set('Authorization', mockCredentials.user.header(userRef));
    expect(res.status).toBe(200);
    return res.body.notifications as Array<{
      origin: string;
      payload: Record<string, any>;
    }>;
  };
  return { service: service!, inbox };
}

describe('RuntimeStackNotifier', () => {
  it("tells the service's owner group, not others, what regressed, linking the Runtime stack tab", async () => {
    const { service, inbox } = await notificationsBackend();
    const notifier = new RuntimeStackNotifier({
      notifications: service,
      logger: mockServices.logger.mock(),
    });

    await expect(
      notifier.coverageRegressed('component:default/payments-api', [
        {
          capability: capability(
            'alerting',
            'Alerting',
            'missing',
            'Add alert rules matching the service',
          ),
          was: 'covered',
        },
        {
          capability: capability('metrics', 'Metrics', 'partial'),
          was: 'covered',
        },
      ]),
    ).resolves.toBe(true);

    const [received] = await inbox(sara);
    expect(received.origin).toBe('plugin:runtime-stack');
    expect(received.payload).toMatchObject({
      title: 'payments-api: 2 required capabilities no longer covered',
      description:
        'Layer 4 · Alerting: missing, was covered. Add alert rules matching the service. Layer 4 · Metrics: partial, was covered.',
      link: '/catalog/default/component/payments-api/runtime-stack',
      severity: 'high',
      topic: 'Runtime stack',
    });
    expect(await inbox(omar)).toEqual([]);

    // A later regression of the same service replaces the notice.
    await notifier.coverageRegressed('component:default/payments-api', [
      {
        capability: capability('logging', 'Logging', 'partial'),
        was: 'exempt',
      },
    ]);
    const after = await inbox(sara);
    expect(after).toHaveLength(1);
    expect(after[0].payload).toMatchObject({
      title: 'payments-api: Logging no longer covered',
      severity: 'normal',
    });
  });

  it('tells the owners and the requester of an exemption when it expires', async () => {
    const { service, inbox } = await notificationsBackend();
    const now = new Date('2026-12-04T12:00:00Z');
    const notifier = new RuntimeStackNotifier({
      notifications: service,
      logger: mockServices.logger.mock(),
      now: () => now,
    });
    await notifier.exemptionExpiring(
      {
        id: '7f0c',
        scope: { kind: 'component', ref: 'component:default/payments-api' },
        capability: 'distributed-tracing',
        reason: 'Tracing rolls out in Q1',
        expiresAt: '2026-12-09T09:00:00.000Z',
        requestedBy: marco,
        grantedBy: 'user:default/priya-nair',
        createdAt: '2026-11-01T00:00:00.000Z',
      },
      'Distributed tracing',
    );
    for (const recipient of [sara, marco]) {
      const [received] = await inbox(recipient);
      expect(received.payload).toMatchObject({
        title:
          'payments-api: exemption from Distributed tracing expires in 5 days',
        description:
          'Granted by user:default/priya-nair. From 2026-12-09 09:00 UTC Distributed tracing counts as missing again; cover it or ask for a new exemption.',
        link: '/catalog/default/component/payments-api/runtime-stack',
      });
    }
    expect(await inbox(omar)).toEqual([]);
    // The reason is for those the policy lets read exemptions, on the tab.
    const [toSara] = await inbox(sara);
    expect(JSON.stringify(toSara.payload)).not.toContain('Tracing rolls out');
  });

  it('logs and reports a send that failed, and throws nothing', async () => {
    const logger = mockServices.logger.mock();
    const notifier = new RuntimeStackNotifier({
      notifications: {
        send: async () => {
          throw new Error('Request failed with 404 Not Found');
        },
      },
      logger,
    });
    await expect(
      notifier.coverageRegressed('component:default/payments-api', [
        {
          capability: capability('alerting', 'Alerting', 'missing'),
          was: 'covered',
        },
      ]),
    ).resolves.toBe(false);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not send the coverage regression of component:default/payments-api: Request failed with 404 Not Found',
    );
  });
});
