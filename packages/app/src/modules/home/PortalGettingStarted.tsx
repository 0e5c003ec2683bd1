import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import runtimeStackPlugin from '@internal/backstage-plugin-runtime-stack';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/** The example estate's service template (`examples/templates`). */
const SERVICE_TEMPLATE = {
  namespace: 'default',
  templateName: 'runtime-service',
};

/** A link where the app has the page, else the words alone. */
const To = ({ path, children }: { path?: string; children: ReactNode }) =>
  path ? <Link to={path}>{children}</Link> : <>{children}</>;

/**
 * Where to start in the portal, with links resolved from the plugins' routes,
 * so they follow the pages wherever app-config mounts them.
 */
export const PortalGettingStarted = () => {
  const catalog = useRouteRef(catalogPlugin.routes.catalogIndex);
  const template = useRouteRef(scaffolderPlugin.routes.selectedTemplate);
  const layerModel = useRouteRef(runtimeStackPlugin.routes.layerModel);
  const scorecards = useRouteRef(runtimeStackPlugin.routes.scorecards);
  return (
    <>
      <Typography variant="body1" paragraph>
        Each service&apos;s Kubernetes runtime stack, layer by layer from the
        platform to the application, and who owns each layer.
      </Typography>
      <ul>
        <li>
          <Typography variant="body2" paragraph>
            <strong>Your service:</strong> open it in the{' '}
            <To path={catalog?.()}>catalog</To> and choose its{' '}
            <em>Runtime stack</em> tab: coverage with evidence and owners, its
            clusters and workloads, images and drift, dashboards and alerts.
          </Typography>
        </li>
        <li>
          <Typography variant="body2" paragraph>
            <strong>A new service:</strong>{' '}
            <To path={template?.(SERVICE_TEMPLATE)}>
              create it from the service template
            </To>
            , with a Dockerfile, a Helm chart and CI already wired into the
            stack; the form shows the coverage it will have.
          </Typography>
        </li>
        <li>
          <Typography variant="body2" paragraph>
            <strong>The estate:</strong> the{' '}
            <To path={scorecards?.()}>scorecards</To> show coverage by team and
            layer, which tools the services use, trends and every service.
          </Typography>
        </li>
        <li>
          <Typography variant="body2" paragraph>
            <strong>The layer model:</strong>{' '}
            <To path={layerModel?.()}>layers 0 to 6</To>, their capabilities and
            the tools the platform recognises on each cluster.
          </Typography>
        </li>
      </ul>
    </>
  );
};
