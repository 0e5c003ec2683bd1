import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ECOSYSTEM_ANNOTATIONS,
  MAX_OWNERSHIP_NOTE_LENGTH,
  parseOwnershipAssignment,
  type LayerModel,
  type LayerOwnershipInput,
  type OwnershipAssignment,
  type OwnershipScope,
} from '@internal/backstage-plugin-runtime-stack-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { currentLayerModel, type LayerModelSource } from './layerModelSource';
import { RUNTIME_STACK_PLUGIN_ID } from './runtimeStackBackend';

/** Options of {@link createRecordOwnershipAction}. */
export interface RecordOwnershipActionOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /**
   * The layer model entries are checked against, or where to get the
   * current one on each run. Default: the built-in one.
   */
  layerModel?: LayerModelSource;
  /**
   * How long to wait for the entity to reach the catalog: the backend
   * refuses records for an entity it cannot find there, and the catalog
   * processes a freshly registered location a little later. Default 120 s.
   */
  entityWaitMs?: number;
  /** Pause between attempts while waiting for the entity. Default 2 s. */
  retryIntervalMs?: number;
}

/** One record as the step would send it, checked and normalised. */
type OwnershipEntry = OwnershipAssignment;

type CreatedRecord = OwnershipEntry & { id: string };
type SkippedRecord = OwnershipEntry & { reason: string };

/** The shape of the `entries` input as it arrives (after the JSON schema). */
interface EntryInput {
  layer?: number;
  capability?: string;
  owner: string;
  responsibility: string;
  note?: string;
  link?: string;
  when?: boolean;
}

function describe(entry: OwnershipEntry): string {
  const target = entry.capability
    ? `capability '${entry.capability}'`
    : `layer ${entry.layer}`;
  return `${entry.owner} ${entry.responsibility} ${target} for ${entry.scope.ref}`;
}

/** The Component or System the records are about, as the backend's scope. */
function scopeOf(entityRef: string): OwnershipScope {
  let parsed;
  try {
    parsed = parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `Invalid entityRef: '${entityRef}' is not an entity ref (${
        (error as Error).message
      })`,
    );
  }
  const kind = parsed.kind.toLocaleLowerCase('en-US');
  if (kind !== 'component' && kind !== 'system') {
    throw new InputError(
      `Invalid entityRef: expected a Component or System, got '${entityRef}'`,
    );
  }
  return { kind, ref: stringifyEntityRef({ ...parsed, kind }) };
}

/**
 * The entries to record: the ones whose `when` is not false, each checked
 * as the backend checks it (so a dry run fails where the run would), with
 * messages that name the entry and field.
 */
function toEntries(
  model: LayerModel,
  scope: OwnershipScope,
  inputs: EntryInput[],
): OwnershipEntry[] {
  const entries: OwnershipEntry[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, index) => {
    const { when, ...fields } = input;
    if (when === false) return;
    // Template expressions render a choice left out as an empty string.
    const given = Object.fromEntries(
      Object.entries(fields).filter(([, v]) => v !== '' && v !== undefined),
    );
    const entry = parseOwnershipAssignment(
      model,
      { scope, ...given },
      `entries[${index}]`,
    );
    // The backend keeps one record per scope, target and responsibility.
    const key = `${entry.layer}/${entry.capability ?? '*'}/${
      entry.responsibility
    }`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new InputError(
        `Invalid entries[${index}]: repeats entries[${earlier}] (${
          entry.responsibility
        } of ${
          entry.capability
            ? `capability '${entry.capability}'`
            : `layer ${entry.layer}`
        })`,
      );
    }
    seen.set(key, index);
    entries.push(entry);
  });
  return entries;
}

/** What the backend takes for one record. */
function requestBodyOf(entry: OwnershipEntry): LayerOwnershipInput {
  return {
    scope: entry.scope,
    ...(entry.capability
      ? { capability: entry.capability }
      : { layer: entry.layer }),
    owner: entry.owner,
    responsibility: entry.responsibility,
    ...(entry.note ? { note: entry.note } : {}),
    ...(entry.link ? { link: entry.link } : {}),
  };
}

