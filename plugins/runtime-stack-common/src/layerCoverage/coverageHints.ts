import { RUNTIME_STACK_ANNOTATIONS } from '../annotations';
import { CLAIM_ONLY_HINTS, DELIVERY_HINTS } from '../ecosystemTools';
import { TELEMETRY_HINTS } from '../observability/telemetryHints';
import type { CoverageEvidence, CoverageHintParts, OfferedTool } from './types';
import { partialEvidence } from './evidenceDetail';

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

const has = (hints: Readonly<Record<string, string>>, capability: string) =>
  Object.hasOwn(hints, capability);

/**
 * The next step for a missing or partial capability, as parts a UI can put
 * in its own words. A declared tool that nothing confirms needs checking,
 * not declaring again; telemetry and delivery (source control, CI/CD) need
 * the annotations or config that make them visible; otherwise point at what
 * the service's own clusters already run, since adopting that is the
 * cheapest fix, or say how to declare a tool or whom to ask. Tools are
 * named by `titleOf` in prose and by id in the annotation entry to write.
 *
 * @public
 */
export function coverageHintParts(
  capability: string,
  offered: OfferedTool[],
  evidence: CoverageEvidence[] = [],
  titleOf: (tool: string) => string = tool => tool,
): CoverageHintParts {
  const toolsByCluster = offersOn(capability, offered);
  const offers = [...toolsByCluster].map(([cluster, tools]) => ({
    cluster,
    tools: tools.map(titleOf),
  }));
  const withOffers = offers.length > 0 ? { offers } : {};
  const declared = [
    ...new Set(
      evidence.flatMap(e =>
        e.source === 'declared' && e.tool ? [e.tool] : [],
      ),
    ),
  ].map(titleOf);
  if (declared.length > 0) {
    const unconfirmed = { capability, declared };
    if (has(CLAIM_ONLY_HINTS, capability)) {
      return { ...unconfirmed, next: 'claim-only' };
    }
    if (has(SOURCE_HINTS, capability)) {
      return { ...unconfirmed, next: 'source' };
    }
    return offers.length > 0
      ? { ...unconfirmed, next: 'offered', offers }
      : { ...unconfirmed, next: 'check' };
  }
  const partly = partialEvidence(evidence).map(e => e.detail);
  const found = { capability, ...(partly.length > 0 && { partly }) };
  if (has(SOURCE_HINTS, capability)) {
    return { ...found, next: 'source', ...withOffers };
  }
  if (offers.length === 0) {
    return { ...found, next: 'declare' };
  }
  return {
    ...found,
    next: 'offered',
    offers,
    example: `${capability}=${[...toolsByCluster.values()][0][0]}`,
  };
}

const describeOffers = (offers: CoverageHintParts['offers'] = []) =>
  offers
    .map(({ cluster, tools }) => `${cluster} offers ${tools.join(', ')}`)
    .join('; ');

/**
 * A hint's parts in English: the `hint` of the API, the MCP actions, search
 * and notifications.
 *
 * @public
 */
export function describeCoverageHint(parts: CoverageHintParts): string {
  const { capability, next, declared = [], partly = [], example } = parts;
  const tools = RUNTIME_STACK_ANNOTATIONS.tools;
  const offers = describeOffers(parts.offers);
  if (declared.length > 0) {
    const isDeclared = `${declared.join(', ')} ${
      declared.length === 1 ? 'is' : 'are'
    } declared`;
    if (next === 'claim-only') {
      return `${isDeclared}; ${CLAIM_ONLY_HINTS[capability]}`;
    }
    const claim = `${isDeclared}, but nothing observed confirms it yet`;
    if (next === 'source') return `${claim}: ${SOURCE_HINTS[capability]}`;
    if (next === 'offered') return `${claim}: ${offers}`;
    return `${claim}: check that it runs for this service, or ask the platform team`;
  }
  const found =
    partly.length > 0 ? `only partly covered (${partly.join('; ')}); ` : '';
  if (next === 'source') {
    const source = SOURCE_HINTS[capability];
    return offers ? `${found}${source} (${offers})` : `${found}${source}`;
  }
  if (next === 'offered') {
    return `${found}${offers}: use it and declare it in ${tools} (${example})`;
  }
  return `${found}declare a tool with the ${tools} annotation (${capability}=tool) or ask the platform team`;
}
