import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  LayerModelExtension,
  RuntimeCapability,
  RuntimeTool,
} from '@internal/backstage-plugin-runtime-stack-common';
import { ReadOnce } from './readOnce';

/**
 * Lets a backend module add capabilities and tools to the runtime stack's
 * layer model, for example a company-specific platform service.
 *
 * @public
 */
export interface RuntimeStackLayerModelExtensionPoint {
  /** Adds a capability to an existing layer (0 to 6). */
  addCapability(capability: RuntimeCapability & { layer: number }): void;
  /** Adds known tools to an existing capability. */
  addTools(capabilityId: string, tools: RuntimeTool[]): void;
}

/**
 * The extension point of the `runtime-stack` backend plugin for the layer model.
 *
 * @public
 */
export const runtimeStackLayerModelExtensionPoint =
  createExtensionPoint<RuntimeStackLayerModelExtensionPoint>({
    id: 'runtime-stack.layer-model',
  });

/**
 * Collects what modules add through the extension point, in the order they
 * add it, so the plugin can apply it once at start-up.
 *
 * @public
 */
export class LayerModelAdditions
  implements RuntimeStackLayerModelExtensionPoint
{
  private readonly capabilities: Array<RuntimeCapability & { layer: number }> =
    [];
  // A Map, not an object: a capability id is the module's text, and ids such
  // as 'constructor' or '__proto__' would read or set Object.prototype's.
  private readonly tools = new Map<string, RuntimeTool[]>();
  private readonly once = new ReadOnce('layer model additions');

  // Copies: a module changing what it added later changes nothing here.
  addCapability(capability: RuntimeCapability & { layer: number }): void {
    this.once.refuseAfterRead('addCapability');
    this.capabilities.push(structuredClone(capability));
  }

  addTools(capabilityId: string, tools: RuntimeTool[]): void {
    this.once.refuseAfterRead('addTools');
    this.tools.set(capabilityId, [
      ...(this.tools.get(capabilityId) ?? []),
      ...structuredClone(tools),
    ]);
  }

  /** Everything added, as one extension of the layer model; nothing can be added after. */
  toExtension(): LayerModelExtension {
    this.once.markRead();
    return {
      capabilities: [...this.capabilities],
      // fromEntries defines each key as an own property, '__proto__' too.
      tools: Object.fromEntries(
        [...this.tools].map(([id, list]) => [id, [...list]]),
      ),
    };
  }
}
