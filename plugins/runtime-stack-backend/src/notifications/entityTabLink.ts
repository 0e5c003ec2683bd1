import { parseEntityRef } from '@backstage/catalog-model';

/** The app path of an entity's Runtime stack tab, as the catalog routes entity pages. */
export function runtimeStackTabPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/runtime-stack`;
}
