import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  BUILT_IN_RESOURCES,
  CRD_RESOURCE,
  customResourcesFromCrds,
  resourceName,
  TOOL_CUSTOM_RESOURCES,
} from './collectedResources';

const crd = (
  group: string,
  plural: string,
  kind: string,
  scope: 'Namespaced' | 'Cluster' = 'Namespaced',
) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${plural}.${group}` },
  spec: {
    group,
    scope,
    names: { plural, kind },
    versions: [
      { name: 'v1alpha1', served: true, storage: false },
      { name: 'v1beta1', served: true, storage: true },
    ],
  },
});

describe('customResourcesFromCrds', () => {
  const wanted = new Set(TOOL_CUSTOM_RESOURCES.map(resourceName));

  it('collects every Gatekeeper constraint kind, each its own CRD in one group', () => {
    const resources = customResourcesFromCrds(
      [
        crd(
          'constraints.gatekeeper.sh',
          'k8srequiredlabels',
          'K8sRequiredLabels',
          'Cluster',
        ),
        crd(
          'constraints.gatekeeper.sh',
          'k8sallowedrepos',
          'K8sAllowedRepos',
          'Cluster',
        ),
        crd('templates.gatekeeper.sh', 'constrainttemplates', 'X', 'Cluster'),
      ],
      wanted,
    );
    expect(resources.map(r => [resourceName(r), r.kind, r.namespaced])).toEqual(
      [
        [
          'k8srequiredlabels.constraints.gatekeeper.sh',
          'K8sRequiredLabels',
          false,
        ],
        ['k8sallowedrepos.constraints.gatekeeper.sh', 'K8sAllowedRepos', false],
      ],
    );
    expect(resources[0].version).toBe('v1beta1');
  });

  it('skips CRDs nobody asked for', () => {
    expect(
      customResourcesFromCrds(
        [crd('example.com', 'widgets', 'Widget')],
        wanted,
      ),
    ).toEqual([]);
  });
});

describe('the example reader ClusterRole', () => {
  // What the README tells people to apply on a real cluster.
  const role = parseAllDocuments(
    readFileSync(
      resolve(
        __dirname,
        '../../../../examples/kubernetes/runtime-stack-reader.yaml',
      ),
      'utf8',
    ),
  )
    .map(doc => doc.toJS())
    .find(object => object?.kind === 'ClusterRole');
  const rules: Array<{
    apiGroups: string[];
    resources: string[];
    verbs: string[];
  }> = role.rules;
  const grants = (group: string, plural: string) =>
    rules.some(
      rule =>
        rule.apiGroups.includes(group) &&
        (rule.resources.includes(plural) || rule.resources.includes('*')) &&
        ['get', 'list', 'watch'].every(verb => rule.verbs.includes(verb)),
    );

  it('lets the collector list and watch everything it collects', () => {
    const collected = [
      ...BUILT_IN_RESOURCES,
      CRD_RESOURCE,
      ...TOOL_CUSTOM_RESOURCES,
    ];
    expect(
      collected
        .filter(r => !grants(r.group, r.plural))
        .map(r => resourceName(r)),
    ).toEqual([]);
  });

  it('grants nothing on Secrets or ConfigMaps, and only reads', () => {
    expect(grants('', 'secrets')).toBe(false);
    expect(grants('', 'configmaps')).toBe(false);
    expect(
      rules.flatMap(rule =>
        rule.verbs.filter(verb => !['get', 'list', 'watch'].includes(verb)),
      ),
    ).toEqual([]);
  });
});
