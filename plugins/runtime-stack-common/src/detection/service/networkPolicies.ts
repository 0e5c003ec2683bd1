import type { DetectedTool } from '../findings';
import {
  describeSelectedLabels,
  describeSelector,
  labelSelectorMatches,
} from '../labelSelectors';
import { evidenceOf, valueAt } from '../objectFields';
import { ofKind, podLabelSetsOf, ServiceScope } from './serviceScope';

const NETWORK_POLICY = {
  tool: 'kubernetes-network-policy',
  capability: 'policy',
};

/**
 * NetworkPolicies whose pod selector picks the service's pods. Which CNI
 * enforces them is a cluster fact, so it is not repeated here.
 */
export function networkPolicyTools(scope: ServiceScope): DetectedTool[] {
  const policies = ofKind(
    scope.clusterObjects,
    'NetworkPolicy',
    'networking.k8s.io',
  );
  return podLabelSetsOf(scope.serviceObjects).flatMap(pods =>
    policies.flatMap(policy => {
      const selector = valueAt(policy, ['spec', 'podSelector']);
      if (
        policy.metadata.namespace !== pods.object.metadata.namespace ||
        !labelSelectorMatches(selector, pods.labels)
      ) {
        return [];
      }
      return [
        {
          ...NETWORK_POLICY,
          evidence: [
            evidenceOf(policy, 'spec.podSelector', describeSelector(selector)),
            evidenceOf(
              pods.object,
              pods.field,
              describeSelectedLabels(selector, pods.labels),
            ),
          ],
        },
      ];
    }),
  );
}
