import { defaultLayerModel } from '../layers/defaultLayerModel';
import type { DetectionRule } from './types';
import { validateDetectionRules } from './validateDetectionRules';

const validate = (rules: unknown[]) =>
  validateDetectionRules(rules as DetectionRule[], defaultLayerModel);

describe('validateDetectionRules', () => {
  it('accepts well-formed rules', () => {
    expect(
      validate([
        {
          tool: 'traefik',
          capability: 'service-proxy',
          match: [
            {
              objectKind: 'IngressClass',
              controller: 'traefik\\.io/ingress-controller',
            },
            { objectKind: 'workload', image: '(.+/)?traefik' },
            {
              objectKind: 'any',
              label: 'app.kubernetes.io/name',
              value: 'traefik',
            },
            { objectKind: 'IngressRoute', apiGroup: 'traefik.io' },
          ],
        },
      ]),
    ).toEqual([]);
  });

  it('names an unknown tool and an unknown capability', () => {
    expect(
      validate([
        {
          tool: 'nginx-plus',
          capability: 'service-proxy',
          match: [{ objectKind: 'IngressClass', controller: 'nginx\\.org/.+' }],
        },
        {
          tool: 'thanos',
          capability: 'long-term-metrics',
          match: [{ objectKind: 'workload', image: '(.+/)?thanos/thanos' }],
        },
      ]),
    ).toEqual([
      "rules[0].tool: unknown tool 'nginx-plus' for capability 'service-proxy'; add it to the layer model first (rule for tool 'nginx-plus')",
      "rules[1].capability: unknown capability 'long-term-metrics' in the layer model (rule for tool 'thanos')",
    ]);
  });

  it('names a bad regular expression, including one that anchoring would hide', () => {
    const problems = validate([
      {
        tool: 'falco',
        capability: 'runtime-security',
        match: [
          { objectKind: 'DaemonSet', image: '(.+/falcosecurity/falco' },
          { objectKind: 'Pod', annotation: 'falco.org/x', value: 'a)|(b' },
        ],
      },
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^rules\[0\]\.match\[0\]\.image: invalid regular expression '\(\.\+\/falcosecurity\/falco': .+\(rule for tool 'falco'\)$/,
    );
    expect(problems[1]).toMatch(
      /^rules\[0\]\.match\[1\]\.value: invalid regular expression 'a\)\|\(b'/,
    );
  });

  it('rejects an empty match list and a rule that is not an object', () => {
    expect(
      validate([
        { tool: 'helm', capability: 'package-management', match: [] },
        'helm',
      ]),
    ).toEqual([
      "rules[0].match: must list at least one matcher (rule for tool 'helm')",
      'rules[1]: must be an object with tool, capability and match',
    ]);
  });

  it('rejects matchers that would not mean what they say', () => {
    const problems = validate([
      {
        tool: 'istio',
        capability: 'service-mesh',
        match: [
          { objectKind: 'Pod', controller: 'istio\\.io/x' },
          {
            objectKind: 'Pod',
            container: 'istio-proxy',
            image: '(.+/)?istio/proxyv2',
          },
          { objectKind: 'Pod', lable: 'istio.io/rev' },
          { objectKind: 'any' },
          { objectKind: 'Service', image: '(.+/)?istio/proxyv2' },
          { objectKind: 'Pod', container: 'istio-proxy', value: 'x' },
          { label: 'istio.io/rev' },
          { objectKind: 'Namespace', label: '' },
        ],
      },
    ]).map(p => p.replace(" (rule for tool 'istio')", ''));
    expect(problems).toEqual([
      "rules[0].match[0].controller: only applies to objectKind 'IngressClass', not 'Pod'",
      "rules[0].match[1]: has 'container' and 'image'; use one condition per matcher and list several matchers instead",
      expect.stringMatching(/^rules\[0\]\.match\[2\]\.lable: unknown key/),
      "rules[0].match[3]: objectKind 'any' without a condition would match every such object",
      "rules[0].match[4].image: objectKind 'Service' has no containers; use Pod, a workload kind, 'workload' or 'any'",
      'rules[0].match[5].value: only label and annotation matchers take a value',
      'rules[0].match[6].objectKind: must be a non-empty string',
      'rules[0].match[7].label: must be a non-empty string',
    ]);
  });
});
