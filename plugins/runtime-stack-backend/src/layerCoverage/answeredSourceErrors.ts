import type {
  EntityCoverage,
  EntityImages,
  EntityObservability,
} from '@internal/backstage-plugin-runtime-stack-common';

type SourceErrors = EntityCoverage['sourceErrors'];

/**
 * The Prometheus and Grafana servers that could not be read. The
 * observability service answers with the others rather than throwing, so
 * without these a telemetry outage would read as services that lost their
 * telemetry, and their owners would be told of regressions.
 */
export function observabilityErrors(
  observability: Pick<EntityObservability, 'errors'>,
): SourceErrors {
  return observability.errors.map(({ source, message }) => ({
    source: 'observability',
    message: `${source}: ${message}`,
  }));
}

/**
 * The repositories of running images whose last registry read failed and
 * whose tag has no entry kept from an earlier read: their registry evidence
 * is partial for want of the registry, not of the service. An image whose
 * tag was read before keeps that evidence, so its failed read costs nothing.
 */
export function registryErrors(
  images: Pick<EntityImages, 'images'>,
): SourceErrors {
  const byRepository = new Map<string, string>();
  for (const image of images.images) {
    if (!image.lastError || image.current || image.running.length === 0) {
      continue;
    }
    byRepository.set(`${image.registry}/${image.repository}`, image.lastError);
  }
  return [...byRepository].map(([repository, message]) => ({
    source: 'images',
    message: `${repository}: ${message}`,
  }));
}
