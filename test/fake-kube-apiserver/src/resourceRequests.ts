import type { ServerResponse } from 'node:http';
import type { ResourcePath } from './apiPath';
import { authorize, resourceId } from './authorization';
import { FieldSelectorError, parseFieldSelector } from './fieldSelector';
import { LabelSelectorError, parseLabelSelector } from './labelSelector';
import { listJson } from './list';
import type { ResourceType } from './resources';
import { fullObjectJson } from './serialize';
import { ApiError, badRequest, makeStatus, unknownResource } from './status';
import type { ObjectStore } from './store';
import type { WatchHub } from './watch';

export interface ResourceRequestContext {
  store: ObjectStore;
  watches: WatchHub;
  forbidden: ReadonlySet<string>;
}

export type ResourceResponse =
  | { type: 'json'; body: string }
  /** The watch took over the response. */
  | { type: 'watch' };

export const isTrue = (value: string | null) =>
  value === 'true' || value === '1';

/** GET on a resource path: one object, a list, or a watch. */
export function serveResource(
  context: ResourceRequestContext,
  path: ResourcePath,
  query: URLSearchParams,
  response: ServerResponse,
): ResourceResponse {
  const { store, watches } = context;
  const watch = isTrue(query.get('watch'));
  let verb: 'get' | 'list' | 'watch' = watch ? 'watch' : 'list';
  if (path.name && !watch) {
    verb = 'get';
  }
  // Authorization comes before the resource lookup, as in kube-apiserver.
  authorize(context.forbidden, path, verb);
  const resource = resolve(store, path);

  const labelSelector = parseSelector(() =>
    parseLabelSelector(query.get('labelSelector') ?? undefined),
  );
  // A watch on a named object is a watch with a name field selector.
  const fieldSelectorText = [
    path.name ? `metadata.name=${path.name}` : '',
    query.get('fieldSelector') ?? '',
  ]
    .filter(Boolean)
    .join(',');
  const fieldSelector = parseSelector(() =>
    parseFieldSelector(fieldSelectorText),
  );

  if (watch) {
    const resourceVersion = query.get('resourceVersion') ?? '';
    if (resourceVersion !== '' && !/^\d+$/.test(resourceVersion)) {
      throw badRequest(`invalid resource version: ${resourceVersion}`);
    }
    const timeout = query.get('timeoutSeconds');
    watches.open(response, {
      resource,
      namespace: path.namespace,
      labelSelector,
      fieldSelector,
      // "0" asks for any state, which means the current one plus what follows.
      resourceVersion:
        resourceVersion === '' || resourceVersion === '0'
          ? undefined
          : Number(resourceVersion),
      allowBookmarks: isTrue(query.get('allowWatchBookmarks')),
      sendInitialEvents: isTrue(query.get('sendInitialEvents')),
      timeoutSeconds: timeout ? Number(timeout) : undefined,
    });
    return { type: 'watch' };
  }

  if (path.name) {
    const entry =
      resource.namespaced && path.namespace === undefined
        ? undefined
        : store.get(
            resource.group,
            resource.kind,
            path.namespace ?? '',
            path.name,
          );
    if (!entry) {
      throw new ApiError(
        makeStatus(
          404,
          `${resourceId(resource.group, resource.plural)} "${
            path.name
          }" not found`,
          {
            details: {
              name: path.name,
              ...(resource.group ? { group: resource.group } : {}),
              kind: resource.plural,
            },
          },
        ),
      );
    }
    return { type: 'json', body: fullObjectJson(entry, resource) };
  }

  return {
    type: 'json',
    body: listJson(store, {
      resource,
      namespace: path.namespace,
      labelSelector,
      fieldSelector,
      limit: query.get('limit') ?? undefined,
      continueToken: query.get('continue') ?? undefined,
    }),
  };
}

function resolve(store: ObjectStore, path: ResourcePath): ResourceType {
  const resource = store.registry.resolve(
    path.group,
    path.version,
    path.plural,
  );
  if (
    !resource ||
    path.subresource !== undefined ||
    (path.namespace !== undefined && !resource.namespaced)
  ) {
    throw unknownResource();
  }
  return resource;
}

function parseSelector<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (
      error instanceof LabelSelectorError ||
      error instanceof FieldSelectorError
    ) {
      throw badRequest(error.message);
    }
    throw error;
  }
}
