import type { Entity } from '@backstage/catalog-model';
import { entitySelectorOf } from './entitySelector';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart-service', annotations },
});

describe('entitySelectorOf', () => {
  it('uses the kubernetes-id, or the entity name without one', () => {
    expect(
      entitySelectorOf(entity({ 'backstage.io/kubernetes-id': 'cart' })),
    ).toEqual({
      labelSelector: 'backstage.io/kubernetes-id=cart',
      kubernetesId: 'cart',
    });
    expect(entitySelectorOf(entity({}))).toEqual({
      labelSelector: 'backstage.io/kubernetes-id=cart-service',
      kubernetesId: 'cart-service',
    });
  });

  it('prefers the label selector annotation, and narrows by namespace and cluster', () => {
    expect(
      entitySelectorOf(
        entity({
          'backstage.io/kubernetes-id': 'cart',
          'backstage.io/kubernetes-label-selector': 'app=cart,tier in (web)',
          'backstage.io/kubernetes-namespace': 'checkout',
          'backstage.io/kubernetes-cluster': 'prod-us-1',
        }),
      ),
    ).toEqual({
      labelSelector: 'app=cart,tier in (web)',
      namespace: 'checkout',
      cluster: 'prod-us-1',
    });
  });

  it('still uses the index for a label selector that only names the kubernetes-id', () => {
    expect(
      entitySelectorOf(
        entity({
          'backstage.io/kubernetes-label-selector':
            'backstage.io/kubernetes-id==cart',
        }),
      ).kubernetesId,
    ).toBe('cart');
  });

  it('says why a selector cannot be read, naming the annotation it comes from', () => {
    expect(
      entitySelectorOf(
        entity({ 'backstage.io/kubernetes-label-selector': 'app=cart,' }),
      ).problem,
    ).toBe(
      "The backstage.io/kubernetes-label-selector annotation cannot be read, so it matches no objects: Invalid label selector 'app=cart,': found the end, expected a label key",
    );
    expect(
      entitySelectorOf(entity({ 'backstage.io/kubernetes-id': 'cart service' }))
        .problem,
    ).toMatch(/^The backstage\.io\/kubernetes-id annotation cannot be read/);
    expect(
      entitySelectorOf(
        entity({ 'backstage.io/kubernetes-label-selector': 'tier in(web)' }),
      ),
    ).not.toHaveProperty('problem');
  });

  it('lists the cluster Resources in its namespace it depends on, for the catalogRelation locator', () => {
    const withRelations: Entity = {
      ...entity({}),
      metadata: { name: 'cart-service', namespace: 'shop' },
      relations: [
        { type: 'dependsOn', targetRef: 'resource:shop/prod-eu-1' },
        { type: 'dependsOn', targetRef: 'resource:default/prod-us-1' },
        { type: 'dependsOn', targetRef: 'component:shop/cart-db' },
        { type: 'ownedBy', targetRef: 'resource:shop/staging' },
      ],
    };
    expect(
      entitySelectorOf(withRelations, 'catalogRelation').dependsOnClusters,
    ).toEqual(['prod-eu-1']);
    expect(entitySelectorOf(withRelations)).not.toHaveProperty(
      'dependsOnClusters',
    );
    expect(
      entitySelectorOf(entity({}), 'catalogRelation').dependsOnClusters,
    ).toEqual([]);
  });
});
