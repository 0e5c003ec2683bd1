import type { JsonObject } from '@backstage/types';
import { checkoutDeployment } from '../__fixtures__/checkoutService';
import { resource } from '../__fixtures__/kubernetesObjects';
import { scopeOf } from '../__fixtures__/serviceScope';
import {
  clusterPolicyAppliesTo,
  gatekeeperConstraintTools,
  kyvernoPolicyTools,
} from './admissionPolicies';

const requireLabels = (exclude?: JsonObject): JsonObject => ({
  name: 'check-team-label',
  match: { any: [{ resources: { kinds: ['Deployment'] } }] },
  ...(exclude ? { exclude } : {}),
  validate: {
    message: 'The label `team` is required.',
    pattern: { metadata: { labels: { team: '?*' } } },
  },
});

const clusterPolicy = (spec: JsonObject) =>
  resource('kyverno.io/v1', 'ClusterPolicy', 'require-team-label', { spec });

describe('clusterPolicyAppliesTo', () => {
  it('applies an enforcing ClusterPolicy to every namespace', () => {
    const policy = clusterPolicy({
      validationFailureAction: 'Enforce',
      rules: [requireLabels()],
    });
    expect(clusterPolicyAppliesTo(policy, 'shop')).toEqual(
      expect.objectContaining({
        kind: 'ClusterPolicy',
        field: 'spec.validationFailureAction',
        value: 'Enforce',
      }),
    );
  });

  it('reads the per-rule failureAction of newer Kyverno versions', () => {
    const rule = requireLabels();
    const policy = clusterPolicy({
      rules: [
        {
          ...rule,
          validate: {
            ...(rule.validate as JsonObject),
            failureAction: 'Audit',
          },
        },
      ],
    });
    expect(clusterPolicyAppliesTo(policy, 'shop')?.field).toBe(
      'spec.rules[0].validate.failureAction',
    );
  });

  it('leaves out namespaces every rule excludes, by name or wildcard', () => {
    const byName = clusterPolicy({
      validationFailureAction: 'Audit',
      rules: [
        requireLabels({
          any: [{ resources: { namespaces: ['kube-system', 'shop'] } }],
        }),
      ],
    });
    const byWildcard = clusterPolicy({
      validationFailureAction: 'Audit',
      rules: [
        requireLabels({ any: [{ resources: { namespaces: ['kube-*'] } }] }),
      ],
    });
    expect(clusterPolicyAppliesTo(byName, 'shop')).toBeUndefined();
    expect(clusterPolicyAppliesTo(byWildcard, 'shop')).toBeDefined();
    expect(clusterPolicyAppliesTo(byWildcard, 'kube-system')).toBeUndefined();
  });

  it('does not count a policy that only mutates', () => {
    const mutating = clusterPolicy({
      rules: [
        {
          name: 'add-default-labels',
          match: { any: [{ resources: { kinds: ['Pod'] } }] },
          mutate: {
            patchStrategicMerge: { metadata: { labels: { team: 'unknown' } } },
          },
        },
      ],
    });
    expect(clusterPolicyAppliesTo(mutating, 'shop')).toBeUndefined();
  });
});

describe('kyvernoPolicyTools', () => {
  it('reports ClusterPolicies that apply and Policies in the namespace', () => {
    const policies = [
      clusterPolicy({
        validationFailureAction: 'Enforce',
        rules: [requireLabels()],
      }),
      resource('kyverno.io/v1', 'Policy', 'shop-images', {
        namespace: 'shop',
        spec: { rules: [requireLabels()] },
      }),
      resource('kyverno.io/v1', 'Policy', 'payments-images', {
        namespace: 'payments',
        spec: { rules: [requireLabels()] },
      }),
    ];
    const tools = kyvernoPolicyTools(scopeOf([checkoutDeployment], policies));
    expect(
      tools.map(t => `${t.tool} ${t.evidence[0].kind} ${t.evidence[0].name}`),
    ).toEqual([
      'kyverno ClusterPolicy require-team-label',
      'kyverno Policy shop-images',
    ]);
  });
});

describe('gatekeeperConstraintTools', () => {
  const constraint = (match: JsonObject) =>
    resource(
      'constraints.gatekeeper.sh/v1beta1',
      'K8sRequiredLabels',
      'must-have-team',
      {
        spec: {
          enforcementAction: 'deny',
          match: {
            kinds: [{ apiGroups: ['apps'], kinds: ['Deployment'] }],
            ...match,
          },
          parameters: { labels: [{ key: 'team' }] },
        },
      },
    );

  it('reports constraints that include the namespace or do not restrict namespaces', () => {
    expect(
      gatekeeperConstraintTools(
        scopeOf([checkoutDeployment], [constraint({ namespaces: ['shop'] })]),
      ),
    ).toEqual([
      {
        tool: 'opa-gatekeeper',
        capability: 'policy',
        evidence: [
          expect.objectContaining({
            field: 'spec.match.namespaces',
            value: 'shop',
          }),
        ],
      },
    ]);
    expect(
      gatekeeperConstraintTools(
        scopeOf([checkoutDeployment], [constraint({})]),
      ),
    ).toHaveLength(1);
  });

  it('ignores constraints that exclude the namespace or list only others', () => {
    const constraints = [
      constraint({ excludedNamespaces: ['shop'] }),
      constraint({ namespaces: ['payments'] }),
    ];
    expect(
      gatekeeperConstraintTools(scopeOf([checkoutDeployment], constraints)),
    ).toEqual([]);
  });
});
