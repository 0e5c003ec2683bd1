import { triggerableScheduler } from '@internal/backend-test-kit';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import type { AddressInfo } from 'node:net';
import { CoverageEvaluationService } from '../src/layerCoverage/CoverageEvaluationService';
import { runtimeStackPlugin } from '../src/plugin';

/**
 * The runtime-stack backend on a bench database and catalog, with its
 * scheduled tasks run only on demand, read over HTTP as a user.
 */
export async function startCoverageBackend(knex: any, entities: Entity[]) {
  const scheduler = triggerableScheduler();
  let notificationsSent = 0;
  const backend = await startTestBackend({
    features: [
      runtimeStackPlugin,
      scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities }),
      // As the example portal runs: each evaluation is compared with the
      // stored one for regression notices.
      mockServices.rootConfig.factory({
        data: { runtimeStack: { notifications: { enabled: true } } },
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async () => {
            notificationsSent += 1;
          },
        }),
      }),
    ],
  });
  const base = `http://localhost:${
    (backend.server.address() as AddressInfo).port
  }/api/runtime-stack`;
  const headers = { Authorization: mockCredentials.user.header() };
  return {
    /** GET under /api/runtime-stack; anything but 200 throws. */
    async get(path: string) {
      const res = await fetch(`${base}${path}`, { headers });
      const body = await res.json();
      if (res.status !== 200) {
        throw new Error(
          `${path} answered ${res.status}: ${JSON.stringify(body).slice(
            0,
            200,
          )}`,
        );
      }
      return body;
    },
    /** A write under /api/runtime-stack; a status other than `expected` throws. */
    async send(method: string, path: string, expected: number, body?: unknown) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status !== expected) {
        throw new Error(
          `${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`,
        );
      }
      return text ? JSON.parse(text) : undefined;
    },
    /** One run of the coverage evaluation task, as after a collection. */
    evaluate: () => scheduler.triggerTask(CoverageEvaluationService.TASK_ID),
    /** Notifications the plugin has sent so far. */
    notificationsSent: () => notificationsSent,
    stop: () => backend.stop(),
  };
}
