import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  clusterStateReadPermission,
  coverageReadPermission,
} from '@internal/backstage-plugin-runtime-stack-common';
import Router from 'express-promise-router';
import {
  authorizeCredentials,
  authorizeRequest,
} from '../auth/authorizeRequest';
import { fetchEntity } from '../catalog/fetchEntity';
import type { ClusterDirectory } from '../clusters/ClusterDirectory';
import { parsePlannedService } from '../clusters/plannedService';
import { assertClusterVisible } from '../clusters/visibleClusters';
import type { CoverageService } from './CoverageService';
import { coverageReadOptionsFor } from './coverageReadOptions';

/**
 * `GET /entities/:kind/:namespace/:name/coverage`: the service's coverage of
 * the layer model under its requirement profile, with evidence and gaps, and
 * each capability's owners for whoever may read ownership.
 * `GET /systems/:namespace/:name/coverage`: its System's components, added up.
 * `GET /coverage/planned?cluster=&namespace=&name=[&runtimeClass=]`: what a
 * cluster will give a service that does not run there yet (the template
 * form's preview), for whoever may read both coverage and that cluster.
 */
export function createCoverageRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  coverage: CoverageService;
  /** The clusters served, to tell whether the caller may see one. */
  clusters: Pick<ClusterDirectory, 'list'>;
}) {
  const { httpAuth, permissions, catalog, coverage, clusters } = options;
  const router = Router();
  router.get('/entities/:kind/:namespace/:name/coverage', async (req, res) => {
    const credentials = await authorizeRequest(
      req,
      { httpAuth, permissions },
      coverageReadPermission,
      'Reading coverage is not allowed for you',
    );
    // Only Components are evaluated; anything else would be stored and
    // counted as a service in the scorecards.
    if (req.params.kind.toLocaleLowerCase('en-US') !== 'component') {
      throw new InputError(
        `Invalid kind '${req.params.kind}': coverage is evaluated for Components; a System's is at /systems/:namespace/:name/coverage`,
      );
    }
    const entity = await fetchEntity(catalog, req.params, credentials);
    res.json(
      await coverage.entityCoverage(
        entity,
        credentials,
        await coverageReadOptionsFor(permissions, credentials),
      ),
    );
  });
  router.get('/systems/:namespace/:name/coverage', async (req, res) => {
    const credentials = await authorizeRequest(
      req,
      { httpAuth, permissions },
      coverageReadPermission,
      'Reading coverage is not allowed for you',
    );
    const system = await fetchEntity(
      catalog,
      { ...req.params, kind: 'system' },
      credentials,
    );
    res.json(await coverage.systemCoverage(system, credentials));
  });
  router.get('/coverage/planned', async (req, res) => {
    const credentials = await authorizeRequest(
      req,
      { httpAuth, permissions },
      coverageReadPermission,
      'Reading coverage is not allowed for you',
    );
    await authorizeCredentials(
      permissions,
      clusterStateReadPermission,
      credentials,
      'Reading cluster state is not allowed for you',
    );
    const plan = parsePlannedService(req.query);
    await assertClusterVisible(plan.cluster, clusters, catalog, credentials);
    res.json(await coverage.plannedServiceEvidence(plan));
  });
  return router;
}
