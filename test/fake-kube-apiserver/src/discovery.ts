import type { ApiPath } from './apiPath';
import type { ResourceRegistry, ResourceType } from './resources';

/**
 * The legacy (unaggregated) discovery documents, enough for clients that
 * look up which resources and versions a cluster serves.
 */

export function coreVersionsDocument(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

const groupVersion = (group: string, version: string) => ({
  groupVersion: `${group}/${version}`,
  version,
});

export function groupListDocument(registry: ResourceRegistry) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry
      .groups()
      .map(g => groupDocumentBody(g.group, g.versions, g.preferredVersion)),
  };
}

export function groupDocument(registry: ResourceRegistry, group: string) {
  const found = registry.groups().find(g => g.group === group);
  return found
    ? {
        kind: 'APIGroup',
        apiVersion: 'v1',
        ...groupDocumentBody(
          found.group,
          found.versions,
          found.preferredVersion,
        ),
      }
    : undefined;
}

function groupDocumentBody(
  group: string,
  versions: string[],
  preferred: string,
) {
  return {
    name: group,
    versions: versions.map(v => groupVersion(group, v)),
    preferredVersion: groupVersion(group, preferred),
  };
}

const describeResource = (resource: ResourceType) => ({
  name: resource.plural,
  singularName: resource.singular,
  namespaced: resource.namespaced,
  kind: resource.kind,
  // The fake serves reads only.
  verbs: ['get', 'list', 'watch'],
  ...(resource.shortNames?.length ? { shortNames: resource.shortNames } : {}),
});

export function resourceListDocument(
  registry: ResourceRegistry,
  group: string,
  version: string,
) {
  const resources = registry
    .all()
    .filter(r => r.group === group && r.version === version);
  if (resources.length === 0) {
    return undefined;
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: resources.map(describeResource),
  };
}

/** The /version document. */
export function versionDocument(gitVersion: string) {
  const [, major = '1', minor = '0'] = /^v?(\d+)\.(\d+)/.exec(gitVersion) ?? [];
  return {
    major,
    minor,
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2024-10-22T20:28:14Z',
    goVersion: 'go1.22.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** The discovery document a path asks for, undefined when there is none. */
export function discoveryDocument(
  path: ApiPath,
  registry: ResourceRegistry,
  context: { serverAddress: string; serverVersion: string },
): object | undefined {
  switch (path.type) {
    case 'version':
      return versionDocument(context.serverVersion);
    case 'coreVersions':
      return coreVersionsDocument(context.serverAddress);
    case 'groupList':
      return groupListDocument(registry);
    case 'group':
      return groupDocument(registry, path.group);
    case 'groupVersion':
      return resourceListDocument(registry, path.group, path.version);
    default:
      return undefined;
  }
}
