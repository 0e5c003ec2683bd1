import type {
  CoverageEvidence,
  EvidenceDetailParts,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { RuntimeStackT } from '../../translation';
import { observabilityCountsText } from './observabilitySummary';

function wordDetail(t: RuntimeStackT, parts: EvidenceDetailParts): string {
  switch (parts.kind) {
    case 'declared':
      return t(
        parts.ofSystem
          ? 'evidenceDetail.declaredOfSystem'
          : 'evidenceDetail.declared',
        { annotation: parts.annotation },
      );
    case 'catalog-location':
      return t('evidenceDetail.catalogLocation', { address: parts.address });
    case 'every-container':
      return t('evidenceDetail.everyContainer', { object: parts.object });
    case 'containers-lack':
      return t('evidenceDetail.containersLack', {
        object: parts.object,
        containers: parts.containers.join(', '),
        count: parts.containers.length,
        check: t(`evidenceDetail.healthCheck.${parts.check}`),
      });
    case 'image-runs':
      return t('evidenceDetail.imageRuns', {
        image: parts.image,
        count: parts.pods,
      });
    case 'image-built-from':
      return parts.revision
        ? t('evidenceDetail.builtFromAt', {
            image: parts.image,
            address: parts.address,
            revision: parts.revision,
            label: parts.label,
          })
        : t('evidenceDetail.builtFrom', {
            image: parts.image,
            address: parts.address,
            label: parts.label,
          });
    case 'registry-not-read':
      return t(
        parts.configured
          ? 'evidenceDetail.notReadYet'
          : 'evidenceDetail.notConfigured',
        { repository: parts.repository },
      );
    case 'digest-not-in-registry':
      return t('evidenceDetail.digestNotInRegistry', {
        repository: parts.repository,
        digest: parts.digest,
      });
    case 'telemetry':
      return observabilityCountsText(t, parts.capability, parts.counts);
    case 'provided-by-cluster':
      return parts.object
        ? t('evidenceDetail.providedByClusterIn', {
            cluster: parts.cluster,
            object: parts.object,
          })
        : t('evidenceDetail.providedByCluster', { cluster: parts.cluster });
    case 'withheld':
      return t('evidenceDetail.withheld', { permission: parts.permission });
    default:
      return t('evidenceDetail.detected');
  }
}

/**
 * What a piece of evidence shows, in the app's words from its parts; its
 * English `detail` where it has none (names alone, or stored before them).
 */
export function evidenceDetailText(
  t: RuntimeStackT,
  evidence: Pick<CoverageEvidence, 'detail' | 'detailParts'>,
): string {
  return evidence.detailParts
    ? wordDetail(t, evidence.detailParts)
    : evidence.detail;
}
