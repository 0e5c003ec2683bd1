import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ReactNode } from 'react';

/**
 * An EntityRefLink that takes `payments` as well as `system:default/payments`
 * (EntityRefLink's own link needs the kind), and shows text that is no ref
 * at all as it is instead of failing the whole table.
 */
export const RefLink = (props: {
  entityRef: string;
  defaultKind: string;
  children?: ReactNode;
  'aria-label'?: string;
}) => {
  const { entityRef, defaultKind, children } = props;
  let parsed;
  try {
    parsed = parseEntityRef(entityRef, { defaultKind });
  } catch {
    return <>{children ?? entityRef}</>;
  }
  return (
    <EntityRefLink
      entityRef={parsed}
      defaultKind={defaultKind}
      aria-label={props['aria-label']}
    >
      {children}
    </EntityRefLink>
  );
};
