import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { DetectionRule } from '@internal/backstage-plugin-runtime-stack-common';
import { ReadOnce } from './readOnce';

/**
 * Lets a backend module teach the runtime stack to recognise more tools in
 * cluster objects, for example a company's own ingress controller.
 *
 * @public
 */
export interface RuntimeStackDetectionRulesExtensionPoint {
  /** Adds rules next to the built-in ones; they name tools of the layer model. */
  addDetectionRules(rules: DetectionRule[]): void;
}

/**
 * The extension point of the `runtime-stack` backend plugin for detection rules.
 *
 * @public
 */
export const runtimeStackDetectionRulesExtensionPoint =
  createExtensionPoint<RuntimeStackDetectionRulesExtensionPoint>({
    id: 'runtime-stack.detection-rules',
  });

/**
 * Collects what modules add through the extension point, in the order they
 * add it, so the plugin can validate and apply the rules once at start-up.
 *
 * @public
 */
export class DetectionRuleAdditions
  implements RuntimeStackDetectionRulesExtensionPoint
{
  private readonly added: DetectionRule[] = [];
  private readonly once = new ReadOnce('detection rules');

  addDetectionRules(rules: DetectionRule[]): void {
    this.once.refuseAfterRead('addDetectionRules');
    // Copies: a module changing its rules later changes nothing here.
    this.added.push(...structuredClone(rules));
  }

  /** Everything added; nothing can be added after. */
  rules(): DetectionRule[] {
    this.once.markRead();
    return [...this.added];
  }
}
