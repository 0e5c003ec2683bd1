import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { RegistryCollectionResult } from '../images/RegistryCollector';
import type { CoverageEvaluationResult } from '../layerCoverage/CoverageEvaluationService';

/**
 * What the scheduled registry reads did, summed over this process's runs
 * (a rate in Prometheus): the requests that the cache spares are the ones
 * a registry's rate limit would otherwise count.
 */
export function registryReadCounters(metrics: MetricsService) {
  const requests = metrics.createCounter('runtime_stack.registry.requests', {
    description: 'Requests made to image registries',
  });
  const cacheHits = metrics.createCounter('runtime_stack.registry.cache_hits', {
    description: 'Tags whose digest was unchanged, so no details were fetched',
  });
  const failures = metrics.createCounter('runtime_stack.registry.failures', {
    description: 'Repositories that could not be read',
  });
  return (result: RegistryCollectionResult) => {
    requests.add(result.requests);
    cacheHits.add(result.cacheHits);
    failures.add(result.failures);
  };
}

/** Components evaluated by the scheduled coverage runs, by outcome. */
export function coverageEvaluationCounters(metrics: MetricsService) {
  const evaluations = metrics.createCounter(
    'runtime_stack.coverage.evaluations',
    { description: 'Coverage evaluations of components, by result' },
  );
  return (result: CoverageEvaluationResult) => {
    evaluations.add(result.evaluated, { result: 'evaluated' });
    evaluations.add(result.failed, { result: 'failed' });
  };
}
