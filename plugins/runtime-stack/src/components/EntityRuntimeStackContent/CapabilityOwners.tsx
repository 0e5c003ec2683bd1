import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { EffectiveOwner } from '@internal/backstage-plugin-runtime-stack-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { describeOwnerOrigin } from './ownerOrigin';
import type { EntityScopeKind } from '../shared/entityScope';

/** The owner groups of a capability, what each does and where it comes from. */
export const CapabilityOwners = ({
  owners,
  ownScope = 'component',
}: {
  owners: EffectiveOwner[] | undefined;
  /** The scope of the tab's own entity, whose records read as "this …". */
  ownScope?: EntityScopeKind;
}) => {
  if (owners === undefined) {
    return (
      <Typography variant="body2" color="textSecondary">
        not known
      </Typography>
    );
  }
  if (owners.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        no owner
      </Typography>
    );
  }
  return (
    <>
      {owners.map(owner => (
        <Box
          key={`${owner.responsibility}/${owner.owner}/${owner.inheritedFrom.kind}`}
        >
          {/* The group alone on its line: a long name wraps as a name. */}
          <Typography variant="body2" component="div">
            <EntityRefLink entityRef={owner.owner} defaultKind="group" />
          </Typography>
          <Typography variant="caption" color="textSecondary" component="div">
            {`${owner.responsibility} · ${describeOwnerOrigin(
              owner,
              ownScope,
            )}`}
          </Typography>
        </Box>
      ))}
    </>
  );
};
