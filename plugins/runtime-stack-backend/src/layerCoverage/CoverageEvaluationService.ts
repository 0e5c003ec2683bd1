import type {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  systemRefOf,
  type EntityWithSystem,
} from '../catalog/entityWithSystem';
import { mapWithConcurrency } from '../clusters/concurrency';
import { dayOf, type ScorecardStore } from '../scorecards/ScorecardStore';
import { teamClosure } from '../scorecards/teamClosure';
import { teamSortNames } from '../scorecards/sortText';
import type { ExemptionStore } from '../scorecards/ExemptionStore';
import type { CoverageService } from './CoverageService';
import type { CoverageRecord, CoverageStore } from './CoverageStore';
import { addDays } from '../time/days';
import { chunksOf } from '../database/chunksOf';

export interface CoverageEvaluationSettings {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Entities evaluated at once. */
  concurrency: number;
  /** Days of daily scorecard snapshots kept. */
  retentionDays: number;
}

export interface CoverageEvaluationResult {
  evaluated: number;
  failed: number;
  removed: number;
  durationMs: number;
}

// Stored in batches so a long run shows progress and bounds memory.
const BATCH = 100;

/** Runs of one task invocation, the first included. */
const MAX_ROUNDS = 3;

/**
 * Evaluates the coverage of every Component and stores it: on a schedule,
 * and soon after each cluster or registry collection. Rows of entities the
 * catalog no longer has are removed.
 */
export class CoverageEvaluationService {
  static readonly TASK_ID = 'runtime-stack:evaluate-coverage';
  private scheduler?: SchedulerService;
  private running = false;
  private requestedWhileRunning = false;

  constructor(
    private readonly options: {
      coverage: CoverageService;
      store: CoverageStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      settings: CoverageEvaluationSettings;
      /** Where team rollups and daily snapshots go; none without it. */
      scorecards?: ScorecardStore;
      /** Whose exemptions of entities the catalog no longer has go. */
      exemptions?: ExemptionStore;
      now?: () => Date;
      /** Called after each run, with what it did. */
      onEvaluated?: (result: CoverageEvaluationResult) => void;
    },
  ) {}

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  async schedule(scheduler: SchedulerService): Promise<void> {
    this.scheduler = scheduler;
    await scheduler.scheduleTask({
      id: CoverageEvaluationService.TASK_ID,
      ...this.options.settings.schedule,
      // After the schedule: a `scope: local` in config would make every
      // replica evaluate, notify and collect.
      scope: 'global',
      fn: async (signal: AbortSignal) => {
        await this.runUntilSettled(signal);
      },
    });
  }

  /**
   * Asks for an evaluation now, after a collection changed the evidence. A
   * request during a run makes this replica's run go round once more.
   */
  async requestEvaluation(): Promise<void> {
    if (this.running) {
      this.requestedWhileRunning = true;
      return;
    }
    try {
      await this.scheduler?.triggerTask(CoverageEvaluationService.TASK_ID);
    } catch (error) {
      // Running on another replica (409) or not scheduled yet: the schedule
      // catches up.
      this.options.logger.debug(
        `Coverage evaluation not triggered: ${
          isError(error) ? error.message : String(error)
        }`,
      );
    }
  }

  /**
   * Runs, and again while collections asked for more during the run, up to
   * `MAX_ROUNDS`: with many clusters a collection ends every minute or so,
   * and a run that never ended would outlive its timeout, when the scheduler
   * lets another replica start one beside it. What is asked after the last
   * round waits for the next trigger or the schedule.
   */
  private async runUntilSettled(signal?: AbortSignal) {
    this.running = true;
    try {
      let rounds = 0;
      do {
        this.requestedWhileRunning = false;
        await this.run(signal);
        rounds += 1;
      } while (
        this.requestedWhileRunning &&
        rounds < MAX_ROUNDS &&
        !signal?.aborted
      );
    } finally {
      this.running = false;
    }
  }

  /**
   * One evaluation of every Component. `signal` (the task's, aborted at its
   * timeout or on shutdown) stops it between batches: what is stored stays,
   * and the removals and snapshot wait for a run that reads everything.
   */
  async run(signal?: AbortSignal): Promise<CoverageEvaluationResult> {
    const { catalog, auth, store, coverage, logger, settings } = this.options;
    const started = Date.now();
    const catalogReadAt = this.now();
    const credentials = await auth.getOwnServiceCredentials();
    const [{ items: components }, { items: systems }, { items: groups }] =
      await Promise.all([
        catalog.getEntities({ filter: { kind: 'component' } }, { credentials }),
        catalog.getEntities({ filter: { kind: 'system' } }, { credentials }),
        catalog.getEntities(
          {
            filter: { kind: 'group' },
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              // The name the services table shows an owner by, and sorts by.
              'metadata.title',
              'spec.profile.displayName',
              'relations',
            ],
          },
          { credentials },
        ),
      ]);
    const systemsByRef = new Map(
      systems.map(s => [stringifyEntityRef(s), s] as const),
    );

