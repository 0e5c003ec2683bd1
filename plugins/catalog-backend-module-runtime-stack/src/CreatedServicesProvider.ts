import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type Entity,
} from '@backstage/catalog-model';
import type {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** What a generated service may describe; Groups or Locations are not taken. */
const KINDS = new Set(['component', 'api', 'resource']);

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

  /** Replaces what this provider emitted with what the directory holds now. */
  async refresh(): Promise<number> {
    // The schedule can fire before the catalog connects; the next run reads.
    if (!this.connection) return 0;
    const directories = await readdir(this.directory, {
      withFileTypes: true,
    }).catch(() => []);
    const entities: DeferredEntity[] = [];
    for (const directory of directories.filter(d => d.isDirectory())) {
      const file = join(this.directory, directory.name, 'catalog-info.yaml');
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      const location = `file:${file}`;
      for (const document of parseAllDocuments(text)) {
        const entity = document.toJS() as Entity | null;
        if (
          !entity?.kind ||
          !KINDS.has(entity.kind.toLocaleLowerCase('en-US'))
        ) {
          this.logger.warn(
            `${file}: skipped a document that is not a Component, API or Resource`,
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
    }
    await this.connection.applyMutation({ type: 'full', entities });
    return entities.length;
  }
}
