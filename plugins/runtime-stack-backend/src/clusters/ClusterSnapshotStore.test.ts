import { TestDatabases } from '@backstage/backend-test-utils';
import { migrateDownThrough, migrateToLatest } from '../database/migrations';
import { ClusterSnapshotStore } from './ClusterSnapshotStore';
import {
  matchesLabelSelector,
  parseLabelSelector,
} from '@internal/backstage-plugin-runtime-stack-common';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const deployment = (name: string, image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop', uid: name },
  spec: { template: { spec: { containers: [{ name, image }] } } },
});

describe.each(databases.eachSupportedId())(
  'ClusterSnapshotStore on %s',
  databaseId => {
    it('stores and counts once an object that two watch events add at once', async () => {
      const knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      const store = new ClusterSnapshotStore(knex);
      await store.replaceSnapshot('prod-eu-1', {
        objects: [deployment('cart', 'cart:1')],
        collectedAt: new Date(),
        warnings: [],
        platformTools: [],
      });

      await Promise.all([
        store.upsertObject('prod-eu-1', deployment('pay', 'pay:1')),
        store.upsertObject('prod-eu-1', deployment('pay', 'pay:2')),
      ]);

      const [state] = await store.states();
      expect(state.objectCount).toBe(2);
      const stored = await store.findObjects({
        clusters: ['prod-eu-1'],
        kinds: ['Deployment'],
      });
      expect(stored.map(o => o.object.metadata.name)).toEqual(['cart', 'pay']);
    });

    it('stores an object with a NUL character in a value, which PostgreSQL’s jsonb refuses, as U+FFFD', async () => {
      const knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      const store = new ClusterSnapshotStore(knex);
      const annotated = (name: string, note: string) => ({
        ...deployment(name, `${name}:1`),
        metadata: {
          name,
          namespace: 'shop',
          labels: { app: name },
          annotations: { note },
        },
      });
      await store.replaceSnapshot('prod-eu-1', {
        objects: [
          annotated('cart', 'a\u0000b'),
          annotated('pay', 'text \\u0000 as typed'),
        ],
        collectedAt: new Date(),
        warnings: [],
        platformTools: [],
      });
      await store.upsertObject('prod-eu-1', annotated('search', '\u0000'));

      const stored = await store.findObjects({
        clusters: ['prod-eu-1'],
        labels: parseLabelSelector('app in (cart, pay, search)'),
      });
      expect(
        stored.map(o => [
          o.object.metadata.name,
          o.object.metadata.annotations,
        ]),
      ).toEqual([
        ['cart', { note: 'a\uFFFDb' }],
        ['pay', { note: 'text \\u0000 as typed' }],
        ['search', { note: '\uFFFD' }],
      ]);
    });

    it('finds by a label selector the objects the selector rule matches, and only those', async () => {
      const knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      const store = new ClusterSnapshotStore(knex);
      const pod = (name: string, labels?: Record<string, string>) => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'shop', ...(labels ? { labels } : {}) },
      });
      const objects = [
        pod('search-1', {
          'app.kubernetes.io/name': 'search',
          tier: 'web',
          track: '',
        }),
        pod('search-2', { 'app.kubernetes.io/name': 'search', tier: 'db' }),
        pod('cart-1', { 'app.kubernetes.io/name': 'cart', legacy: 'true' }),
        pod('cart-2', { app: 'cart', 'app.kubernetes.io/name': 'cart' }),
        pod('bare'),
      ];
      await store.replaceSnapshot('prod-eu-1', {
        objects,
        collectedAt: new Date(),
        warnings: [],
        platformTools: [],
      });

      const selectors = [
        'app.kubernetes.io/name=search',
        'app.kubernetes.io/name==cart,!legacy',
        'app.kubernetes.io/name=search,tier!=db',
        'tier!=db',
        'app.kubernetes.io/name in (search, cart),tier notin (web)',
        'app.kubernetes.io/name notin (search)',
        'legacy',
        '!app.kubernetes.io/name',
        'track=',
        'app=search',
        '!owner',
      ];
      const sizes: number[] = [];
      for (const selector of selectors) {
        const requirements = parseLabelSelector(selector);
        const found = await store.findObjects({
          clusters: ['prod-eu-1'],
          kinds: ['Pod'],
          labels: requirements,
        });
        const expected = objects
          .filter(o => matchesLabelSelector(requirements, o.metadata.labels))
          .map(o => o.metadata.name)
          .sort();
        sizes.push(expected.length);
        expect({
          selector,
          found: found.map(o => o.object.metadata.name).sort(),
        }).toEqual({ selector, found: expected });
      }
      // The selectors differ in what they find: none, some, all.
      expect(new Set(sizes)).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    });

    it('narrows a selector comparing integers to the objects with the label, which the rule then compares', async () => {
      const knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      const store = new ClusterSnapshotStore(knex);
      const pod = (name: string, labels: Record<string, string>) => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'shop', labels },
      });
      await store.replaceSnapshot('prod-eu-1', {
        objects: [
          pod('three', { replicas: '3' }),
          pod('one', { replicas: '1' }),
          pod('many', { replicas: 'many' }),
          pod('none', { app: 'x' }),
        ],
        collectedAt: new Date(),
        warnings: [],
        platformTools: [],
      });
      const requirements = parseLabelSelector('replicas>2');
      const found = await store.findObjects({
        clusters: ['prod-eu-1'],
        labels: requirements,
      });
      expect(found.map(o => o.object.metadata.name).sort()).toEqual([
        'many',
        'one',
        'three',
      ]);
      expect(
        found
          .filter(o =>
            matchesLabelSelector(requirements, o.object.metadata.labels),
          )
          .map(o => o.object.metadata.name),
      ).toEqual(['three']);
    });

    it('tells label values apart that a search of the stored text alone would not', async () => {
      const knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      const store = new ClusterSnapshotStore(knex);
      const pod = (name: string, labels: Record<string, string>) => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'shop', labels },
      });
      await store.replaceSnapshot('prod-eu-1', {
        objects: [
          pod('web_1', { app: 'web_1' }),
          // `_` is any character to LIKE, which is blind to case too.
          pod('webx1', { app: 'webx1' }),
          pod('upper', { app: 'WEB_1' }),
          // The value, but under another label.
          pod('other', { tier: 'web_1' }),
        ],
        collectedAt: new Date(),
        warnings: [],
        platformTools: [],
      });
      const namesFor = async (selector: string) =>
        (
          await store.findObjects({
            clusters: ['prod-eu-1'],
            labels: parseLabelSelector(selector),
          })
        )
          .map(o => o.object.metadata.name)
          .sort();
      expect(await namesFor('app=web_1')).toEqual(['web_1']);
      expect(await namesFor('app in (WEB_1, webx1)')).toEqual([
        'upper',
        'webx1',
      ]);
    });
  },
);

