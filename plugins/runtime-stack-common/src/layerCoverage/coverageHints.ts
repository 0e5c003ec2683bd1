import { RUNTIME_STACK_ANNOTATIONS } from '../annotations';
import { CLAIM_ONLY_HINTS, DELIVERY_HINTS } from '../ecosystemTools';
import { TELEMETRY_HINTS } from '../observability/telemetryHints';
import type { CoverageEvidence, OfferedTool } from './types';

/** Tool ids by the cluster that offers them, in the order seen. */
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

/** Capabilities whose evidence comes from somewhere other than a cluster. */
const SOURCE_HINTS: Readonly<Record<string, string>> = {
  ...TELEMETRY_HINTS,
  ...DELIVERY_HINTS,
};

const describeOffers = (
  toolsByCluster: Map<string, string[]>,
  titleOf: (tool: string) => string,
) =>
  [...toolsByCluster]
    .map(
      ([cluster, tools]) =>
        `${cluster} offers ${tools.map(titleOf).join(', ')}`,
    )
    .join('; ');

/**
 * The next step for a missing or partial capability. A declared tool that
 * nothing confirms needs checking, not declaring again; telemetry and
 * delivery (source control, CI/CD) need the annotations or config that make
 * them visible; otherwise point at what the service's own clusters already
 * run, since adopting that is the cheapest fix, or say how to declare a tool
 * or whom to ask. Tools are named by `titleOf` in prose and by id where the
 * hint shows what to write in an annotation.
 */
export function coverageHint(
  capability: string,
  offered: OfferedTool[],
  evidence: CoverageEvidence[] = [],
  titleOf: (tool: string) => string = tool => tool,
): string {
  const toolsByCluster = offersOn(capability, offered);
  const declared = [
    ...new Set(
      evidence.flatMap(e =>
        e.source === 'declared' && e.tool ? [e.tool] : [],
      ),
    ),
  ];
  const sourceHint = Object.hasOwn(SOURCE_HINTS, capability)
    ? SOURCE_HINTS[capability]
    : undefined;
  if (declared.length > 0) {
    const isDeclared = `${declared.map(titleOf).join(', ')} ${
      declared.length === 1 ? 'is' : 'are'
    } declared`;
    if (Object.hasOwn(CLAIM_ONLY_HINTS, capability)) {
      return `${isDeclared}; ${CLAIM_ONLY_HINTS[capability]}`;
    }
    const claim = `${isDeclared}, but nothing observed confirms it yet`;
    if (sourceHint) return `${claim}: ${sourceHint}`;
    return toolsByCluster.size > 0
      ? `${claim}: ${describeOffers(toolsByCluster, titleOf)}`
      : `${claim}: check that it runs for this service, or ask the platform team`;
  }
  const partly = evidence
    .filter(e => e.source !== 'declared' && e.strength === 'partial')
    .map(e => e.detail);
  const found =
    partly.length > 0 ? `only partly covered (${partly.join('; ')}); ` : '';
  if (sourceHint) {
    return toolsByCluster.size > 0
      ? `${found}${sourceHint} (${describeOffers(toolsByCluster, titleOf)})`
      : `${found}${sourceHint}`;
  }
  if (toolsByCluster.size === 0) {
    return `${found}declare a tool with the ${RUNTIME_STACK_ANNOTATIONS.tools} annotation (${capability}=tool) or ask the platform team`;
  }
  const example = `${capability}=${[...toolsByCluster.values()][0][0]}`;
  return `${found}${describeOffers(
    toolsByCluster,
    titleOf,
  )}: use it and declare it in ${RUNTIME_STACK_ANNOTATIONS.tools} (${example})`;
}
