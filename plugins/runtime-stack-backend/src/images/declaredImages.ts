import type { Entity } from '@backstage/catalog-model';
import {
  ECOSYSTEM_ANNOTATIONS,
  RUNTIME_STACK_ANNOTATIONS,
} from '@internal/backstage-plugin-runtime-stack-common';

/** The Quay plugin's default instance, where its slugs point. */
const QUAY_HOST = 'quay.io';

/**
 * The image repositories an entity declares: `runtime-stack.io/images`, and
 * the Quay plugin's `quay.io/repository-slug` (an `organization/repository`
 * on quay.io), so a service already set up for that plugin needs no twin
 * annotation. Harbor's `goharbor.io/repository-slug` names no host, so it
 * cannot be turned into an image reference.
 */
export function declaredImageReferences(
  entity: Pick<Entity, 'metadata'>,
): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const listed = (annotations[RUNTIME_STACK_ANNOTATIONS.images] ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  const quaySlug =
    annotations[ECOSYSTEM_ANNOTATIONS.quayRepositorySlug]?.trim();
  const fromQuay = quaySlug ? [`${QUAY_HOST}/${quaySlug}`] : [];
  return [...new Set([...listed, ...fromQuay])];
}
