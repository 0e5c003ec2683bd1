import type { RequirementProfile } from './types';

/**
 * Three requirement profiles that fit most estates, using capability ids of
 * the default layer model: `tier-1` for production-critical services,
 * `tier-2` for the rest of production and `experimental` for trials.
 *
 * @public
 */
export const defaultRequirementProfiles: RequirementProfile[] = [
  {
    id: 'tier-1',
    title: 'Tier 1 (production-critical)',
    description:
      'Customer-facing or revenue-critical: traffic, certificates, observability, delivery, policy and backups must all be in place.',
    required: [
      'source-control',
      'container-registry',
      'service-proxy',
      'data-protection',
      'policy',
      'certificate-management',
      'gitops',
      'logging',
      'metrics',
      'alerting',
      'visualization',
      'workloads',
      'health',
    ],
    recommended: [
      'ci-cd',
      'cni-networking',
      'key-management',
      'build-security',
      'runtime-security',
      'tracing',
      'images',
    ],
  },
  {
    id: 'tier-2',
    title: 'Tier 2 (production)',
    description:
      'Production services that can tolerate some downtime: observe and deliver them properly, the rest is recommended.',
    required: [
      'source-control',
      'container-registry',
      'gitops',
      'logging',
      'metrics',
      'workloads',
      'health',
    ],
    recommended: [
      'ci-cd',
      'service-proxy',
      'data-protection',
      'policy',
      'certificate-management',
      'key-management',
      'build-security',
      'runtime-security',
      'alerting',
      'tracing',
      'visualization',
      'images',
    ],
  },
  {
    id: 'experimental',
    title: 'Experimental',
    description:
      'Trials and prototypes: run it and measure it; backups, alerting and hardening do not apply yet.',
    required: ['workloads', 'metrics'],
    recommended: [
      'source-control',
      'ci-cd',
      'container-registry',
      'gitops',
      'logging',
      'health',
      'images',
    ],
    notApplicable: [
      'data-protection',
      'alerting',
      'runtime-security',
      'conformance',
    ],
  },
];