    const exemptionsByScope = await coverage.exemptionsByScope();
    const evaluateOne = async (entity: Entity) => {
      try {
        return await coverage.evaluate(
          contextOf(entity, systemsByRef),
          exemptionsByScope,
        );
      } catch (error) {
        logger.warn(
          `Coverage of ${stringifyEntityRef(entity)} not evaluated: ${
            isError(error) ? error.message : String(error)
          }`,
        );
        return undefined;
      }
    };
    let failed = 0;
    for (const batch of chunksOf(components, BATCH)) {
      signal?.throwIfAborted();
      const records = await mapWithConcurrency(
        batch,
        settings.concurrency,
        evaluateOne,
      );
      const evaluated = records.filter((r): r is CoverageRecord => !!r);
      failed += records.length - evaluated.length;
      try {
        await coverage.storeEvaluated(evaluated);
      } catch (error) {
        // One batch the database refuses must not cost the others, nor the
        // removals, snapshot and pruning after them.
        failed += evaluated.length;
        logger.warn(
          `Coverage of ${evaluated.length} component(s) not stored (${evaluated
            .slice(0, 3)
            .map(r => r.coverage.entityRef)
            .join(', ')}${evaluated.length > 3 ? ', …' : ''}): ${
            isError(error) ? error.message : String(error)
          }`,
        );
      }
    }

    signal?.throwIfAborted();
    const gone = await this.goneFromCatalog(components);
    await store.remove(gone);
    await this.removeExemptionsOfGone({ components, systems }, catalogReadAt);
    await this.recordScorecards({ groups, systems });

    const result = {
      evaluated: components.length - failed,
      failed,
      removed: gone.length,
      durationMs: Date.now() - started,
    };
    const notes = [
      failed ? `${failed} failed` : '',
      gone.length ? `removed ${gone.length} no longer in the catalog` : '',
    ].filter(Boolean);
    logger.info(
      `Evaluated coverage of ${result.evaluated} component(s) in ${
        result.durationMs
      } ms${notes.length ? `; ${notes.join(', ')}` : ''}`,
    );
    this.options.onEvaluated?.(result);
    return result;
  }

  /**
   * Stored entities the catalog no longer has. An answer without a single
   * Component while the store holds some is taken for a catalog being
   * rebuilt, not an estate without services: removing would throw away
   * every service's history, so nothing goes until the catalog has some.
   */
  private async goneFromCatalog(components: Entity[]): Promise<string[]> {
    const stored = await this.options.store.entityRefs();
    if (components.length === 0 && stored.length > 0) {
      this.options.logger.warn(
        `The catalog returned no Components; keeping the stored coverage of ${stored.length} until it does`,
      );
      return [];
    }
    const current = new Set(components.map(e => stringifyEntityRef(e)));
    return stored.filter(ref => !current.has(ref));
  }

  /**
   * Exemptions of Components and Systems the catalog no longer has: no one
   * can see or revoke them, and a service registered again under the name
   * starts without them. As with stored coverage, an answer without any
   * entity of a kind removes nothing of that kind.
   */
  private async removeExemptionsOfGone(
    current: { components: Entity[]; systems: Entity[] },
    catalogReadAt: Date,
  ) {
    const { exemptions, logger } = this.options;
    if (!exemptions) return;
    for (const [kind, entities] of [
      ['component', current.components],
      ['system', current.systems],
    ] as const) {
      if (entities.length === 0) continue;
      const removed = await exemptions.removeOutside(
        kind,
        new Set(entities.map(entity => stringifyEntityRef(entity))),
        catalogReadAt,
      );
      if (removed.length > 0) {
        logger.info(
          `Removed ${
            removed.length
          } exemption(s) of ${kind}s no longer in the catalog: ${removed
            .map(e => `${e.scope.ref} (${e.capability})`)
            .join(', ')}`,
        );
      }
    }
  }

  /**
   * Team rollups from the group hierarchy, today's snapshot, retention; the
   * history of services, groups and Systems the catalog no longer has goes
   * (that of services with their coverage, by `prune`).
   */
  private async recordScorecards(current: {
    groups: Entity[];
    systems: Entity[];
  }) {
    const { scorecards, settings } = this.options;
    if (!scorecards) return;
    const { groups, systems } = current;
    const now = this.now();
    // As with Components, an empty answer keeps what is stored.
    const removeOutside = async (kind: 'team' | 'system', kept: Entity[]) => {
      if (kept.length === 0) return;
      await scorecards.removeHistoryOutside(
        kind,
        new Set(kept.map(entity => stringifyEntityRef(entity))),
      );
    };
    await removeOutside('team', groups);
    await removeOutside('system', systems);
    await scorecards.replaceTeamClosure(
      teamClosure(groups),
      teamSortNames(groups),
    );
    await scorecards.snapshot(dayOf(now));
    await scorecards.prune(dayOf(addDays(now, -settings.retentionDays)));
  }
}

function contextOf(
  entity: Entity,
  systems: Map<string, Entity>,
): EntityWithSystem {
  const systemRef = systemRefOf(entity);
  return {
    entity,
    entityRef: stringifyEntityRef(entity),
    ...(systemRef ? { systemRef, system: systems.get(systemRef) } : {}),
  };
}
