import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { EffectiveOwner } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  describeOwnerOrigin,
  isEntityOrigin,
  ownerClustersText,
} from './ownerOrigin';
import { useEntityTitles } from '../shared/useEntityTitles';
import { uniqueKeys } from '../shared/uniqueKeys';
import { responsibilityText } from './responsibilityText';
import type { EntityScopeKind } from '../shared/entityScope';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { runtimeStackTranslationRef } from '../../translation';

/** The owner groups of a capability, what each does and where it comes from. */
export const CapabilityOwners = ({
  owners,
  ownScope = 'component',
}: {
  owners: EffectiveOwner[] | undefined;
  /** The scope of the tab's own entity, whose records read as "this …". */
  ownScope?: EntityScopeKind;
}) => {
  const { t } = useTranslationRef(runtimeStackTranslationRef);
  const titleOf = useEntityTitles(
    (owners ?? [])
      .map(owner => owner.inheritedFrom)
      .filter(isEntityOrigin)
      .map(origin => origin.ref),
  );
  if (owners === undefined) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('entityContent.owners.unknown')}
      </Typography>
    );
  }
  if (owners.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('entityContent.owners.none')}
      </Typography>
    );
  }
  // The same group may own it from each cluster the service runs on: the
  // origin's ref tells those apart, its kind does not.
  const keys = uniqueKeys(
    owners,
    o =>
      `${o.responsibility}/${o.owner}/${o.inheritedFrom.kind}/${o.inheritedFrom.ref}`,
  );
  return (
    <>
      {owners.map((owner, i) => {
        const clusters = ownerClustersText(t, owner);
        return (
          <Box key={keys[i]}>
            {/* The group alone on its line: a long name wraps as a name. */}
            <Typography variant="body2" component="div">
              <EntityRefLink entityRef={owner.owner} defaultKind="group" />
            </Typography>
            <Typography variant="caption" color="textSecondary" component="div">
              {t('entityContent.owners.origin', {
                responsibility: responsibilityText(t, owner.responsibility),
                origin: describeOwnerOrigin(t, owner, ownScope, titleOf),
              })}
            </Typography>
            {/* Only on these of the service's clusters: others have their own. */}
            {clusters && (
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {clusters}
              </Typography>
            )}
          </Box>
        );
      })}
    </>
  );
};
