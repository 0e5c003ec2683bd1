import {
  coverageRatio,
  type CapabilityAdoption,
  type CoverageCounts,
  type CoverageTrend,
  type EstateAdoption,
  type LayerModel,
  type SearchableService,
  type ServiceGap,
  type ServiceScore,
  type ServiceScoreQuery,
  type TeamCoverageRow,
  type TeamScorecard,
  type TrendPoint,
  type TrendSubject,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { Knex } from 'knex';
import { chunksOf } from '../database/chunksOf';
import { insertInBatches } from '../database/insertInBatches';
import { serializeTransaction } from '../database/serializeTransaction';
import { COVERAGE_WRITE_LOCK } from '../layerCoverage/CoverageStore';
import { ownerSortTextOf, type TeamSortName } from './sortText';
import type { ClosureRow } from './teamClosure';

// Names the daily snapshot among the database's advisory locks ('RSSN').
const SNAPSHOT_LOCK = 0x52_53_53_4e;

/** Of the layer rows summed, the services with something required in the layer. */
const REQUIRING_SERVICES = 'sum(case when lc.required > 0 then 1 else 0 end)';

type Counts = { required: unknown; covered: unknown; partial: unknown };
type Cell = Counts & { team: string; col: unknown; services: unknown };

/** Aggregates come back as strings from PostgreSQL, numbers from SQLite. */
const counts = (row: Counts): CoverageCounts => {
  const c = {
    required: Number(row.required ?? 0),
    covered: Number(row.covered ?? 0),
    partial: Number(row.partial ?? 0),
  };
  return { ...c, ratio: coverageRatio(c) };
};

/**
 * The column each sort of the services table orders by. A service and its
 * owner sort by what the table shows of them, a title or a Group's display
 * name, not by their refs; the keys stay those the frontend sends.
 */
const SORTS: Record<NonNullable<ServiceScoreQuery['sort']>, string> = {
  entityRef: 'sc.name_sort',
  // A service that requires nothing has no coverage to rank (its stored
  // ratio is 1): it comes last in either order, not among the complete ones.
  ratio: 'case when sc.required > 0 then sc.ratio end',
  gapCount: 'sc.gap_count',
  owner: 'sc.owner_sort',
  system: 'sc.system_ref',
  evaluatedAt: 'sc.evaluated_at',
};

/** The sort columns a service may have no value in. */
const NULLABLE_SORTS = new Set([SORTS.owner, SORTS.system, SORTS.ratio]);

const GAP_STATUSES = ['missing', 'partial'];

/**
 * What `toServiceScore` reads: the summary, not the stored answer beside
 * it, which runs to kilobytes a service.
 */
const SERVICE_SCORE_COLUMNS = [
  'entity_ref',
  'owner_ref',
  'system_ref',
  'lifecycle',
  'profile_id',
  'required',
  'covered',
  'partial',
  'ratio',
  'gap_count',
  'exempt_count',
  'evaluated_at',
].map(column => `sc.${column}`);

/** Rows by the entity they belong to, in their order. */
function byEntityRef<T extends { entity_ref: string }>(
  rows: T[],
): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const group = grouped.get(row.entity_ref);
    if (group) group.push(row);
    else grouped.set(row.entity_ref, [row]);
  }
  return grouped;
}

type GapRow = {
  entity_ref: string;
  capability: string;
  layer: unknown;
  status: ServiceGap['status'];
};

const toGap = (row: GapRow): ServiceGap => ({
  capability: row.capability,
  layer: Number(row.layer),
  status: row.status,
});

/** The groups counting the services of these teams: them and every group below. */
const membersOf = (knex: Knex, teamRefs: string[]) =>
  knex('team_closure').whereIn('team_ref', teamRefs).select('member_ref');

/**
 * Sums counts aggregated per owning group up to every team above the owner.
 * Aggregating per owner first touches each service once, not once per team
 * above it: a division's page no longer reads its thousands of services
 * three times over.
 */
