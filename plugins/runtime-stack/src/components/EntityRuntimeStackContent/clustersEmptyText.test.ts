import type { EntityClusters } from '@internal/backstage-plugin-runtime-stack-common';
import { englishT } from '../../__testUtils__/translations';
import { clustersEmptyText as withT } from './clustersEmptyText';

const clustersEmptyText = (value: EntityClusters) => withT(englishT, value);

const empty = (selector: EntityClusters['selector']): EntityClusters => ({
  entityRef: 'component:default/cart-service',
  selector,
  clusters: [],
  unavailable: [],
});

describe('clustersEmptyText', () => {
  it('says first that the selector cannot be read, and where to fix it', () => {
    const problem =
      "The backstage.io/kubernetes-label-selector annotation cannot be read, so it matches no objects: Invalid label selector 'app=cart,': empty requirement";
    expect(
      clustersEmptyText(
        empty({ labelSelector: 'app=cart,', problem, cluster: 'prod-eu-1' }),
      ),
    ).toBe(
      `${problem}. Correct the annotation in the catalog-info.yaml of this service; until then no cluster shows it.`,
    );
  });

  it('names the label selector that matched nothing', () => {
    expect(
      clustersEmptyText(
        empty({ labelSelector: 'backstage.io/kubernetes-id=cart-service' }),
      ),
    ).toMatch(
      /^No objects match backstage.io\/kubernetes-id=cart-service on any collected cluster/,
    );
  });

  it('names the cluster the annotation names, where a new service will show once deployed', () => {
    expect(
      clustersEmptyText(
        empty({
          labelSelector: 'backstage.io/kubernetes-id=payouts',
          cluster: 'prod-eu-1',
        }),
      ),
    ).toBe(
      'No objects match backstage.io/kubernetes-id=payouts on prod-eu-1, the cluster its backstage.io/kubernetes-cluster annotation names. A new service shows here once it is deployed there; if it runs on another cluster, change the annotation.',
    );
  });

  it('says to add a dependsOn relation when the catalogRelation locator found no cluster', () => {
    expect(
      clustersEmptyText(
        empty({
          labelSelector: 'backstage.io/kubernetes-id=cart-service',
          dependsOnClusters: [],
        }),
      ),
    ).toMatch(
      /catalogRelation.*spec\.dependsOn, for example resource:prod-eu-1/,
    );
    // Depending on a cluster that holds nothing is a label question again.
    expect(
      clustersEmptyText(
        empty({ labelSelector: 'app=cart', dependsOnClusters: ['prod-eu-1'] }),
      ),
    ).toMatch(/^No objects match app=cart/);
  });
});
