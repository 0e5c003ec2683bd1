import { WarningPanel } from '@backstage/core-components';
import {
  useApiHolder,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import {
  chosenOption,
  platformMismatches,
  runtimeClassesOf,
  type ClusterBoundChoices,
  type ClusterSummary,
  type PlatformMismatch,
} from '@internal/backstage-plugin-runtime-stack-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import { runtimeStackTranslationRef } from '../../translation';
import { errorMessage } from '../shared/errorMessage';

/** The clusters whose detected platform offers the RuntimeClass. */
export function clustersOffering(
  clusters: ClusterSummary[],
  runtimeClass: string,
): string[] {
  return clusters
    .filter(cluster => runtimeClassesOf(cluster).includes(runtimeClass))
    .map(cluster => cluster.name);
}

/**
 * The chosen cluster as last collected: only then does the template's
 * declare-stack step check the choices against it, so only then does the
 * form.
 */
const collected = (clusters: ClusterSummary[], name: string | undefined) =>
  clusters.find(c => c.name === name && c.lastSuccessAt);

const SandboxNowhere = ({ runtimeClass }: { runtimeClass: string }) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  return (
    <WarningPanel
      severity="warning"
      title={t('coveragePreview.sandbox.nowhereTitle', { runtimeClass })}
      message={t('coveragePreview.sandbox.nowhereMessage', { runtimeClass })}
    />
  );
};

const MismatchWarning = ({
  mismatch,
  offering,
}: {
  mismatch: PlatformMismatch;
  /** The clusters that offer the RuntimeClass chosen. */
  offering: string[];
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const { cluster, chosen: choice, offered } = mismatch;
  if (mismatch.choice === 'service-mesh') {
    const where = { cluster, mesh: choice };
    return (
      <WarningPanel
        severity="warning"
        title={t('coveragePreview.mesh.notOnClusterTitle', where)}
        message={
          offered.length > 0
            ? t('coveragePreview.mesh.notOnClusterMessage', {
                ...where,
                meshes: offered.join(', '),
              })
            : t('coveragePreview.mesh.noneOnClusterMessage', where)
        }
      />
    );
  }
  return offering.length > 0 ? (
    <WarningPanel
      severity="warning"
      title={t('coveragePreview.sandbox.notOnClusterTitle', {
        runtimeClass: choice,
        cluster,
      })}
      message={t('coveragePreview.sandbox.notOnClusterMessage', {
        cluster,
        clusters: offering.join(', '),
      })}
    />
  ) : (
    <SandboxNowhere runtimeClass={choice} />
  );
};

/**
 * Whether the chosen cluster runs the service mesh and offers the
 * RuntimeClass chosen, checked as the template's declare-stack step checks
 * them (which stops the run on a mismatch), and where the RuntimeClass is
 * offered: Kubernetes refuses a pod that names a RuntimeClass its cluster
 * lacks, and a mesh's injection annotation without its injector does
 * nothing. Render it only when a mesh or a sandbox is chosen.
 */
export const ClusterFit = ({
  choices,
  cluster,
}: {
  choices: ClusterBoundChoices;
  /** The cluster the service will run on, when chosen. */
  cluster?: string;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const api = useApiHolder().get(runtimeStackApiRef);
  const clusters = useAsync(
    async () => (api ? api.getClusters() : undefined),
    [api],
  );
  if (clusters.error) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('coveragePreview.platformNotChecked', {
          error: errorMessage(clusters.error),
        })}
      </Typography>
    );
  }
  if (!clusters.value) return null;

  const runtimeClass = chosenOption(choices.runtimeClass);
  const offering = runtimeClass
    ? clustersOffering(clusters.value, runtimeClass)
    : [];
  const target = collected(clusters.value, cluster);
  const mismatches = target ? platformMismatches(target, choices) : [];
  const sandboxMismatched = mismatches.some(m => m.choice === 'runtime-class');
  let sandboxNote = null;
  if (runtimeClass && !sandboxMismatched) {
    sandboxNote =
      offering.length > 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('coveragePreview.sandbox.offeredOn', {
            runtimeClass,
            clusters: offering.join(', '),
          })}
        </Typography>
      ) : (
        <SandboxNowhere runtimeClass={runtimeClass} />
      );
  }
  return (
    <>
      {mismatches.map(mismatch => (
        <MismatchWarning
          key={mismatch.choice}
          mismatch={mismatch}
          offering={offering}
        />
      ))}
      {sandboxNote}
    </>
  );
};