function rolledUpToTeams(
  knex: Knex,
  perOwner: Knex.QueryBuilder,
  columns: string[],
) {
  return knex
    .with('per_owner', perOwner)
    .from('per_owner as po')
    .join('team_closure as tc', 'tc.member_ref', 'po.owner_ref')
    .select({ team: 'tc.team_ref' })
    .select(columns.map(column => `po.${column}`))
    .sum({ services: 'po.services' })
    .sum({ required: 'po.required' })
    .sum({ covered: 'po.covered' })
    .sum({ partial: 'po.partial' })
    .groupBy(['tc.team_ref', ...columns.map(column => `po.${column}`)]);
}

/** `YYYY-MM-DD` of a date in UTC. */
export const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Scorecards over the stored coverage: every aggregate is computed by the
 * database, so a page of 5,000 services never loads them all into Node.
 */
export class ScorecardStore {
  constructor(private readonly knex: Knex) {}

  /**
   * The groups whose rollups count services owned by these groups: each of
   * them and every group above it, as the last evaluation read the catalog.
   */
  async teamsCounting(ownerRefs: string[]): Promise<string[]> {
    const teams = new Set<string>();
    for (const chunk of chunksOf(ownerRefs)) {
      const rows: Array<{ team_ref: string }> = await this.knex('team_closure')
        .whereIn('member_ref', chunk)
        .distinct('team_ref');
      for (const row of rows) teams.add(row.team_ref);
    }
    return [...teams];
  }

  /**
   * Replaces the group hierarchy used for team rollups, and the texts the
   * Groups sort by as owners in the services table, and brings the owner
   * sort of every stored service up to date: a Group whose display name
   * changed moves in the table with this evaluation.
   */
  async replaceTeamClosure(
    rows: ClosureRow[],
    sortNames: TeamSortName[],
  ): Promise<void> {
    await this.knex.transaction(async tx => {
      // The snapshot reads the closure twice, for teams overall and per
      // layer, holding this lock: a new closure between the two would give
      // the day's team rows two different organisations. Coverage writes
      // take it too, so none stores an owner's sort text from before.
      await serializeTransaction(tx, COVERAGE_WRITE_LOCK);
      await tx('team_closure').delete();
      await insertInBatches(tx, 'team_closure', rows);
      await tx('team_sort_names').delete();
      // One row per Group already: `teamSortNames` keys them by ref.
      await insertInBatches(tx, 'team_sort_names', sortNames);
      const sortTexts = new Map(sortNames.map(n => [n.team_ref, n.sort_name]));
      // Per owner, a few hundred in a large estate, and only those whose
      // text changed: most evaluations update none.
      const owners: Array<{ owner_ref: string; owner_sort: string | null }> =
        await tx('service_coverage')
          .whereNotNull('owner_ref')
          .distinct('owner_ref', 'owner_sort');
      const updated = new Set<string>();
      for (const { owner_ref, owner_sort } of owners) {
        const text = ownerSortTextOf(owner_ref, sortTexts);
        if (text === owner_sort || updated.has(owner_ref)) continue;
        updated.add(owner_ref);
        await tx('service_coverage')
          .where({ owner_ref })
          .update({ owner_sort: text });
      }
    });
  }

