import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  loadFixture,
  startFakeKubeApiServer,
  type FakeKubeApiServer,
} from '@internal/fake-kube-apiserver';
import type { Knex } from 'knex';
import { realServerAvailable } from '../__testUtils__/realServers';
import { runtimeStackPlugin } from '../plugin';
import { kubernetesConfig } from '../__testUtils__/kubernetesConfig';

jest.setTimeout(90_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const clusterNames = ['prod-eu-1', 'prod-eu-2', 'prod-us-1', 'staging-eu-1'];
const periodMs = 1000;

/** One finished collection, as the collector logged it on some replica. */
interface Collection {
  replica: string;
  cluster: string;
  startedAt: number;
  endedAt: number;
}

const COLLECTED = /^Collected \d+ objects from cluster (\S+) in (\d+) ms/;

/**
 * A root logger that keeps the collector's "Collected … in N ms" lines, so
 * the test knows which replica collected which cluster, and when.
 */
function recordingRootLogger(replica: string, collections: Collection[]) {
  const logger: LoggerService = {
    info(message) {
      const match = COLLECTED.exec(message);
      if (match) {
        const endedAt = Date.now();
        collections.push({
          replica,
          cluster: match[1],
          startedAt: endedAt - Number(match[2]),
          endedAt,
        });
      }
    },
    warn(m) {
      console.log('WARN', replica, String(m).slice(0, 300));
    },
    error(m) {
      console.log('ERROR', replica, String(m).slice(0, 300));
    },
    debug() {},
    child: () => logger,
  };
  return createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => logger,
  });
}

function startReplica(
  replica: string,
  knex: Knex,
  servers: FakeKubeApiServer[],
  collections: Collection[],
) {
  return startTestBackend({
    features: [
      runtimeStackPlugin,
      // The production scheduler: global tasks are claimed through the
      // shared database, which is what lets replicas split the clusters.
      schedulerServiceFactory,
      mockServices.database.factory({ knex }),
      recordingRootLogger(replica, collections),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          kubernetes: kubernetesConfig(
            servers.map((server, i) => ({
              name: clusterNames[i],
              url: server.url,
              token: server.token,
            })),
          ),
          runtimeStack: {
            clusters: {
              watch: false,
              schedule: {
                frequency: { milliseconds: periodMs },
                timeout: { seconds: 30 },
              },
            },
          },
        },
      }),
    ],
  });
}

const runsOnPostgres = realServerAvailable(
  databases.supports('POSTGRES_15'),
  'the replica tests',
  'postgresql',
);

(runsOnPostgres ? describe : describe.skip)(
  'several backend replicas on one PostgreSQL',
  () => {
    let servers: FakeKubeApiServer[];

    beforeAll(async () => {
      servers = await Promise.all(
        clusterNames.map(() =>
          startFakeKubeApiServer({ objects: loadFixture('prod-eu-1') }),
        ),
      );
    });
    afterAll(async () => {
      await Promise.all(servers.map(server => server.close()));
    });

    it('collect each cluster once per period between them, never twice at once', async () => {
      const knex = await databases.init('POSTGRES_15');
      const collections: Collection[] = [];
      // One after the other, as a rolling deployment starts them: Backstage's
      // own scheduler migrations (unlike ours, see migrations.test.ts) do not
      // wait for a replica that migrates the same database at that moment.
      const replicas = [
        await startReplica('a', knex, servers, collections),
        await startReplica('b', knex, servers, collections),
      ];
      try {
        const enough = () =>
          clusterNames.every(
            cluster =>
              collections.filter(c => c.cluster === cluster).length >= 6,
          );
        const deadline = Date.now() + 60_000;
        while (!enough() && Date.now() < deadline) {
          await new Promise(resolve => setTimeout(resolve, 200));
        }
        expect(enough()).toBe(true);
      } finally {
        await Promise.all(replicas.map(replica => replica.stop()));
      }

      for (const [i, cluster] of clusterNames.entries()) {
        const runs = collections
          .filter(c => c.cluster === cluster)
          .sort((x, y) => x.startedAt - y.startedAt);
        // Runs follow one schedule shared through the database: the k-th run
        // after the first is planned k periods later and claimed at most one
        // poll (one period) late, so k runs span at least (k - 1) periods,
        // whichever replicas ran them.
        const span = runs[runs.length - 1].startedAt - runs[0].startedAt;
        expect(span).toBeGreaterThanOrEqual((runs.length - 2) * periodMs);
        for (let r = 1; r < runs.length; r++) {
          expect(runs[r].startedAt).toBeGreaterThanOrEqual(
            runs[r - 1].endedAt - 5, // the logged duration is whole ms
          );
        }
        // Every list pass the cluster's API saw belongs to a logged run, but
        // one that stopping the replicas cut short.
        const nodeLists = servers[i].requests.filter(
          request => request.path === '/api/v1/nodes' && !request.query.watch,
        );
        expect(nodeLists.length - runs.length).toBeGreaterThanOrEqual(0);
        expect(nodeLists.length - runs.length).toBeLessThanOrEqual(1);
      }
      // Whichever replica polls first claims a run, so how the clusters fall
      // between the replicas varies; that every run was claimed by one is
      // what the schedule above shows.
    });
  },
);
