import { mockServices } from '@backstage/backend-test-utils';
import type { SignalPayload } from '@backstage/plugin-signals-node';
import type { EntityCoverage } from '@internal/backstage-plugin-runtime-stack-common';
import { signalCoverageChanges } from './coverageChangeSignals';

const coverage = (name: string, evaluatedAt: string) =>
  ({
    entityRef: `component:default/${name}`,
    evaluatedAt,
  } as EntityCoverage);

describe('signalCoverageChanges', () => {
  it('signals each changed entity and, once, each of their Systems, on their own channels', async () => {
    const published: SignalPayload[] = [];
    const logger = mockServices.logger.mock();
    const signal = signalCoverageChanges(
      { publish: async payload => void published.push(payload) },
      logger,
    );
    await signal([
      {
        coverage: coverage('Payments-API', '2026-12-05T10:00:00.000Z'),
        systemRef: 'system:default/payments',
      },
      {
        coverage: coverage('payments-ledger', '2026-12-05T10:00:01.000Z'),
        systemRef: 'system:default/payments',
      },
      { coverage: coverage('lonely', '2026-12-05T10:00:02.000Z') },
    ]);
    expect(published).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: 'runtime-stack:coverage:component:default/payments-api',
        message: {
          entityRef: 'component:default/Payments-API',
          evaluatedAt: '2026-12-05T10:00:00.000Z',
        },
      },
      {
        recipients: { type: 'broadcast' },
        channel: 'runtime-stack:coverage:system:default/payments',
        message: {
          entityRef: 'system:default/payments',
          evaluatedAt: '2026-12-05T10:00:01.000Z',
        },
      },
      expect.objectContaining({
        channel: 'runtime-stack:coverage:component:default/payments-ledger',
      }),
      expect.objectContaining({
        channel: 'runtime-stack:coverage:component:default/lonely',
      }),
    ]);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it("signals the owner's group and each group above it, once", async () => {
    const channels: string[] = [];
    const asked: string[][] = [];
    const signal = signalCoverageChanges(
      { publish: async ({ channel }) => void channels.push(channel) },
      mockServices.logger.mock(),
      async owners => {
        asked.push(owners);
        return ['group:default/payments', 'group:default/product'];
      },
    );
    await signal([
      {
        coverage: coverage('a', '2026-12-05T10:00:00.000Z'),
        ownerRef: 'group:default/payments',
      },
      {
        coverage: coverage('b', '2026-12-05T10:00:01.000Z'),
        ownerRef: 'group:default/payments',
      },
    ]);
    expect(asked).toEqual([['group:default/payments']]);
    expect(channels).toEqual([
      'runtime-stack:coverage:component:default/a',
      'runtime-stack:coverage:component:default/b',
      'runtime-stack:coverage:group:default/payments',
      'runtime-stack:coverage:group:default/product',
    ]);
  });

  it('still signals the entities when the groups cannot be read', async () => {
    const logger = mockServices.logger.mock();
    const channels: string[] = [];
    const signal = signalCoverageChanges(
      { publish: async ({ channel }) => void channels.push(channel) },
      logger,
      async () => {
        throw new Error('database gone');
      },
    );
    await signal([
      {
        coverage: coverage('a', '2026-12-05T10:00:00.000Z'),
        ownerRef: 'group:default/payments',
      },
    ]);
    expect(channels).toEqual(['runtime-stack:coverage:component:default/a']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/database gone/),
    );
  });

  it('sends what it can when signals fail, and says how many did not go', async () => {
    const logger = mockServices.logger.mock();
    const channels: string[] = [];
    const signal = signalCoverageChanges(
      {
        publish: async ({ channel }) => {
          if (channel.endsWith('/a')) throw new Error('events backend down');
          channels.push(channel);
        },
      },
      logger,
    );
    await signal([
      { coverage: coverage('a', '2026-12-05T10:00:00.000Z') },
      { coverage: coverage('b', '2026-12-05T10:00:00.000Z') },
    ]);
    expect(channels).toEqual(['runtime-stack:coverage:component:default/b']);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not signal every coverage change (1 failed, of 2 entities): Error: events backend down',
    );
  });
});
