import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { useState, type ReactNode } from 'react';

/**
 * An entity page as a legacy app keeps it: the tab stays mounted while the
 * page moves to another entity, here on clicking "Next entity".
 */
export const SwitchingEntityProvider = ({
  entities,
  children,
}: {
  entities: Entity[];
  children: ReactNode;
}) => {
  const [index, setIndex] = useState(0);
  return (
    <>
      <button type="button" onClick={() => setIndex(i => i + 1)}>
        Next entity
      </button>
      <EntityProvider entity={entities[index]}>{children}</EntityProvider>
    </>
  );
};
