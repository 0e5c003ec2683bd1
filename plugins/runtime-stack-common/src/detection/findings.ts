import type { LayerModel } from '../layers/types';
import type { DetectionEvidence, ToolFinding } from './types';

/** Enough to prove a finding; more would only flood the response. */
export const MAX_EVIDENCE_PER_FINDING = 20;

/** A finding before the layer model has placed it. */
export interface DetectedTool {
  tool: string;
  capability: string;
  evidence: DetectionEvidence[];
}

function evidenceKey(e: DetectionEvidence): string {
  return JSON.stringify([
    e.kind,
    e.apiVersion,
    e.namespace ?? '',
    e.name,
    e.field,
    e.value,
  ]);
}

/**
 * Merges detections of the same tool and capability from different rules
 * and reasoning steps into one finding each, placed and sorted by the layer
 * model. Tools the model does not know are dropped: they could not be shown.
 */
export function toFindings(
  detected: DetectedTool[],
  layerModel: LayerModel,
): ToolFinding[] {
  const placement = new Map<string, { layer: number; tools: Set<string> }>();
  for (const layer of layerModel.layers) {
    for (const capability of layer.capabilities) {
      placement.set(capability.id, {
        layer: layer.id,
        tools: new Set(capability.tools.map(t => t.id)),
      });
    }
  }

  const merged = new Map<string, ToolFinding & { seen: Set<string> }>();
  for (const { tool, capability, evidence } of detected) {
    const place = placement.get(capability);
    if (!place?.tools.has(tool) || evidence.length === 0) {
      continue;
    }
    const key = `${capability}\u0000${tool}`;
    let finding = merged.get(key);
    if (!finding) {
      finding = {
        tool,
        capability,
        layer: place.layer,
        evidence: [],
        seen: new Set(),
      };
      merged.set(key, finding);
    }
    for (const item of evidence) {
      const itemKey = evidenceKey(item);
      if (
        finding.evidence.length < MAX_EVIDENCE_PER_FINDING &&
        !finding.seen.has(itemKey)
      ) {
        finding.seen.add(itemKey);
        finding.evidence.push(item);
      }
    }
  }

  // Code-unit order, so the result does not depend on the server's locale.
  const compare = (a: string, b: string) => Number(a > b) - Number(a < b);
  return [...merged.values()]
    .map(({ seen, ...finding }) => finding)
    .sort(
      (a, b) =>
        a.layer - b.layer ||
        compare(a.capability, b.capability) ||
        compare(a.tool, b.tool),
    );
}