  /**
   * Takes (or retakes) the day's snapshot of every service, every team with
   * the groups below it, and the estate, overall and per layer.
   */
  async snapshot(day: string): Promise<void> {
    const { knex } = this;
    await knex.transaction(async tx => {
      // Every exemption change takes one, beside the scheduled run: two at
      // once would both delete the day and both insert it again.
      await serializeTransaction(tx, SNAPSHOT_LOCK);
      // The statements below each read the coverage as committed when they
      // start: a coverage write committing between two of them would give
      // the day's services, teams and layers different states. So coverage
      // writes wait for the snapshot, and it for them. Not repeatable read
      // instead: PostgreSQL takes its snapshot at the lock above, before
      // waiting, so a snapshot that waited for another would not see the
      // rows that one wrote, and its delete would leave them to collide
      // with its inserts. No deadlock: coverage writes never take the
      // snapshot's lock, and this is taken second, so waiting for another
      // snapshot holds up no coverage write.
      await serializeTransaction(tx, COVERAGE_WRITE_LOCK);
      await tx('coverage_history').where({ day }).delete();
      const insert = (select: string, bindings: string[]) =>
        tx.raw(
          `insert into coverage_history (day, subject_kind, subject_ref, layer, required, covered, partial, services) ${select}`,
          bindings,
        );
      await insert(
        `select ?, 'service', entity_ref, -1, required, covered, partial, 1 from service_coverage`,
        [day],
      );
      // A System as it is that day: the components it has then.
      await insert(
        `select ?, 'system', system_ref, -1, sum(required), sum(covered), sum(partial), count(*)
         from service_coverage where system_ref is not null group by system_ref`,
        [day],
      );
      await insert(
        `select ?, 'team', tc.team_ref, -1, sum(sc.required), sum(sc.covered), sum(sc.partial), count(*)
         from service_coverage sc join team_closure tc on tc.member_ref = sc.owner_ref
         group by tc.team_ref`,
        [day],
      );
      // Per layer, a service counts where it requires something of the
      // layer, as in the heatmap's cells; every service has a row for every
      // layer, so count(*) would count the rest too. A layer nothing is
      // required of keeps its row, a day the chart shows as a gap.
      await insert(
        `select ?, 'team', tc.team_ref, lc.layer, sum(lc.required), sum(lc.covered), sum(lc.partial), ${REQUIRING_SERVICES}
         from layer_coverage lc
         join service_coverage sc on sc.entity_ref = lc.entity_ref
         join team_closure tc on tc.member_ref = sc.owner_ref
         group by tc.team_ref, lc.layer`,
        [day],
      );
      await insert(
        `select ?, 'estate', '', -1, coalesce(sum(required), 0), coalesce(sum(covered), 0), coalesce(sum(partial), 0), count(*) from service_coverage`,
        [day],
      );
      await insert(
        `select ?, 'estate', '', lc.layer, sum(lc.required), sum(lc.covered), sum(lc.partial), ${REQUIRING_SERVICES} from layer_coverage lc group by lc.layer`,
        [day],
      );
    });
  }

  /**
   * Drops snapshots older than `firstKeptDay`, and the history of services
   * with no stored coverage: those the catalog no longer has, whose
   * coverage the evaluation removed, in this run or in one that failed
   * before it got here. Returns how many rows went.
   */
  async prune(firstKeptDay: string): Promise<number> {
    const { knex } = this;
    const old = await knex('coverage_history')
      .where('day', '<', firstKeptDay)
      .delete();
    const orphaned = await knex('coverage_history')
      .where({ subject_kind: 'service' })
      .whereNotExists(
        knex('service_coverage as sc')
          .whereRaw('sc.entity_ref = coverage_history.subject_ref')
          .select(knex.raw('1')),
      )
      .delete();
    return old + orphaned;
  }

  /**
   * Drops the history of teams or Systems other than `current`, the ones
   * the catalog has: a deleted group or System leaves no trend behind.
   * Returns the refs whose history went.
   */
  async removeHistoryOutside(
    kind: 'team' | 'system',
    current: Set<string>,
  ): Promise<string[]> {
    const rows: Array<{ subject_ref: string }> = await this.knex(
      'coverage_history',
    )
      .distinct('subject_ref')
      .where({ subject_kind: kind });
    const gone = rows
      .map(row => row.subject_ref)
      .filter(ref => !current.has(ref));
    await this.removeHistory(kind, gone);
    return gone;
  }

  private async removeHistory(kind: string, refs: string[]): Promise<void> {
    for (const chunk of chunksOf(refs)) {
      await this.knex('coverage_history')
        .where({ subject_kind: kind })
        .whereIn('subject_ref', chunk)
        .delete();
    }
  }

