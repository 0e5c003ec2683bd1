import {
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
