import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  entitySchemaValidator,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import type {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** What a generated service may describe; Groups or Locations are not taken. */
const KINDS = new Set(['component', 'api', 'resource']);

const validateEntity = entitySchemaValidator();

const isMissing = (error: unknown) =>
  isError(error) && (error as NodeJS.ErrnoException).code === 'ENOENT';

const describe = (error: unknown) =>
  isError(error) ? error.message : String(error);

/**
 * The directories that hold a service, in name order, so which of two files
 * naming one entity wins does not depend on the file system. Dot-directories
 * are left out: `publish:local` builds a service in one and renames it into
 * place when it is complete.
 */
const serviceDirectories = (entries: Dirent[]) =>
  entries
    .filter(entry => entry.isDirectory() && !entry.name.startsWith('.'))
    .map(entry => entry.name)
    .sort();

/** What one read of the directory found. */
interface Reading {
  /**
   * Everything the directory describes now, or `undefined` when that is not
   * known for sure this round and the catalog must be left as it is.
   */
  entities?: DeferredEntity[];
  /** Why `entities` is not known: what could not be read or is not valid. */
  problems: string[];
  /** Valid documents of a kind the provider does not take. */
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
 * backend replica takes it. So only a directory that exists and can be read
 * whole replaces what the catalog has: a replica without it, a file that
 * cannot be read, or a document that is not (yet) a valid entity, for example
 * one being edited by hand, leaves the catalog as it was.
 */
export class CreatedServicesProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** What was last logged, so the same problems are not logged every round. */
  private logged = '';
  private hadProblems = false;

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
   * and returns how many entities that is. When the directory does not exist
   * on this host, or something in it cannot be read or is not a valid entity,
   * returns `undefined` and leaves the catalog as it was: a full mutation of
   * what could be read would delete the rest.
   */
  async refresh(): Promise<number | undefined> {
    // The schedule can fire before the catalog connects; the next run reads.
    if (!this.connection) return 0;
    const reading = await this.read();
    this.logWhenChanged(reading);
    if (!reading.entities) return undefined;
    await this.connection.applyMutation({
      type: 'full',
      entities: reading.entities,
    });
    return reading.entities.length;
  }

  private async read(): Promise<Reading> {
    let directories: Dirent[];
    try {
      directories = await readdir(this.directory, { withFileTypes: true });
    } catch (error) {
      // Not created yet on this host (the template makes it on first use), or
      // this is another replica than the one the template wrote on. Neither
      // says the services are gone.
      if (isMissing(error)) return { missing: true, problems: [], leftOut: [] };
      return {
        problems: [`Cannot read ${this.directory}: ${describe(error)}`],
        leftOut: [],
      };
    }
    const entities: DeferredEntity[] = [];
    const problems: string[] = [];
    const leftOut: string[] = [];
    // One entity under two location keys would make the catalog delete and
    // add it again on every full mutation, with a new uid each time.
    const firstFileOf = new Map<string, string>();
    for (const directory of serviceDirectories(directories)) {
      const file = join(this.directory, directory, 'catalog-info.yaml');
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        // A directory the template has not written its file into yet.
        if (isMissing(error)) continue;
        problems.push(`Cannot read ${file}: ${describe(error)}`);
        continue;
      }
      const read = this.entitiesOf(file, text);
      for (const deferred of read.entities) {
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
      problems.push(...read.problems);
      leftOut.push(...read.leftOut);
    }
    return problems.length > 0
      ? { problems, leftOut }
      : { entities, problems, leftOut };
  }

  /**
   * The file's entities, and the documents that are not valid YAML or not a
   * valid entity: a file being written, or a broken one, must not remove the
   * entity it described a moment ago. A valid entity of a kind the provider
   * does not take is left out, and does not hold the others back.
   */
  private entitiesOf(
    file: string,
    text: string,
  ): { entities: DeferredEntity[]; problems: string[]; leftOut: string[] } {
    const location = `file:${file}`;
    const entities: DeferredEntity[] = [];
    const problems: string[] = [];
    const leftOut: string[] = [];
    for (const [index, document] of parseAllDocuments(text).entries()) {
      const name = `${file}: document ${index + 1}`;
      if (document.errors.length > 0) {
        problems.push(
          `${name} is not valid YAML: ${document.errors[0].message}`,
        );
        continue;
      }
      const data: unknown = document.toJS();
      // An empty document, as after a trailing `---`, describes nothing.
      if (data === null || data === undefined) continue;
      let entity: Entity;
      try {
        entity = validateEntity(data);
      } catch (error) {
        problems.push(`${name} is not a catalog entity: ${describe(error)}`);
        continue;
      }
      if (!KINDS.has(entity.kind.toLocaleLowerCase('en-US'))) {
        leftOut.push(
          `${name} is a ${entity.kind}, not a Component, API or Resource; it is left out`,
        );
        continue;
      }
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
      };
      entities.push({ entity, locationKey: location });
    }
    return { entities, problems, leftOut };
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
    for (const problem of problems) {
      this.logger.warn(
        `${problem}; keeping the created services in the catalog as they are`,
      );
    }
    leftOut.forEach(message => this.logger.warn(message));
    if (hadProblems && problems.length === 0 && !missing) {
      this.logger.info(
        `${this.directory} reads without problems again; the created services in the catalog are updated`,
      );
    }
  }
}
