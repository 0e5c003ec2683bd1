import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  entitySchemaValidator,
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
 * The services the runtime-service template wrote on the portal's host
 * (`runtimeStack.scaffolder.localPublishDir`): each directory's
 * catalog-info.yaml, read on a schedule. Limited to that directory, so the
 * catalog never has to accept file locations from its API.
 */
export class CreatedServicesProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

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
   * and returns how many entities that is. When the directory or one of its
   * files cannot be read, returns `undefined` and leaves the catalog as it
   * was: a full mutation of what could be read would delete the rest.
   */
  async refresh(): Promise<number | undefined> {
    // The schedule can fire before the catalog connects; the next run reads.
    if (!this.connection) return 0;
    const entities = await this.readEntities();
    if (!entities) return undefined;
    await this.connection.applyMutation({ type: 'full', entities });
    return entities.length;
  }

  private async readEntities(): Promise<DeferredEntity[] | undefined> {
    let directories: Dirent[];
    try {
      directories = await readdir(this.directory, { withFileTypes: true });
    } catch (error) {
      // Nothing created yet: the template makes the directory on first use.
      if (isMissing(error)) return [];
      this.logger.warn(
        `Cannot read ${
          this.directory
        }, keeping the created services as they are: ${describe(error)}`,
      );
      return undefined;
    }
    const entities: DeferredEntity[] = [];
    for (const directory of directories.filter(d => d.isDirectory())) {
      const file = join(this.directory, directory.name, 'catalog-info.yaml');
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        // A directory the template has not written its file into yet.
        if (isMissing(error)) continue;
        this.logger.warn(
          `Cannot read ${file}, keeping the created services as they are: ${describe(
            error,
          )}`,
        );
        return undefined;
      }
      entities.push(...this.entitiesOf(file, text));
    }
    return entities;
  }

  /** The file's acceptable documents; each other one is skipped with a warning. */
  private entitiesOf(file: string, text: string): DeferredEntity[] {
    const location = `file:${file}`;
    const entities: DeferredEntity[] = [];
    for (const [index, document] of parseAllDocuments(text).entries()) {
      const skip = (reason: string) =>
        this.logger.warn(`${file}: skipped document ${index + 1}, ${reason}`);
      if (document.errors.length > 0) {
        skip(`it is not valid YAML: ${document.errors[0].message}`);
        continue;
      }
      let entity: Entity;
      try {
        entity = validateEntity(document.toJS());
      } catch (error) {
        skip(`it is not a catalog entity: ${describe(error)}`);
        continue;
      }
      if (!KINDS.has(entity.kind.toLocaleLowerCase('en-US'))) {
        skip(`a ${entity.kind}, which is not a Component, API or Resource`);
        continue;
      }
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        [ANNOTATION_LOCATION]: location,
        [ANNOTATION_ORIGIN_LOCATION]: location,
      };
      entities.push({ entity, locationKey: location });
    }
    return entities;
  }
}
