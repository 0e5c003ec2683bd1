import type { Entity } from '@backstage/catalog-model';
import {
  ECOSYSTEM_ANNOTATIONS,
  RUNTIME_STACK_ANNOTATIONS,
} from '@internal/backstage-plugin-runtime-stack-common';

/** The Quay plugin's default instance, where its slugs point. */
const QUAY_HOST = 'quay.io';

/**
 * The image repositories an entity declares: `runtime-stack.io/images`, and
 * the ecosystem's registry slugs, so a service already set up for the Quay
 * or Harbor plugin needs no twin annotation: `quay.io/repository-slug` (an
 * `organization/repository` on quay.io) and `goharbor.io/repository-slug`
 * (a `project/repository` on the Harbor instance of the Harbor plugin's
 * `harbor.baseUrl`; without that config it names no host and is skipped).
 */
export function declaredImageReferences(
  entity: Pick<Entity, 'metadata'>,
  options: { harborHost?: string } = {},
): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const listed = (annotations[RUNTIME_STACK_ANNOTATIONS.images] ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  const slugOn = (host: string | undefined, annotation: string) => {
    const slug = annotations[annotation]?.trim().replace(/^\/+|\/+$/g, '');
    return host && slug ? [`${host}/${slug}`] : [];
  };
  return [
    ...new Set([
      ...listed,
      ...slugOn(QUAY_HOST, ECOSYSTEM_ANNOTATIONS.quayRepositorySlug),
      ...slugOn(options.harborHost, ECOSYSTEM_ANNOTATIONS.harborRepositorySlug),
    ]),
  ];
}