/**
 * A pod of prod-eu-1 as a row written straight to the table, as the store of
 * an earlier migration wrote it: identity and body, nothing derived.
 */
const storedPodRow = (name: string, metadata: Record<string, unknown>) => ({
  cluster: 'prod-eu-1',
  api_version: 'v1',
  kind: 'Pod',
  namespace: 'shop',
  name,
  body: JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', ...metadata },
  }),
});

describe('the labels index migration', () => {
  it('empties the stored objects when some hold what PostgreSQL’s jsonb refuses, to index their labels', async () => {
    const knex = await databases.init('POSTGRES_15');
    await migrateToLatest(knex);
    await migrateDownThrough(
      knex,
      '20261207070000_cluster_objects_labels_index.js',
    );
    const row = (name: string, note: string) =>
      storedPodRow(name, { annotations: { note } });
    const indexLabels = async () => {
      await migrateToLatest(knex);
      return knex('cluster_objects').pluck('name');
    };
    await knex('cluster_objects').insert(row('plain', 'ab'));
    expect(await indexLabels()).toEqual(['plain']);

    await migrateDownThrough(
      knex,
      '20261207070000_cluster_objects_labels_index.js',
    );
    // As the store wrote it before it replaced NUL characters.
    await knex('cluster_objects').insert(row('nul', 'a\u0000b'));
    expect(await indexLabels()).toEqual([]);
  });
});

describe('the SQLite labels migration', () => {
  it('fills the labels of the objects stored before it, which label selectors then find, and goes down again', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    const migration = '20261208110000_cluster_objects_labels_sqlite.js';
    await migrateDownThrough(knex, migration);
    expect(await knex.schema.hasColumn('cluster_objects', 'labels')).toBe(
      false,
    );
    const pod = (name: string, labels?: Record<string, string>) =>
      storedPodRow(name, labels ? { labels } : {});
    await knex('cluster_objects').insert([
      pod('cart-1', { app: 'cart' }),
      pod('bare'),
    ]);

    await migrateToLatest(knex);
    const found = await new ClusterSnapshotStore(knex).findObjects({
      clusters: ['prod-eu-1'],
      labels: parseLabelSelector('app=cart'),
    });
    expect(found.map(o => o.object.metadata.name)).toEqual(['cart-1']);
    expect(
      await knex('cluster_objects').orderBy('name').pluck('labels'),
    ).toEqual([null, '{"app":"cart"}']);

    await migrateDownThrough(knex, migration);
    expect(await knex('cluster_objects').pluck('name')).toHaveLength(2);
  });
});
