import type { Entity } from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  readDeclaredStack,
  type LayerModel,
} from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import { useMemo } from 'react';
import { StandingWarning } from '../shared/StandingWarning';
import { runtimeStackTranslationRef } from '../../translation';

/**
 * What is wrong with the entity's `runtime-stack.io/` annotations (and the
 * Kubernetes label selector), read
 * against the layer model as the catalog reads them (an unknown tool, an
 * entry that does not parse): each is ignored, so it covers nothing, and
 * the tab says so rather than leave it to the catalog's error panel on
 * another tab. Nothing when there are none, or while the model loads.
 */
export const AnnotationProblems = ({
  entity,
  model,
}: {
  entity: Entity;
  model?: LayerModel;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const problems = useMemo(
    () => (model ? readDeclaredStack(entity, model).problems : []),
    [entity, model],
  );
  if (problems.length === 0) return null;
  return (
    <StandingWarning
      title={t('entityContent.annotationProblems.title')}
      action={t('entityContent.annotationProblems.action')}
    >
      <Box
        component="ul"
        aria-label={t('entityContent.annotationProblems.listLabel')}
        m={0}
        pl={2}
      >
        {problems.map(problem => (
          <li key={`${problem.annotation} ${problem.message}`}>
            <code>{problem.annotation}</code>: {problem.message}
          </li>
        ))}
      </Box>
    </StandingWarning>
  );
};
