import {
  createBackendModule,
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  defaultDetectionRules,
  defaultLayerModel,
  detectClusterTools,
  validateDetectionRules,
  type ClusterObject,
  type DetectionRule,
} from '@internal/backstage-plugin-runtime-stack-common';
import {
  DetectionRuleAdditions,
  runtimeStackDetectionRulesExtensionPoint,
} from './detectionRulesExtensionPoint';

const emissaryRule: DetectionRule = {
  tool: 'envoy',
  capability: 'service-proxy',
  match: [
    {
      objectKind: 'IngressClass',
      controller: 'getambassador\\.io/ingress-controller',
    },
  ],
};

const emissaryClass: ClusterObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name: 'ambassador' },
  spec: { controller: 'getambassador.io/ingress-controller' },
};

describe('DetectionRuleAdditions', () => {
  it('collects rules from repeated additions in order', () => {
    const additions = new DetectionRuleAdditions();
    additions.addDetectionRules([emissaryRule]);
    additions.addDetectionRules([
      {
        tool: 'kuma',
        capability: 'service-mesh',
        match: [{ objectKind: 'Pod', container: 'kuma-sidecar' }],
      },
    ]);
    expect(additions.rules().map(r => r.tool)).toEqual(['envoy', 'kuma']);
  });

  it('keeps copies of the rules, and refuses more once the plugin read them', () => {
    const additions = new DetectionRuleAdditions();
    const rule = structuredClone(emissaryRule);
    additions.addDetectionRules([rule]);
    rule.tool = 'changed-later';
    expect(additions.rules().map(r => r.tool)).toEqual(['envoy']);
    expect(() => additions.addDetectionRules([emissaryRule])).toThrow(
      /^addDetectionRules was called after the runtime-stack plugin started/,
    );
  });
});

describe('runtimeStackDetectionRulesExtensionPoint', () => {
  it('lets a module add a rule the plugin detects with', async () => {
    let detected: string[] = [];
    let problems: string[] = ['not run'];
    const plugin = createBackendPlugin({
      pluginId: 'runtime-stack',
      register(env) {
        const additions = new DetectionRuleAdditions();
        env.registerExtensionPoint(
          runtimeStackDetectionRulesExtensionPoint,
          additions,
        );
        env.registerInit({
          deps: { logger: coreServices.logger },
          async init() {
            const rules = [...defaultDetectionRules, ...additions.rules()];
            problems = validateDetectionRules(rules, defaultLayerModel);
            detected = detectClusterTools([emissaryClass], rules).map(
              f => f.tool,
            );
          },
        });
      },
    });
    const module = createBackendModule({
      pluginId: 'runtime-stack',
      moduleId: 'emissary-detection',
      register(env) {
        env.registerInit({
          deps: { detection: runtimeStackDetectionRulesExtensionPoint },
          async init({ detection }) {
            detection.addDetectionRules([emissaryRule]);
          },
        });
      },
    });

    const backend = await startTestBackend({ features: [plugin, module] });
    expect(problems).toEqual([]);
    expect(detected).toEqual(['envoy']);
    await backend.stop();
  });
});