  /** Teams × layers, or teams × the capabilities of one layer. */
  async teamScorecard(
    layerModel: LayerModel,
    options: { layer?: number; limit: number; offset: number },
  ): Promise<TeamScorecard> {
    const { knex } = this;
    const [{ total }] = await knex('team_closure as tc')
      .whereExists(
        knex('service_coverage as sc')
          .whereRaw('sc.owner_ref = tc.member_ref')
          .select(knex.raw('1')),
      )
      .countDistinct({ total: 'tc.team_ref' });
    const perOwner = knex('service_coverage')
      .select('owner_ref')
      .count({ services: '*' })
      .sum({ required: 'required' })
      .sum({ covered: 'covered' })
      .sum({ partial: 'partial' })
      .groupBy('owner_ref');
    const teams = (await rolledUpToTeams(knex, perOwner, [])
      .orderBy('tc.team_ref')
      .limit(options.limit)
      .offset(options.offset)) as Array<
      Counts & { team: string; services: unknown }
    >;
    const teamRefs = teams.map(t => t.team);

    const layer =
      options.layer === undefined
        ? undefined
        : layerModel.layers.find(l => l.id === options.layer);
    const columns = layer
      ? layer.capabilities.map(c => ({
          id: c.id,
          title: c.title,
          layer: layer.id,
        }))
      : layerModel.layers.map(l => ({
          id: String(l.id),
          title: l.title,
          layer: l.id,
        }));

    const cells =
      teamRefs.length === 0
        ? []
        : await (layer
            ? this.capabilityCells(teamRefs, layer.id)
            : this.layerCells(teamRefs));

    const parentOf = new Map(
      teamRefs.length === 0
        ? []
        : (
            (await knex('team_closure')
              .whereIn('member_ref', teamRefs)
              .andWhere({ depth: 1 })
              .select('team_ref', 'member_ref')) as Array<{
              team_ref: string;
              member_ref: string;
            }>
          ).map(r => [r.member_ref, r.team_ref]),
    );

    const items: TeamCoverageRow[] = teams.map(team => ({
      team: team.team,
      ...(parentOf.has(team.team) ? { parent: parentOf.get(team.team) } : {}),
      services: Number(team.services),
      overall: counts(team),
      cells: cells
        .filter(c => c.team === team.team)
        .map(c => ({
          column: String(c.col),
          services: Number(c.services),
          ...counts(c),
        })),
    }));
    return {
      columns,
      items,
      totalCount: Number(total),
      limit: options.limit,
      offset: options.offset,
    };
  }

  /** Per capability: statuses across the estate and the tools in use. */
  async adoption(layerModel: LayerModel): Promise<EstateAdoption> {
    const { knex } = this;
    const [{ services }] = await knex('service_coverage').count({
      services: '*',
    });
    const statusRows: Array<{
      capability: string;
      status: string;
      services: unknown;
    }> = await knex('capability_coverage')
      .where({ requirement: 'required' })
      .select('capability', 'status')
      .count({ services: '*' })
      .groupBy('capability', 'status');
    const toolRows: Array<{
      capability: string;
      tool: string;
      services: unknown;
      declared_only: unknown;
    }> = await knex('capability_tool_usage')
      .select('capability', 'tool')
      .select(
        knex.raw(
          'sum(case when confirmed then 1 else 0 end) as ??, sum(case when confirmed then 0 else 1 end) as ??',
          ['services', 'declared_only'],
        ),
      )
      .groupBy('capability', 'tool');

    const capabilities: CapabilityAdoption[] = layerModel.layers.flatMap(
      layer =>
        layer.capabilities.map(capability => {
          const n = (status: string) =>
            Number(
              statusRows.find(
                r => r.capability === capability.id && r.status === status,
              )?.services ?? 0,
            );
          return {
            capability: capability.id,
            title: capability.title,
            layer: layer.id,
            required: n('covered') + n('partial') + n('missing'),
            covered: n('covered'),
            partial: n('partial'),
            missing: n('missing'),
            exempt: n('exempt'),
            tools: toolRows
              .filter(t => t.capability === capability.id)
              .map(t => ({
                tool: t.tool,
                services: Number(t.services),
                declaredOnly: Number(t.declared_only),
              }))
              .sort(
                (a, b) =>
                  b.services - a.services || a.tool.localeCompare(b.tool),
              ),
          };
        }),
    );
    return { services: Number(services), capabilities };
  }

