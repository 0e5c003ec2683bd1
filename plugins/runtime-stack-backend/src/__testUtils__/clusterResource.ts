import type { Entity } from '@backstage/catalog-model';

/**
 * A `kubernetes-cluster` Resource, as the Kubernetes plugin's catalog
 * locator reads it: an EKS cluster named after it unless `annotations`
 * say otherwise.
 */
export const clusterResource = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'kubernetes.io/api-server': `https://${name}.eks.amazonaws.com`,
      'kubernetes.io/api-server-certificate-authority': 'Q0EgZGF0YQ==',
      'kubernetes.io/auth-provider': 'aws',
      ...annotations,
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
});
