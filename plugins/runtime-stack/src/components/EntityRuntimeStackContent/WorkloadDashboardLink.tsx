import { Link } from '@backstage/core-components';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { kubernetesClusterLinkFormatterApiRef } from '@backstage/plugin-kubernetes-react';
import type {
  ClusterDashboard,
  WorkloadSummary,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';

/**
 * The workload's page in its cluster's dashboard, made by the Kubernetes
 * plugin's link formatter (so `dashboardApp` and any formatter the app adds
 * work as on the Kubernetes tab); plain text where the app has no formatter,
 * the cluster no dashboard, or the formatter cannot place the workload.
 */
export const WorkloadDashboardLink = ({
  dashboard,
  workload,
  children,
}: {
  dashboard: ClusterDashboard;
  workload: WorkloadSummary;
  children: ReactNode;
}) => {
  const formatter = useApiHolder().get(kubernetesClusterLinkFormatterApiRef);
  const { dashboardUrl, dashboardApp, dashboardParameters } = dashboard;
  const { value: url } = useAsync(async () => {
    if (!formatter || (!dashboardUrl && !dashboardParameters)) {
      return undefined;
    }
    try {
      return await formatter.formatClusterLink({
        dashboardUrl,
        dashboardApp,
        dashboardParameters: dashboardParameters as any,
        object: {
          metadata: { name: workload.name, namespace: workload.namespace },
        },
        kind: workload.kind,
      });
    } catch {
      // An unknown dashboardApp, or parameters it cannot use.
      return undefined;
    }
  }, [formatter, dashboardUrl, dashboardApp, dashboardParameters, workload]);
  return url ? <Link to={url}>{children}</Link> : <>{children}</>;
};