  /** Teams × capabilities of one layer, over required, non-exempt rows. */
  private async capabilityCells(
    teamRefs: string[],
    layer: number,
  ): Promise<Cell[]> {
    const { knex } = this;
    const perOwner = knex('capability_coverage as cc')
      .join('service_coverage as sc', 'sc.entity_ref', 'cc.entity_ref')
      .whereIn('sc.owner_ref', membersOf(knex, teamRefs))
      .andWhere('cc.layer', layer)
      .andWhere('cc.requirement', 'required')
      .andWhereNot('cc.status', 'exempt')
      .select({ owner_ref: 'sc.owner_ref', col: 'cc.capability' })
      .count({ services: '*' })
      .count({ required: '*' })
      .select(
        knex.raw(
          `sum(case when cc.status = 'covered' then 1 else 0 end) as covered`,
        ),
        knex.raw(
          `sum(case when cc.status = 'partial' then 1 else 0 end) as partial`,
        ),
      )
      .groupBy('sc.owner_ref', 'cc.capability');
    return rolledUpToTeams(knex, perOwner, ['col']).whereIn(
      'tc.team_ref',
      teamRefs,
    );
  }

  /** Teams × layers, over services with something required in the layer. */
  private async layerCells(teamRefs: string[]): Promise<Cell[]> {
    const { knex } = this;
    const perOwner = knex('layer_coverage as lc')
      .join('service_coverage as sc', 'sc.entity_ref', 'lc.entity_ref')
      .whereIn('sc.owner_ref', membersOf(knex, teamRefs))
      .andWhere('lc.required', '>', 0)
      .select({ owner_ref: 'sc.owner_ref', col: 'lc.layer' })
      .count({ services: '*' })
      .sum({ required: 'lc.required' })
      .sum({ covered: 'lc.covered' })
      .sum({ partial: 'lc.partial' })
      .groupBy('sc.owner_ref', 'lc.layer');
    return rolledUpToTeams(knex, perOwner, ['col']).whereIn(
      'tc.team_ref',
      teamRefs,
    );
  }

  /** Daily points of a subject since `sinceDay`, oldest first. */
  async trend(subject: TrendSubject, sinceDay: string): Promise<CoverageTrend> {
    const [kind, ref, layer] =
      subject.kind === 'layer'
        ? ['estate', '', subject.layer]
        : [
            subject.kind,
            subject.kind === 'estate' ? '' : subject.ref,
            undefined,
          ];
    const query = this.knex('coverage_history')
      .where({ subject_kind: kind, subject_ref: ref })
      .andWhere('day', '>=', sinceDay)
      .orderBy([
        { column: 'layer', order: 'asc' },
        { column: 'day', order: 'asc' },
      ]);
    if (layer !== undefined) query.andWhere({ layer });
    const rows: Array<
      Counts & { day: string; layer: number; services: unknown }
    > = await query.select(
      'day',
      'layer',
      'required',
      'covered',
      'partial',
      'services',
    );
    const point = (r: (typeof rows)[number]): TrendPoint => ({
      day: r.day,
      services: Number(r.services),
      ...counts(r),
    });
    const overallLayer = layer ?? -1;
    const layers = [...new Set(rows.map(r => Number(r.layer)))].filter(
      l => l !== overallLayer,
    );
    return {
      subject,
      points: rows.filter(r => Number(r.layer) === overallLayer).map(point),
      layers:
        subject.kind === 'estate' || subject.kind === 'team'
          ? layers.map(l => ({
              layer: l,
              points: rows.filter(r => Number(r.layer) === l).map(point),
            }))
          : [],
    };
  }

