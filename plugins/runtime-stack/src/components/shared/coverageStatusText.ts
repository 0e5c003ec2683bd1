import { useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  CapabilityCoverage,
  CapabilityRequirement,
} from '@internal/backstage-plugin-runtime-stack-common';
import { runtimeStackTranslationRef } from '../../translation';

type Status = CapabilityCoverage['status'];

/**
 * The word for a capability's status and what it means, in the app's
 * language. A gap the profile only recommends means something else than a
 * required one: it does not count against the coverage.
 */
export function useCoverageStatusText(): (
  status: Status,
  requirement?: CapabilityRequirement,
) => { label: string; meaning: string } {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (status, requirement) => {
    switch (status) {
      case 'covered':
        return {
          label: t('coverageStatus.covered'),
          meaning: t('coverageStatus.coveredMeaning'),
        };
      case 'partial':
        return {
          label: t('coverageStatus.partial'),
          meaning: t('coverageStatus.partialMeaning'),
        };
      case 'missing':
        return {
          label: t('coverageStatus.missing'),
          meaning:
            requirement === 'recommended'
              ? t('coverageStatus.missingRecommendedMeaning')
              : t('coverageStatus.missingMeaning'),
        };
      case 'exempt':
        return {
          label: t('coverageStatus.exempt'),
          meaning: t('coverageStatus.exemptMeaning'),
        };
      default:
        return {
          label: t('coverageStatus.notRequired'),
          meaning: t('coverageStatus.notRequiredMeaning'),
        };
    }
  };
}
