/** What a request path asks for, following kube-apiserver's URL layout. */
export type ApiPath =
  | { type: 'version' }
  | { type: 'health' }
  | { type: 'coreVersions' }
  | { type: 'groupList' }
  | { type: 'group'; group: string }
  | { type: 'groupVersion'; group: string; version: string }
  | ResourcePath;

export interface ResourcePath {
  type: 'resource';
  group: string;
  version: string;
  plural: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export function parseApiPath(pathname: string): ApiPath | undefined {
  const trimmed = pathname.replace(/\/+$/, '');
  const segments = trimmed.split('/').slice(1).map(decodeSegment);
  if (segments.some(segment => segment === '' || segment === undefined)) {
    return undefined;
  }
  const [root, ...rest] = segments as string[];
  switch (root) {
    case 'version':
      return rest.length === 0 ? { type: 'version' } : undefined;
    case 'healthz':
    case 'livez':
    case 'readyz':
      return { type: 'health' };
    case 'api':
      if (rest.length === 0) {
        return { type: 'coreVersions' };
      }
      return underGroupVersion('', rest[0], rest.slice(1));
    case 'apis':
      if (rest.length === 0) {
        return { type: 'groupList' };
      }
      if (rest.length === 1) {
        return { type: 'group', group: rest[0] };
      }
      return underGroupVersion(rest[0], rest[1], rest.slice(2));
    default:
      return undefined;
  }
}

function underGroupVersion(
  group: string,
  version: string,
  rest: string[],
): ApiPath | undefined {
  if (rest.length === 0) {
    return { type: 'groupVersion', group, version };
  }
  // namespaces/<ns>/<plural>[/<name>[/<sub>]]; a bare namespaces/<name> is the Namespace itself.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    if (rest.length > 5) {
      return undefined;
    }
    const [, namespace, plural, name, subresource] = rest;
    return {
      type: 'resource',
      group,
      version,
      plural,
      namespace,
      name,
      subresource,
    };
  }
  if (rest.length > 3) {
    return undefined;
  }
  const [plural, name, subresource] = rest;
  return { type: 'resource', group, version, plural, name, subresource };
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
