import type { Knex } from 'knex';
import { isSqlite } from '../database/insertInBatches';
import type { LabelRequirement } from '@internal/backstage-plugin-runtime-stack-common';

// The expression PostgreSQL's index of labels is on
// (migrations/20261207070000_cluster_objects_labels_index.js); a query
// uses the index only with this expression, written alike.
const PG_LABELS = "((body::jsonb -> 'metadata') -> 'labels')";

/**
 * The SQL of one label's value in an object's stored JSON body, null where
 * the object has no such label, and its bindings. The key is a binding too,
 * never part of the SQL: a selector comes from a catalog annotation.
 */
function labelValue(knex: Knex, key: string) {
  if (isSqlite(knex)) {
    // The labels apart from the body: SQLite reads them for every object of
    // the clusters. A JSON path names a key holding dots and slashes only
    // when quoted; the selector's grammar allows no quotes in a key.
    return {
      sql: 'json_extract(labels, ?)',
      bindings: [`$."${key}"`],
    };
  }
  // Typed: `->>` also takes an array index, so an untyped key is ambiguous.
  return { sql: `(${PG_LABELS} ->> ?::text)`, bindings: [key] };
}

const placeholders = (values: string[]) => values.map(() => '?').join(', ');

/** Objects whose label `key` holds one of `values`. */
function whereLabelIn(
  query: Knex.QueryBuilder,
  knex: Knex,
  key: string,
  values: string[],
): void {
  if (values.length === 0) {
    query.whereRaw('1 = 0');
  } else if (isSqlite(knex)) {
    const { sql, bindings } = labelValue(knex, key);
    query.whereRaw(`${sql} in (${placeholders(values)})`, [
      ...bindings,
      ...values,
    ]);
  } else {
    // Containment is what PostgreSQL's index of labels answers.
    query.where(q => {
      for (const value of values) {
        q.orWhereRaw(`${PG_LABELS} @> ?::jsonb`, [
          JSON.stringify({ [key]: value }),
        ]);
      }
    });
  }
}

/** Objects without label `key`, or whose label `key` holds none of `values`. */
function whereLabelNotIn(
  query: Knex.QueryBuilder,
  knex: Knex,
  key: string,
  values: string[],
): void {
  const { sql, bindings } = labelValue(knex, key);
  if (values.length === 0) return;
  query.whereRaw(
    `(${sql} is null or ${sql} not in (${placeholders(values)}))`,
    [...bindings, ...bindings, ...values],
  );
}

/**
 * Narrows a query of `cluster_objects` to the objects a label selector
 * matches, so that only those are sent and parsed, not every object of the
 * service's clusters. Exact but for `>` and `<`, which it narrows to the
 * objects with the label.
 */
export function whereLabelsMatch(
  query: Knex.QueryBuilder,
  knex: Knex,
  requirements: LabelRequirement[],
): void {
  for (const requirement of requirements) {
    const { key } = requirement;
    switch (requirement.op) {
      case 'eq':
        whereLabelIn(query, knex, key, [requirement.value]);
        break;
      case 'in':
        whereLabelIn(query, knex, key, requirement.values);
        break;
      case 'neq':
        whereLabelNotIn(query, knex, key, [requirement.value]);
        break;
      case 'notin':
        whereLabelNotIn(query, knex, key, requirement.values);
        break;
      case 'exists':
      case 'notexists':
      case 'gt':
      case 'lt': {
        // `>` and `<` narrowed to the objects with the label: whether its
        // value is an integer beyond the bound, matchesLabelSelector tells,
        // reading it as Kubernetes does; SQL would need a guard per database
        // against values that are no integer, for an operator few use.
        const { sql, bindings } = labelValue(knex, key);
        const test = requirement.op === 'notexists' ? 'is null' : 'is not null';
        query.whereRaw(`${sql} ${test}`, bindings);
        break;
      }
      default:
        throw new Error(
          `Unknown label requirement ${JSON.stringify(requirement)}`,
        );
    }
  }
}