/** The error a refusal of the backend fails the step with. */
function failureOf(
  status: number,
  error: { message: string },
  what: string,
): Error {
  const refused = `The Runtime Stack backend refused ${what}: ${error.message}`;
  switch (status) {
    case 400:
      return new InputError(refused);
    case 401:
      return new AuthenticationError(refused);
    case 403:
      return new NotAllowedError(refused);
    case 404:
      return new NotFoundError(
        `The Runtime Stack backend answered 404 for ${what}: ${error.message}; is the runtime-stack backend plugin installed?`,
      );
    default:
      return new Error(
        `The Runtime Stack backend answered ${status} for ${what}: ${error.message}`,
      );
  }
}

/** The backend's error body (`{ error: { name, message } }`), or the raw text. */
async function errorOf(
  response: Response,
): Promise<{ name?: string; message: string }> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    if (typeof body?.error?.message === 'string') {
      return { name: body.error.name, message: body.error.message };
    }
  } catch {
    // not JSON: use the text
  }
  return {
    message: text.trim() || `${response.status} ${response.statusText}`,
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cancelled = () =>
      reject(new Error('Recording layer ownership was cancelled'));
    if (signal?.aborted) {
      cancelled();
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      cancelled();
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Creates `runtime-stack:ownership:record`: records who owns which layer or
 * capability of a new service in the Runtime Stack backend's ownership store
 * (`POST /api/runtime-stack/ownership`), on behalf of the user who runs the
 * template, so the backend's `runtime-stack.ownership.update` permission
 * applies to that user. A record that already exists is reported as skipped;
 * a refusal (403) or bad input (400) fails the step with the backend's
 * message. With `check`, it only asks the backend whether it would accept
 * every entry (`POST /api/runtime-stack/ownership/check`), for a template to
 * run before it creates anything, in dry runs too. Otherwise a dry run
 * checks the entries and outputs what it would record, without any request.
 *
 * @public
 */
export function createRecordOwnershipAction(
  options: RecordOwnershipActionOptions,
) {
  const entityWaitMs = options.entityWaitMs ?? 120_000;
  const retryIntervalMs = options.retryIntervalMs ?? 2_000;
  const { discovery, auth } = options;

  return createTemplateAction({
    id: 'runtime-stack:ownership:record',
    description:
      "Records the new service's layer ownership (who operates, supports or consumes which layer or capability) in the Runtime Stack backend, as the user who runs the template",
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe(
              'The Component (or System) the records are about, e.g. component:default/payments-api; kind defaults to component, namespace to default',
            ),
        check: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Only check, writing nothing, that the backend would accept every entry from the user who runs the template; a template runs this first, so a refusal stops it before anything is created; asked in dry runs too',
            ),
        system: z =>
          z
            .string()
            .optional()
            .describe(
              'The System the new service will belong to; with check, what the service will inherit from it counts before it is registered',
            ),
        cluster: z =>
          z
            .string()
            .optional()
            .describe(
              'The cluster the new service will run on (its backstage.io/kubernetes-cluster); with check, what it will inherit from that cluster and its environment counts before it is registered',
            ),
        entries: z =>
          z
            .array(
              z.object({
                layer: z
                  .number()
                  .int()
                  .min(0)
                  .optional()
                  .describe('Layer of the model (0-6) the record covers whole'),
                capability: z
                  .string()
                  .optional()
                  .describe(
                    'A capability of the layer model, e.g. gitops; its layer is implied',
                  ),
                owner: z
                  .string()
                  .min(1)
                  .describe('Owning Group, e.g. group:default/team-payments'),
                responsibility: z
                  .enum(['operates', 'supports', 'consumes'])
                  .describe('What the owner does for the layer or capability'),
                note: z
                  .string()
                  .max(MAX_OWNERSHIP_NOTE_LENGTH)
                  .optional()
                  .describe('A short note shown with the owner'),
                link: z
                  .string()
                  .optional()
                  .describe('A runbook or channel URL (http or https)'),
                when: z
                  .boolean()
                  .optional()
                  .describe(
                    'Record the entry only when true (the default): leaves out choices the form did not make',
                  ),
              }),
            )
            .describe('The records to create, one per layer or capability'),
      },
      output: {
        records: z =>
          z
            .array(z.record(z.string(), z.any()))
            .describe(
              'The records to create, normalised; in a dry run, what a run would record',
            ),
        created: z =>
          z
            .array(z.record(z.string(), z.any()))
            .describe(
              'The records the backend created, with their id; empty with check',
            ),
        skipped: z =>
          z
            .array(z.record(z.string(), z.any()))
            .describe(
              'Records that already existed for the same scope, target and responsibility, with the reason',
            ),
        summary: z =>
          z
            .string()
            .describe(
              'One Markdown line per record: created, skipped, planned or allowed',
            ),
      },
    },
    async handler(ctx) {
      const scope = scopeOf(ctx.input.entityRef);
      const entries = toEntries(
        await currentLayerModel(options.layerModel),
        scope,
        ctx.input.entries as EntryInput[],
      );
      ctx.output('records', entries as any);

      // A check writes nothing, so a dry run asks it too: the template
      // editor then refuses an owner the user may not record for, as the
      // run would. Only the writes wait for a real run.
      if (ctx.isDryRun && !ctx.input.check) {
        for (const entry of entries) {
          ctx.logger.info(`Dry run: ${describe(entry)} would be recorded`);
        }
        ctx.output('created', []);
        ctx.output('skipped', []);
        ctx.output(
          'summary',
          entries.map(e => `- ${describe(e)}: would be recorded`).join('\n'),
        );
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      if (!auth.isPrincipal(credentials, 'user')) {
        throw new NotAllowedError(
          `Recording layer ownership needs the user who runs the template; this task runs as ${
            (credentials.principal as { type?: string }).type
          }`,
        );
      }

      /** POSTs to the backend as the user; names `what` when it cannot be reached. */
      async function postToBackend(path: string, body: unknown, what: string) {
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: credentials,
          targetPluginId: RUNTIME_STACK_PLUGIN_ID,
        });
        const baseUrl = await discovery.getBaseUrl(RUNTIME_STACK_PLUGIN_ID);
        try {
          const response = await fetch(`${baseUrl}${path}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${token}`,
            },
            body: JSON.stringify(body),
            signal: ctx.signal,
          });
          return { response, baseUrl };
        } catch (error) {
          const cause = (error as { cause?: Error }).cause?.message;
          throw new Error(
            `Could not reach the Runtime Stack backend at ${baseUrl} for ${what}: ${
              (error as Error).message
            }${cause ? ` (${cause})` : ''}`,
          );
        }
      }

      /**
       * Asks the backend whether it would accept every entry, before the
       * template creates anything; fails naming each one it would refuse.
       */
      async function check(toCheck: OwnershipEntry[]) {
        const name = parseEntityRef(scope.ref);
        const { system, cluster } = ctx.input;
        const planned = {
          kind: scope.kind === 'system' ? 'System' : 'Component',
          metadata: {
            name: name.name,
            namespace: name.namespace,
            ...(cluster
              ? {
                  annotations: {
                    [ECOSYSTEM_ANNOTATIONS.kubernetesCluster]: cluster,
                  },
                }
              : {}),
          },
          ...(system ? { spec: { system } } : {}),
        };
        const what = `checking ${toCheck.length} record(s) for ${scope.ref}`;
        const { response, baseUrl } = await postToBackend(
          '/ownership/check',
          { entity: planned, records: toCheck.map(requestBodyOf) },
          what,
        );
        if (response.status !== 200) {
          throw failureOf(
            response.status,
            await errorOf(response),
            `${what} at ${baseUrl}/ownership/check`,
          );
        }
        const { results } = (await response.json()) as {
          results: Array<{ allowed: boolean; reason?: string }>;
        };
        const refused = toCheck
          .map((entry, i) => ({ entry, result: results[i] }))
          .filter(({ result }) => !result?.allowed);
        if (refused.length > 0) {
          throw new NotAllowedError(
            `The Runtime Stack backend would refuse ${refused.length} of ${
              toCheck.length
            } ownership record(s) for ${
              scope.ref
            }, so nothing was created:\n${refused
              .map(
                ({ entry, result }) =>
                  `- ${describe(entry)}: ${result?.reason ?? 'no answer'}`,
              )
              .join(
                '\n',
              )}\nPick an owner group you are a member of, or ask a member of the group named to run the template.`,
          );
        }
      }

      if (ctx.input.check) {
        // With nothing to record there is nothing to ask.
        if (entries.length > 0) await check(entries);
        ctx.output('created', []);
        ctx.output('skipped', []);
        ctx.output(
          'summary',
          entries.map(e => `- ${describe(e)}: allowed`).join('\n'),
        );
        return;
      }

      /** POST one record; waits while the backend cannot find the entity yet. */
      async function post(
        entry: OwnershipEntry,
        index: number,
      ): Promise<
        | { status: 'created'; id: string }
        | { status: 'skipped'; reason: string }
      > {
        const body = requestBodyOf(entry);
        const deadline = Date.now() + entityWaitMs;
        const what = `entries[${index}] (${describe(entry)})`;
        let waiting = false;
        for (;;) {
          const { response, baseUrl } = await postToBackend(
            '/ownership',
            body,
            what,
          );
          if (response.status === 201) {
            const created = (await response.json()) as { id: string };
            return { status: 'created', id: created.id };
          }
          const error = await errorOf(response);
          if (response.status === 409) {
            return { status: 'skipped', reason: error.message };
          }
          if (response.status !== 404) {
            throw failureOf(response.status, error, what);
          }
          // The backend names the entity it cannot find in the catalog; any
          // other 404 (no runtime-stack plugin) is not worth waiting for.
          const missingEntity =
            error.name === 'NotFoundError' &&
            error.message
              .toLocaleLowerCase('en-US')
              .includes(entry.scope.ref.toLocaleLowerCase('en-US'));
          if (!missingEntity) {
            throw failureOf(404, error, `${what} at ${baseUrl}/ownership`);
          }
          if (Date.now() + retryIntervalMs > deadline) {
            throw new NotFoundError(
              `The Runtime Stack backend refused ${what}: ${
                error.message
              } (waited ${Math.round(
                entityWaitMs / 1000,
              )} s for the catalog to show ${entry.scope.ref})`,
            );
          }
          if (!waiting) {
            ctx.logger.info(
              `${
                entry.scope.ref
              } is not in the catalog yet; retrying for up to ${Math.round(
                entityWaitMs / 1000,
              )} s`,
            );
            waiting = true;
          }
          await sleep(retryIntervalMs, ctx.signal);
        }
      }

      const created: CreatedRecord[] = [];
      const skipped: SkippedRecord[] = [];
      const lines: string[] = [];
      for (const [index, entry] of entries.entries()) {
        // A recovered task does not post what an earlier attempt recorded.
        const result = await ctx.checkpoint({
          key: `ownership.${entry.scope.ref}.${entry.layer}.${
            entry.capability ?? '*'
          }.${entry.responsibility}`,
          fn: () => post(entry, index),
        });
        if (result.status === 'created') {
          created.push({ id: result.id, ...entry });
          lines.push(`- ${describe(entry)}: recorded (${result.id})`);
          ctx.logger.info(`Recorded ${describe(entry)} (${result.id})`);
        } else {
          skipped.push({ ...entry, reason: result.reason });
          lines.push(
            `- ${describe(entry)}: skipped, a record for it already exists`,
          );
          ctx.logger.info(`Skipped ${describe(entry)}: ${result.reason}`);
        }
      }
      ctx.output('created', created as any);
      ctx.output('skipped', skipped as any);
      ctx.output('summary', lines.join('\n'));
    },
  });
}
