import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  entitySchemaValidator,
  type Entity,
} from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import type { DeferredEntity } from '@backstage/plugin-catalog-node';
import { constants } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseAllDocuments } from 'yaml';

/** What a generated service may describe; Groups or Locations are not taken. */
const KINDS = new Set(['component', 'api', 'resource']);

const validateEntity = entitySchemaValidator();

const errorCode = (error: unknown) =>
  isError(error) ? (error as NodeJS.ErrnoException).code : undefined;

/** The message of an error, or what was thrown when it is not one. */
export const describeError = (error: unknown) =>
  isError(error) ? error.message : String(error);

/** What one catalog-info.yaml holds, as read now. */
export interface CatalogInfoReading {
  /** The valid entities of a kind the provider takes. */
  entities: DeferredEntity[];
  /**
   * Why the file cannot be taken as it is: it cannot be read, or a document
   * is not valid YAML or not a valid entity.
   */
  problems: string[];
  /** What is left out on purpose, such as a valid entity of another kind. */
  leftOut: string[];
}

/**
 * Reads one service's catalog-info.yaml, or returns `undefined` when there is
 * none (yet): a directory the template has not written its file into.
 *
 * A symbolic link is not followed: the directory is the only place the
 * provider may read from, and a link could point anywhere on the host.
 */
export async function readCatalogInfoFile(
  file: string,
): Promise<CatalogInfoReading | undefined> {
  let text: string;
  try {
    // O_NOFOLLOW rather than lstat first, so a link put in place between the
    // check and the read is refused as well.
    text = await readFile(file, {
      encoding: 'utf8',
      flag: constants.O_RDONLY | constants.O_NOFOLLOW,
    });
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') {
      return {
        entities: [],
        problems: [],
        leftOut: [
          `${file} is a symbolic link, which is not followed; it is left out`,
        ],
      };
    }
    return {
      entities: [],
      problems: [`Cannot read ${file}: ${describeError(error)}`],
      leftOut: [],
    };
  }
  return entitiesOf(file, text);
}

/**
 * The file's entities, and the documents that are not valid YAML or not a
 * valid entity. A valid entity of a kind the provider does not take is left
 * out, and does not hold the others back.
 */
function entitiesOf(file: string, text: string): CatalogInfoReading {
  const location = `file:${file}`;
  const reading: CatalogInfoReading = {
    entities: [],
    problems: [],
    leftOut: [],
  };
  for (const [index, document] of parseAllDocuments(text).entries()) {
    const name = `${file}: document ${index + 1}`;
    if (document.errors.length > 0) {
      reading.problems.push(
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
      reading.problems.push(
        `${name} is not a catalog entity: ${describeError(error)}`,
      );
      continue;
    }
    if (!KINDS.has(entity.kind.toLocaleLowerCase('en-US'))) {
      reading.leftOut.push(
        `${name} is a ${entity.kind}, not a Component, API or Resource; it is left out`,
      );
      continue;
    }
    entity.metadata.annotations = {
      ...entity.metadata.annotations,
      [ANNOTATION_LOCATION]: location,
      [ANNOTATION_ORIGIN_LOCATION]: location,
    };
    reading.entities.push({ entity, locationKey: location });
  }
  return reading;
}
