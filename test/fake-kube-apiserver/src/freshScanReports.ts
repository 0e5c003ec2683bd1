import type { KubeObject } from './types';

const TWO_HOURS_MS = 2 * 3_600_000;

/**
 * The objects with every Trivy VulnerabilityReport dated two hours before
 * `now`, as a live cluster shows them: the operator rescans each image when
 * its report's 24-hour TTL runs out, so a report is never days old. Other
 * objects are returned as they are; the input is not changed.
 */
export function freshScanReports(
  objects: KubeObject[],
  now: Date,
): KubeObject[] {
  const scannedAt = new Date(now.getTime() - TWO_HOURS_MS).toISOString();
  return objects.map(object => {
    if (object.kind !== 'VulnerabilityReport') return object;
    const report = (object as { report?: Record<string, unknown> }).report;
    return {
      ...object,
      metadata: { ...object.metadata, creationTimestamp: scannedAt },
      ...(report ? { report: { ...report, updateTimestamp: scannedAt } } : {}),
    };
  });
}
