import type { Entity } from '@backstage/catalog-model';

/**
 * payments-api as the catalog serves it: a production Component of
 * team-payments, with the ownedBy relation the catalog computes.
 */
export const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-payments' }],
};
