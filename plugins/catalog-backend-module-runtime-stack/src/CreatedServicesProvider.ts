import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import type {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, readCatalogInfoFile } from './readCatalogInfoFile';

const isMissing = (error: unknown) =>
  isError(error) && (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * The directories that hold a service, in name order, so which of two files
 * naming one entity wins does not depend on the file system. Dot-directories
 * are left out: `publish:local` builds a service in one and renames it into
 * place when it is complete. A symbolic link to a directory is not one.
 */
const serviceDirectories = (entries: Dirent[]) =>
  entries
    .filter(entry => entry.isDirectory() && !entry.name.startsWith('.'))
    .map(entry => entry.name)
    .sort();

/** The entities of each file that read cleanly, by file. */
type EntitiesByFile = Map<string, DeferredEntity[]>;

/** What one read of the directory found. */
interface Reading {
  /**
   * Everything the directory describes now, and by which file, or
   * `undefined` when the directory itself cannot be read and the catalog
   * must be left as it is.
   */
  described?: { entities: DeferredEntity[]; byFile: EntitiesByFile };
  /** What could not be read or is not valid, and what is used instead. */
  problems: string[];
  /** Documents or files left out on purpose. */
  leftOut: string[];
  /** Whether the directory does not exist on this host. */
  missing?: boolean;
}

/**
 * The services the runtime-service template wrote on the portal's host
 * (`runtimeStack.scaffolder.localPublishDir`): each directory's
 * catalog-info.yaml, read on a schedule. Limited to that directory, so the
 * catalog never has to accept file locations from its API.
 *
 * The directory is local to one host, and the schedule runs on whichever
 * backend replica takes it. So a replica without it, or one that cannot list
 * it, leaves the catalog as it was. A file that cannot be read or is not (yet)
 * valid, for example one being edited by hand, stands for what it described
 * when it last read cleanly, so it neither removes its services nor holds
 * back the changes of the others.
 */
export class CreatedServicesProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** What was last logged, so the same problems are not logged every round. */
  private logged = '';
  private hadProblems = false;
  /** What each file described when it last read cleanly. */
  private lastGood: EntitiesByFile = new Map();

  constructor(
    private readonly directory: string,
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'runtime-stack-created-services';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /**
   * Replaces what this provider emitted with what the directory holds now,
   * and returns how many entities that is. A file that cannot be read or is
   * not valid counts with what it described when it last read cleanly, and
   * with nothing if it never did. When the directory does not exist on this
   * host or cannot be listed, returns `undefined` and leaves the catalog as
   * it was: a full mutation of nothing would delete every service.
   */
  async refresh(): Promise<number | undefined> {
    // The schedule can fire before the catalog connects; the next run reads.
    if (!this.connection) return 0;
    const reading = await this.read();
    this.logWhenChanged(reading);
    if (!reading.described) return undefined;
    const { entities, byFile } = reading.described;
    // A file whose directory is gone is forgotten with it.
    this.lastGood = byFile;
    await this.connection.applyMutation({ type: 'full', entities });
    return entities.length;
  }

  private async read(): Promise<Reading> {
    let directories: Dirent[];
    try {
      directories = await readdir(this.directory, { withFileTypes: true });
    } catch (error) {
      // Not created yet on this host (the template makes it on first use), or
      // this is another replica than the one the template wrote on. Neither
      // says the services are gone.
      if (isMissing(error)) {
        return { missing: true, problems: [], leftOut: [] };
      }
      return {
        problems: [
          `Cannot read ${this.directory}: ${describeError(
            error,
          )}; keeping the created services in the catalog as they are`,
        ],
        leftOut: [],
      };
    }
    const entities: DeferredEntity[] = [];
    const byFile: EntitiesByFile = new Map();
    const problems: string[] = [];
    const leftOut: string[] = [];
    // One entity under two location keys would make the catalog delete and
    // add it again on every full mutation, with a new uid each time.
    const firstFileOf = new Map<string, string>();
    for (const directory of serviceDirectories(directories)) {
      const file = join(this.directory, directory, 'catalog-info.yaml');
      const read = await readCatalogInfoFile(file);
      if (!read) continue;
      leftOut.push(...read.leftOut);
      const clean = read.problems.length === 0;
      const fileEntities = clean ? read.entities : this.lastGood.get(file);
      if (!clean) {
        const instead = fileEntities
          ? `keeping what it described when it last read cleanly (${fileEntities.length} entities)`
          : 'it adds nothing until it reads cleanly';
        problems.push(
          ...read.problems.map(problem => `${problem}; ${instead}`),
        );
      }
      if (!fileEntities) continue;
      byFile.set(file, fileEntities);
      for (const deferred of fileEntities) {
        const ref = stringifyEntityRef(deferred.entity);
        const first = firstFileOf.get(ref);
        if (first) {
          leftOut.push(
            `${file} describes ${ref}, which ${first} describes already; it is left out`,
          );
          continue;
        }
        firstFileOf.set(ref, file);
        entities.push(deferred);
      }
    }
    return { described: { entities, byFile }, problems, leftOut };
  }

  // The schedule reads every 10 seconds; the same problem logged each time
  // would drown the log, so the log is written when the reading changes.
  private logWhenChanged({ problems, leftOut, missing }: Reading): void {
    const key = JSON.stringify({ problems, leftOut, missing });
    if (key === this.logged) return;
    this.logged = key;
    const hadProblems = this.hadProblems;
    this.hadProblems = problems.length > 0;
    if (missing) {
      this.logger.info(
        `${this.directory} does not exist on this host; the created services in the catalog are left as they are`,
      );
    }
    problems.forEach(problem => this.logger.warn(problem));
    leftOut.forEach(message => this.logger.warn(message));
    if (hadProblems && problems.length === 0 && !missing) {
      this.logger.info(`${this.directory} reads without problems again`);
    }
  }
}
