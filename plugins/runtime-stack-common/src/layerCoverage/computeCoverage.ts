import type { LayerModel, RuntimeCapability } from '../layers/types';
import { coverageHintParts, describeCoverageHint } from './coverageHints';
import { requiredRatio } from './coverageRatios';
import {
  declaredConflict,
  evidenceStatus,
  evidenceTools,
  toolMatch,
  unconfirmedTools,
} from './evidenceStatus';
import { resolveRequirements } from './profileEntries';
import type {
  CapabilityCoverage,
  CapabilityRequirement,
  CoverageEvidence,
  CoverageExemption,
  OfferedTool,
  ProfileChoice,
  ServiceCoverage,
} from './types';

/**
 * An exemption counts until its expiry. An unreadable `expiresAt` is treated
 * as expired: a gap should not be hidden by a typo.
 */
function isActive(exemption: CoverageExemption, now: Date): boolean {
  if (exemption.expiresAt === undefined) return true;
  const expiry = Date.parse(exemption.expiresAt);
  return !Number.isNaN(expiry) && expiry > now.getTime();
}

/** A tool's title in the capability, or its id when the model lacks it. */
const toolTitle = (capability: RuntimeCapability, tool: string) =>
  capability.tools.find(t => t.id === tool)?.title ?? tool;

function hintOf(
  capability: RuntimeCapability,
  offered: OfferedTool[],
  evidence: CoverageEvidence[],
): Pick<CapabilityCoverage, 'hint' | 'hintParts'> {
  const hintParts = coverageHintParts(capability.id, offered, evidence, tool =>
    toolTitle(capability, tool),
  );
  return { hint: describeCoverageHint(hintParts), hintParts };
}

function capabilityCoverage(
  capability: RuntimeCapability,
  layer: number,
  requirement: CapabilityRequirement,
  evidence: CoverageEvidence[],
  exemption: CoverageExemption | undefined,
  offered: OfferedTool[],
): CapabilityCoverage {
  const asked = requirement === 'required' || requirement === 'recommended';
  // Tools that run one another are one thing seen from two sides.
  const matches = toolMatch(capability.tools);
  const fromEvidence = evidenceStatus(evidence, matches);
  let status: CapabilityCoverage['status'];
  if (fromEvidence === 'covered') {
    // Covered wins over an exemption: the gap it excused is closed.
    status = 'covered';
  } else if (asked && exemption) {
    status = 'exempt';
  } else if (fromEvidence === 'partial') {
    status = 'partial';
  } else {
    status = asked ? 'missing' : 'not-required';
  }

  const conflict = declaredConflict(evidence, matches);
  const unconfirmed = unconfirmedTools(evidence, matches);
  const needsHint = asked && (status === 'missing' || status === 'partial');
  return {
    capability: capability.id,
    title: capability.title,
    layer,
    requirement,
    status,
    tools: evidenceTools(evidence),
    ...(unconfirmed.length > 0 && { unconfirmedTools: unconfirmed }),
    evidence,
    ...(conflict && { conflict }),
    ...(status === 'exempt' && { exemption }),
    ...(needsHint && hintOf(capability, offered, evidence)),
  };
}

/**
 * Coverage of one service against its chosen requirement profile: a status
 * per capability of the layer model, ratios per layer and overall, and the
 * required gaps. Pure, so the backend and the frontend compute the same
 * answer. Evidence for capabilities outside the model is ignored: it cannot
 * be placed in a layer.
 *
 * @public
 */
export function computeCoverage(input: {
  layerModel: LayerModel;
  choice: ProfileChoice;
  evidence: CoverageEvidence[];
  exemptions?: CoverageExemption[];
  offered?: OfferedTool[];
  now: Date;
}): ServiceCoverage {
  const { layerModel, choice, now } = input;
  const requirements = resolveRequirements(choice.profile, layerModel);
  const activeExemptions = (input.exemptions ?? []).filter(e =>
    isActive(e, now),
  );

  const capabilities = layerModel.layers.flatMap(layer =>
    layer.capabilities.map(capability =>
      capabilityCoverage(
        capability,
        layer.id,
        requirements.get(capability.id) ?? 'optional',
        input.evidence.filter(e => e.capability === capability.id),
        activeExemptions.find(e => e.capability === capability.id),
        input.offered ?? [],
      ),
    ),
  );

  return {
    profile: {
      id: choice.profile.id,
      title: choice.profile.title,
      reason: choice.reason,
      ...(choice.reasonParts && { reasonParts: choice.reasonParts }),
    },
    capabilities,
    layers: layerModel.layers.map(layer => ({
      layer: layer.id,
      title: layer.title,
      ...requiredRatio(capabilities.filter(c => c.layer === layer.id)),
    })),
    overall: requiredRatio(capabilities),
    gaps: capabilities.filter(
      c =>
        c.requirement === 'required' &&
        (c.status === 'missing' || c.status === 'partial'),
    ),
  };
}
