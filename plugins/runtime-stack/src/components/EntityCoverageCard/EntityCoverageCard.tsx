import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { runtimeStackApiRef } from '../../api';
import { CoverageSummary } from './CoverageSummary';

/** The path of the entity's "Runtime stack" tab, as plugin.tsx mounts it. */
const RUNTIME_STACK_TAB = 'runtime-stack';

/**
 * A Component's coverage of the layer model in brief, for its Overview tab;
 * the details are on its "Runtime stack" tab.
 */
export const EntityCoverageCard = () => {
  const { entity } = useEntity();
  const api = useApi(runtimeStackApiRef);
  const entityLink = useEntityRefLink();
  const name = useMemo(
    () => ({
      kind: entity.kind,
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    }),
    [entity],
  );
  const { value, loading, error } = useAsync(
    () => api.getEntityCoverage(name),
    [api, name],
  );

  const body = () => {
    if (loading) return <Progress />;
    if (error) {
      return (
        <ResponseErrorPanel error={error} title="Could not load the coverage" />
      );
    }
    return value && <CoverageSummary value={value} />;
  };

  return (
    <InfoCard
      title="Runtime stack coverage"
      // Through the entity route, not a relative link, so the card works
      // on any tab it is placed on.
      deepLink={{
        title: 'View runtime stack',
        link: `${entityLink(name)}/${RUNTIME_STACK_TAB}`,
      }}
    >
      {body()}
    </InfoCard>
  );
};