  /** The services table: filtered, sorted and paginated in SQL. */
  async services(
    query: ServiceScoreQuery & { limit: number; offset: number },
  ): Promise<{ items: ServiceScore[]; totalCount: number }> {
    const filtered = this.filteredServices(query);
    const [{ total }] = await filtered.clone().count({ total: '*' });
    const sort = SORTS[query.sort ?? 'entityRef'];
    const order = query.order === 'desc' ? 'desc' : 'asc';
    const rows = await filtered
      .clone()
      .select(SERVICE_SCORE_COLUMNS)
      // Services without an owner, System or ratio come last in either order,
      // where the databases disagree by default. Raw: knex writes
      // `nulls last` for SQLite as `(column is null) desc`, which drops the
      // column's own order and puts the nulls first. Only there: on a
      // column that is never null it would keep PostgreSQL from reading
      // the column's index in order.
      .orderByRaw(
        `${sort} ${order}${
          NULLABLE_SORTS.has(sort) ? ' nulls last' : ''
        }, sc.entity_ref asc`,
      )
      .limit(query.limit)
      .offset(query.offset);
    return { items: rows.map(toServiceScore), totalCount: Number(total) };
  }

  /**
   * A page of services in entity-ref order, after `after`: with the tools
   * their evidence names (each with its capability's status, so a tool only
   * declared is not indexed as running) and their required gaps, what search
   * indexes.
   */
  async searchableServices(
    after: string | undefined,
    limit: number,
  ): Promise<Array<Omit<SearchableService, 'title'>>> {
    const rows: Array<Record<string, any>> = await this.knex(
      'service_coverage as sc',
    )
      .modify(query => {
        if (after !== undefined) query.where('sc.entity_ref', '>', after);
      })
      .orderBy('sc.entity_ref')
      .limit(limit)
      .select(SERVICE_SCORE_COLUMNS);
    const refs: string[] = rows.map(row => row.entity_ref);
    if (refs.length === 0) return [];
    const [tools, gaps] = await Promise.all([
      // Joined in the one query of the page's tools, not looked up a
      // service at a time.
      this.knex('capability_tool_usage as tu')
        .join('capability_coverage as cc', join =>
          join
            .on('cc.entity_ref', 'tu.entity_ref')
            .andOn('cc.capability', 'tu.capability'),
        )
        .whereIn('tu.entity_ref', refs)
        .orderBy(['tu.entity_ref', 'tu.capability', 'tu.tool'])
        .select(
          'tu.entity_ref',
          'tu.capability',
          'tu.tool',
          'tu.confirmed',
          'cc.status',
        ) as Promise<
        Array<{
          entity_ref: string;
          capability: string;
          tool: string;
          // SQLite answers 0 or 1.
          confirmed: boolean | number;
          status: SearchableService['tools'][number]['status'];
        }>
      >,
      this.gapsOf(refs),
    ]);
    const toolsOf = byEntityRef(tools);
    const gapsOf = byEntityRef(gaps);
    return rows.map(row => ({
      ...toServiceScore(row),
      tools: (toolsOf.get(row.entity_ref) ?? []).map(t => ({
        capability: t.capability,
        tool: t.tool,
        status: t.status,
        confirmed: Boolean(t.confirmed),
      })),
      gaps: (gapsOf.get(row.entity_ref) ?? []).map(toGap),
    }));
  }

  private async gapsOf(refs: string[]): Promise<GapRow[]> {
    if (refs.length === 0) return [];
    return this.knex('capability_coverage')
      .whereIn('entity_ref', refs)
      .andWhere({ requirement: 'required' })
      .whereIn('status', GAP_STATUSES)
      .select('entity_ref', 'capability', 'layer', 'status')
      .orderBy(['entity_ref', 'layer', 'capability']);
  }

