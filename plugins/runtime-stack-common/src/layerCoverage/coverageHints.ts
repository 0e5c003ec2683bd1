import { RUNTIME_STACK_ANNOTATIONS } from '../annotations';
import type { OfferedTool } from './types';

/**
 * The next step for a missing or partial capability: point at what the
 * service's own clusters already run, since adopting that is the cheapest
 * fix; otherwise say how to declare a tool or whom to ask.
 */
export function coverageHint(
  capability: string,
  offered: OfferedTool[],
): string {
  const toolsByCluster = new Map<string, string[]>();
  for (const offer of offered) {
    if (offer.capability !== capability) continue;
    const tools = toolsByCluster.get(offer.cluster) ?? [];
    if (!tools.includes(offer.tool)) tools.push(offer.tool);
    toolsByCluster.set(offer.cluster, tools);
  }
  if (toolsByCluster.size === 0) {
    return `declare a tool with the ${RUNTIME_STACK_ANNOTATIONS.tools} annotation (${capability}=tool) or ask the platform team`;
  }
  const offers = [...toolsByCluster]
    .map(([cluster, tools]) => `${cluster} offers ${tools.join(', ')}`)
    .join('; ');
  const example = `${capability}=${[...toolsByCluster.values()][0][0]}`;
  return `${offers}: use it and declare it in ${RUNTIME_STACK_ANNOTATIONS.tools} (${example})`;
}
