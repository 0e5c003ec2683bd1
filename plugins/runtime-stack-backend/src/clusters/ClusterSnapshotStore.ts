import {
  ECOSYSTEM_ANNOTATIONS,
  type ClusterObject,
  type ToolFinding,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { Knex } from 'knex';
import { isUniqueViolation } from '../database/isUniqueViolation';
import { isSqlite } from '../database/insertInBatches';
import type { LabelRequirement } from '@internal/backstage-plugin-runtime-stack-common';
import { whereLabelsMatch } from './labelsInSql';

// The Kubernetes plugin's annotation names the label its objects carry.
const KUBERNETES_ID_LABEL = ECOSYSTEM_ANNOTATIONS.kubernetesId;

export interface ClusterCollectionState {
  cluster: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  warnings: string[];
  objectCount: number;
  serverVersion?: string;
  platformTools: ToolFinding[];
}

type CollectionRow = {
  cluster: string;
  last_attempt_at: Date | string | number | null;
  last_success_at: Date | string | number | null;
  last_error: string | null;
  warnings: string | null;
  object_count: number;
  server_version: string | null;
  platform_tools: string | null;
};

type ObjectRow = { cluster: string; body: string };

/** Which stored objects a lookup wants; every filter but `clusters` is optional. */
interface ObjectQuery {
  clusters: string[];
  kubernetesId?: string;
  namespaces?: string[];
  kinds?: string[];
  /**
   * API groups whose objects of every kind match, for groups that make a
   * kind per object type (Gatekeeper's constraints).
   */
  apiGroups?: string[];
  /**
   * A label selector the objects' labels match; for `>` and `<`, those
   * with the label, whose value matchesLabelSelector compares.
   */
  labels?: LabelRequirement[];
}

/** The columns that name one object of a cluster (a unique index). */
function identityOf(cluster: string, object: ClusterObject) {
  return {
    cluster,
    api_version: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
  };
}

/**
 * An object's row. `withLabels`: on SQLite, its labels apart from the body
 * too, which label selectors read there (see
 * migrations/20261208110000_cluster_objects_labels_sqlite.js).
 */
function rowOf(cluster: string, object: ClusterObject, withLabels: boolean) {
  return {
    ...identityOf(cluster, object),
    ...changedColumnsOf(object, withLabels),
  };
}

/** What a change of the object rewrites of its row. */
function changedColumnsOf(object: ClusterObject, withLabels: boolean) {
  const { labels } = object.metadata;
  return {
    kubernetes_id: labels?.[KUBERNETES_ID_LABEL] ?? null,
    body: bodyOf(object),
    ...(withLabels ? { labels: labels ? JSON.stringify(labels) : null } : {}),
  };
}

/**
 * The object as JSON that PostgreSQL's `jsonb` takes, as the labels index
 * casts it: `jsonb` refuses the escape of a NUL character, which anyone who
 * may annotate a pod can put in a value, and one such object would fail
 * its cluster's whole snapshot. NULs become U+FFFD, as a decoder shows a
 * character it cannot read.
 */
function bodyOf(object: ClusterObject): string {
  const json = JSON.stringify(object);
  // Matches a text `\u0000` too; the replacer then changes nothing.
  return json.includes('\\u0000')
    ? JSON.stringify(object, (_key, value) =>
        typeof value === 'string'
          ? value.replaceAll('\u0000', '\uFFFD')
          : value,
      )
    : json;
}

// Each row carries a whole object as JSON: small batches bound the memory a
// statement holds, far below either database's limit on bound variables.
const INSERT_BATCH = 140;

/**
 * Inserts the objects a batch at a time, serialising each batch just before
 * it is written: a large cluster's rows never all sit in memory beside its
 * objects.
 */
async function insertObjects(
  tx: Knex.Transaction,
  cluster: string,
  objects: ClusterObject[],
): Promise<void> {
  const withLabels = isSqlite(tx);
  for (let start = 0; start < objects.length; start += INSERT_BATCH) {
    await tx('cluster_objects').insert(
      objects
        .slice(start, start + INSERT_BATCH)
        .map(object => rowOf(cluster, object, withLabels)),
    );
  }
}

/**
 * Keeps `cluster_collections.object_count` equal to the cluster's rows as
 * watches add and remove objects, without counting them again.
 */
async function adjustObjectCount(
  tx: Knex.Transaction,
  cluster: string,
  delta: number,
): Promise<void> {
  if (delta === 0) return;
  await tx('cluster_collections')
    .where({ cluster })
    .increment('object_count', delta);
}

const toClusterObject = (row: ObjectRow) => ({
  cluster: row.cluster,
  object: JSON.parse(row.body) as ClusterObject,
});

const toIso = (value: Date | string | number | null) =>
  value === null || value === undefined
    ? undefined
    : new Date(value).toISOString();

function toState(row: CollectionRow): ClusterCollectionState {
  return {
    cluster: row.cluster,
    ...(row.last_attempt_at
      ? { lastAttemptAt: toIso(row.last_attempt_at) }
      : {}),
    ...(row.last_success_at
      ? { lastSuccessAt: toIso(row.last_success_at) }
      : {}),
    ...(row.last_error ? { lastError: row.last_error } : {}),
    warnings: row.warnings ? JSON.parse(row.warnings) : [],
    objectCount: Number(row.object_count),
    ...(row.server_version ? { serverVersion: row.server_version } : {}),
    platformTools: row.platform_tools ? JSON.parse(row.platform_tools) : [],
  };
}

/**
 * The last good snapshot of every cluster and how its collection went. A
 * failed collection records its error and keeps the previous objects.
 */
export class ClusterSnapshotStore {
  constructor(private readonly knex: Knex) {}

  async recordAttempt(cluster: string, at: Date): Promise<void> {
    await this.knex('cluster_collections')
      .insert({ cluster, last_attempt_at: at, object_count: 0 })
      .onConflict('cluster')
      .merge(['last_attempt_at']);
  }

  /** Replaces the cluster's objects in one transaction; readers never see half a snapshot. */
  async replaceSnapshot(
    cluster: string,
    snapshot: {
      objects: ClusterObject[];
      collectedAt: Date;
      warnings: string[];
      serverVersion?: string;
      platformTools: ToolFinding[];
    },
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      await tx('cluster_objects').where({ cluster }).delete();
      await insertObjects(tx, cluster, snapshot.objects);
      await tx('cluster_collections')
        .insert({
          cluster,
          last_attempt_at: snapshot.collectedAt,
          last_success_at: snapshot.collectedAt,
          last_error: null,
          warnings: JSON.stringify(snapshot.warnings),
          object_count: snapshot.objects.length,
          server_version: snapshot.serverVersion ?? null,
          platform_tools: JSON.stringify(snapshot.platformTools),
        })
        .onConflict('cluster')
        .merge();
    });
  }

  /**
   * A watch saw an object created or changed. A change, by far the most
   * common event, is one UPDATE; only a new object touches the count.
   */
  async upsertObject(cluster: string, object: ClusterObject): Promise<void> {
    // The body serialised once, for the update and, if new, the insert.
    const changes = changedColumnsOf(object, isSqlite(this.knex));
    const row = { ...identityOf(cluster, object), ...changes };
    const changed = await this.knex('cluster_objects')
      .where(identityOf(cluster, object))
      .update(changes);
    if (changed > 0) return;
    try {
      await this.knex.transaction(async tx => {
        await tx('cluster_objects').insert(row);
        await adjustObjectCount(tx, cluster, 1);
      });
    } catch (error) {
      // A relist of its resource stored it meanwhile: this is a change.
      if (!isUniqueViolation(error)) throw error;
      await this.knex('cluster_objects')
        .where(identityOf(cluster, object))
        .update(changes);
    }
  }

  /** A watch saw an object deleted. */
  async deleteObject(cluster: string, object: ClusterObject): Promise<void> {
    await this.knex.transaction(async tx => {
      const deleted = await tx('cluster_objects')
        .where(identityOf(cluster, object))
        .delete();
      await adjustObjectCount(tx, cluster, -deleted);
    });
  }

  /** Replaces the objects of one resource after a relist (a watch that got 410 Gone). */
  async replaceResource(
    cluster: string,
    resource: { apiVersion: string; kind: string },
    objects: ClusterObject[],
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      const deleted = await tx('cluster_objects')
        .where({
          cluster,
          api_version: resource.apiVersion,
          kind: resource.kind,
        })
        .delete();
      await insertObjects(tx, cluster, objects);
      await adjustObjectCount(tx, cluster, objects.length - deleted);
    });
  }

  /** Drops what was collected from clusters that are no longer configured. */
  async forgetClustersExcept(clusters: string[]): Promise<void> {
    await this.knex('cluster_objects').whereNotIn('cluster', clusters).delete();
    await this.knex('cluster_collections')
      .whereNotIn('cluster', clusters)
      .delete();
  }

  async forgetClusters(clusters: string[]): Promise<void> {
    if (clusters.length === 0) return;
    await this.knex('cluster_objects').whereIn('cluster', clusters).delete();
    await this.knex('cluster_collections')
      .whereIn('cluster', clusters)
      .delete();
  }

  async recordFailure(cluster: string, error: string, at: Date): Promise<void> {
    await this.knex('cluster_collections')
      .insert({
        cluster,
        last_attempt_at: at,
        last_error: error,
        object_count: 0,
      })
      .onConflict('cluster')
      .merge(['last_attempt_at', 'last_error']);
  }

  async states(): Promise<ClusterCollectionState[]> {
    const rows = await this.knex<CollectionRow>('cluster_collections').orderBy(
      'cluster',
    );
    return rows.map(toState);
  }

  /**
   * Stored objects of the clusters, narrowed by the kubernetes-id label, by
   * namespaces (`''` stands for cluster-scoped objects) and by kinds.
   */
  async findObjects(
    query: ObjectQuery,
  ): Promise<Array<{ cluster: string; object: ClusterObject }>> {
    const rows: ObjectRow[] = await this.objectsMatching(query)
      .orderBy(['cluster', 'kind', 'namespace', 'name'])
      .select('cluster', 'body');
    return rows.map(toClusterObject);
  }

  /** The clusters holding objects that match, without reading the objects. */
  async clustersHolding(query: ObjectQuery): Promise<string[]> {
    const rows: Array<{ cluster: string }> = await this.objectsMatching(query)
      .distinct('cluster')
      .orderBy('cluster');
    return rows.map(r => r.cluster);
  }

  private objectsMatching(query: ObjectQuery) {
    return this.knex('cluster_objects')
      .whereIn('cluster', query.clusters)
      .modify(q => {
        if (query.kubernetesId !== undefined) {
          q.andWhere('kubernetes_id', query.kubernetesId);
        }
        if (query.namespaces) q.whereIn('namespace', query.namespaces);
        if (query.kinds) q.whereIn('kind', query.kinds);
        if (query.apiGroups) {
          const groups = query.apiGroups;
          q.andWhere(inGroup =>
            groups.forEach(group =>
              inGroup.orWhere('api_version', 'like', `${group}/%`),
            ),
          );
        }
        if (query.labels) whereLabelsMatch(q, this.knex, query.labels);
      });
  }
}