  /** The services of a team (and the groups below it), with their gaps. */
  async teamServices(team: string, limit: number) {
    // Over all of the team's services, not only the page listed.
    const [sums] = (await this.filteredServices({ team })
      .sum({ required: 'sc.required' })
      .sum({ covered: 'sc.covered' })
      .sum({ partial: 'sc.partial' })) as Counts[];
    const { items, totalCount } = await this.services({
      team,
      sort: 'ratio',
      order: 'asc',
      limit,
      offset: 0,
    });
    const gaps = byEntityRef(await this.gapsOf(items.map(i => i.entityRef)));
    const groups: Array<{ member_ref: string }> = await this.knex(
      'team_closure',
    )
      .where({ team_ref: team })
      .orderBy(['depth', 'member_ref'])
      .select('member_ref');
    return {
      groups: groups.map(g => g.member_ref),
      overall: counts(sums),
      totalServices: totalCount,
      services: items.map(item => ({
        ...item,
        gaps: (gaps.get(item.entityRef) ?? []).map(toGap),
      })),
    };
  }

  /**
   * The refs exemptions of a team's services are granted on: every service
   * of the team and its System, as a subquery, so an exemption beyond the
   * page of services listed is still found, without a bound-parameter list
   * as long as the team.
   */
  teamScopeRefs(team: string): Knex.QueryBuilder {
    const services = () => this.filteredServices({ team });
    return services()
      .select('sc.entity_ref as ref')
      .union(
        services().whereNotNull('sc.system_ref').select('sc.system_ref as ref'),
      );
  }

  private filteredServices(query: ServiceScoreQuery) {
    const { knex } = this;
    const q = knex('service_coverage as sc');
    if (query.team) {
      q.whereIn(
        'sc.owner_ref',
        knex('team_closure')
          .where({ team_ref: query.team })
          .select('member_ref'),
      );
    }
    if (query.system) q.where('sc.system_ref', query.system);
    if (query.lifecycle) q.where('sc.lifecycle', query.lifecycle);
    if (query.profile) q.where('sc.profile_id', query.profile);
    if (query.search) {
      // Entity names may hold `_`, which LIKE would read as any character.
      const pattern = `%${query.search
        .toLocaleLowerCase('en-US')
        .replace(/[\\%_]/g, c => `\\${c}`)}%`;
      // The table shows a service by its title where it has one, so what
      // it shows is found as well as its ref: both are in search_text,
      // lowercased by the store as the pattern is here, not by SQLite's
      // lower(), which leaves "Ü" as it is.
      q.whereRaw(`sc.search_text like ? escape '\\'`, [pattern]);
    }
    if (query.layer !== undefined || query.status) {
      // Uncorrelated, so the database computes the matching services once
      // instead of probing capability rows per service.
      const matching = knex('capability_coverage').select('entity_ref');
      if (query.layer !== undefined) matching.where('layer', query.layer);
      // Required capabilities only, as the coverage and the gaps count
      // them: a service at 100% with no gap is not listed as missing
      // something merely recommended. No required capability is
      // `not-required`, so that status still finds the others.
      if (query.status !== 'not-required') {
        matching.where('requirement', 'required');
      }
      // A layer alone asks for the services with a gap in it.
      if (query.status) matching.where('status', query.status);
      else matching.whereIn('status', GAP_STATUSES);
      q.whereIn('sc.entity_ref', matching);
    }
    return q;
  }
}

function toServiceScore(row: Record<string, any>): ServiceScore {
  return {
    entityRef: row.entity_ref,
    ...(row.owner_ref ? { owner: row.owner_ref } : {}),
    ...(row.system_ref ? { system: row.system_ref } : {}),
    ...(row.lifecycle ? { lifecycle: row.lifecycle } : {}),
    profile: row.profile_id,
    required: Number(row.required),
    covered: Number(row.covered),
    partial: Number(row.partial),
    ratio: Number(row.ratio),
    gapCount: Number(row.gap_count),
    exemptCount: Number(row.exempt_count),
    evaluatedAt: new Date(row.evaluated_at).toISOString(),
  };
}
