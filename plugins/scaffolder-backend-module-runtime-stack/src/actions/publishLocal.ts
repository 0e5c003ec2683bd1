import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { DNS_LABEL_PATTERN } from '@internal/backstage-plugin-runtime-stack-common';
import { randomBytes } from 'node:crypto';
import {
  cp,
  lstat,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
} from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** Options of {@link createPublishLocalAction}. */
export interface PublishLocalActionOptions {
  /** Where new services are written, one directory each; unset disables the action. */
  baseDir?: string;
}

const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

/** The Component that the generated catalog-info.yaml describes. */
async function componentRefOf(catalogInfo: string): Promise<string> {
  if (
    await lstat(catalogInfo).then(
      s => s.isSymbolicLink(),
      () => false,
    )
  ) {
    throw new InputError(
      `${catalogInfo} is a symbolic link; publish the file the template generates`,
    );
  }
  const text = await readFile(catalogInfo, 'utf8').catch(() => {
    throw new NotFoundError(
      `The workspace has no ${catalogInfo}; generate catalog-info.yaml before publishing`,
    );
  });
  const component = parseAllDocuments(text)
    .map(d => d.toJS() as Entity)
    .find(e => e?.kind?.toLocaleLowerCase('en-US') === 'component');
  if (!component?.metadata?.name) {
    throw new InputError(`${catalogInfo} describes no Component`);
  }
  return stringifyEntityRef({
    kind: 'component',
    namespace: component.metadata.namespace ?? 'default',
    name: component.metadata.name,
  });
}

/**
 * Copies the workspace into a new directory, without its links: the catalog
 * module reads what is written here, as the backend, and a link could point
 * it at any file of the host.
 */
async function copyWithoutLinks(workspace: string, directory: string) {
  const notLink = async (source: string) =>
    !(await lstat(source)).isSymbolicLink();
  for (const entry of await readdir(workspace)) {
    await cp(join(workspace, entry), join(directory, entry), {
      recursive: true,
      errorOnExist: true,
      force: false,
      filter: notLink,
    });
  }
}

/**
 * Fills `target`, which the caller has claimed as an empty directory, with
 * the workspace all at once. The catalog module reads the base directory on
 * a schedule, and a catalog-info.yaml it caught half-copied could still be a
 * valid entity, a phantom one. So the files are copied into a dot-directory
 * next to the target, which the module skips, and renamed over the empty
 * claim when complete. On failure nothing is left behind, and the name is
 * free again.
 */
async function publishAtOnce(workspace: string, target: string) {
  // Not mkdtemp: its 0700 mode would become the published directory's.
  const staging = join(
    dirname(target),
    `.tmp-${basename(target)}-${randomBytes(6).toString('hex')}`,
  );
  try {
    await mkdir(staging);
    await copyWithoutLinks(workspace, staging);
    // Replaces the claim only while it is still empty.
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // rmdir, not rm: only the empty claim is removed, never anything in it.
    await rmdir(target).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates `runtime-stack:publish:local`: writes the new service's files to
 * a directory on the backend host, where the Runtime Stack catalog module
 * reads each catalog-info.yaml, so a portal without a source-control
 * integration (the example portal) can still create services and show them
 * in the catalog.
 *
 * @public
 */
export function createPublishLocalAction(options: PublishLocalActionOptions) {
  return createTemplateAction({
    id: 'runtime-stack:publish:local',
    description:
      'Writes the workspace to a directory on the backend host (runtimeStack.scaffolder.localPublishDir), whose catalog-info.yaml files the Runtime Stack catalog module reads',
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .regex(
              DNS_LABEL_PATTERN,
              'must be a lowercase name of letters, digits and dashes',
            )
            .max(63)
            .describe('Directory name, usually the service name'),
      },
      output: {
        localPath: z => z.string().describe('Where the files were written'),
        entityRef: z =>
          z.string().describe('The registered Component, for the output links'),
      },
    },
    async handler(ctx) {
      const { baseDir } = options;
      if (!baseDir) {
        throw new InputError(
          'Publishing locally is not set up: set runtimeStack.scaffolder.localPublishDir, or publish to a source-control host',
        );
      }
      const target = resolve(baseDir, ctx.input.name);
      const entityRef = await componentRefOf(
        join(ctx.workspacePath, 'catalog-info.yaml'),
      );
      const taken = () =>
        new InputError(
          `${target} already exists: choose another name, or remove it first`,
        );
      if (await exists(target)) throw taken();
      ctx.output('localPath', target);
      ctx.output('entityRef', entityRef);
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would write ${target} for ${entityRef}`);
        return;
      }
      await mkdir(baseDir, { recursive: true });
      // Claimed before anything is written: of two runs with one name, the
      // second finds it taken instead of writing over the first.
      await mkdir(target).catch(error => {
        throw (error as NodeJS.ErrnoException).code === 'EEXIST'
          ? taken()
          : error;
      });
      await publishAtOnce(ctx.workspacePath, target);
      ctx.logger.info(
        `Wrote the new service to ${target}; the catalog shows ${entityRef} within seconds`,
      );
    },
  });
}
