import type { JsonObject } from '@backstage/types';

/**
 * A Kubernetes object as the collector keeps it: the fields detection and
 * entity mapping read, never Secret data (Secrets are not collected at all).
 *
 * @public
 */
export interface ClusterObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{
      apiVersion?: string;
      kind: string;
      name: string;
      uid?: string;
    }>;
    creationTimestamp?: string;
    resourceVersion?: string;
  };
  spec?: JsonObject;
  status?: JsonObject;
}
