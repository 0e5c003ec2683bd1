import { RUNTIME_STACK_ANNOTATIONS } from '../annotations';
import { TELEMETRY_HINTS } from '../observability/telemetryHints';
import type { CoverageEvidence, OfferedTool } from './types';

function offersOn(
  capability: string,
  offered: OfferedTool[],
): Map<string, string[]> {
  const toolsByCluster = new Map<string, string[]>();
  for (const offer of offered) {
    if (offer.capability !== capability) continue;
    const tools = toolsByCluster.get(offer.cluster) ?? [];
    if (!tools.includes(offer.tool)) tools.push(offer.tool);
    toolsByCluster.set(offer.cluster, tools);
  }
  return toolsByCluster;
}

const describeOffers = (toolsByCluster: Map<string, string[]>) =>
  [...toolsByCluster]
    .map(([cluster, tools]) => `${cluster} offers ${tools.join(', ')}`)
    .join('; ');

/**
 * The next step for a missing or partial capability. A declared tool that
 * nothing confirms needs checking, not declaring again; telemetry needs the
 * annotations or config that make it visible; otherwise point at what the
 * service's own clusters already run, since adopting that is the cheapest
 * fix, or say how to declare a tool or whom to ask.
 */
export function coverageHint(
  capability: string,
  offered: OfferedTool[],
  evidence: CoverageEvidence[] = [],
): string {
  const toolsByCluster = offersOn(capability, offered);
  const declared = [
    ...new Set(
      evidence.flatMap(e =>
        e.source === 'declared' && e.tool ? [e.tool] : [],
      ),
    ),
  ];
  const telemetry = Object.hasOwn(TELEMETRY_HINTS, capability)
    ? TELEMETRY_HINTS[capability]
    : undefined;
  if (declared.length > 0) {
    const claim = `${declared.join(', ')} ${
      declared.length === 1 ? 'is' : 'are'
    } declared, but nothing observed confirms it yet`;
    if (telemetry) return `${claim}: ${telemetry}`;
    return toolsByCluster.size > 0
      ? `${claim}: ${describeOffers(toolsByCluster)}`
      : `${claim}: check that it runs for this service, or ask the platform team`;
  }
  const partly = evidence
    .filter(e => e.source !== 'declared' && e.strength === 'partial')
    .map(e => e.detail);
  const found =
    partly.length > 0 ? `only partly covered (${partly.join('; ')}); ` : '';
  if (telemetry) {
    return toolsByCluster.size > 0
      ? `${found}${telemetry} (${describeOffers(toolsByCluster)})`
      : `${found}${telemetry}`;
  }
  if (toolsByCluster.size === 0) {
    return `${found}declare a tool with the ${RUNTIME_STACK_ANNOTATIONS.tools} annotation (${capability}=tool) or ask the platform team`;
  }
  const example = `${capability}=${[...toolsByCluster.values()][0][0]}`;
  return `${found}${describeOffers(toolsByCluster)}: use it and declare it in ${
    RUNTIME_STACK_ANNOTATIONS.tools
  } (${example})`;
}
