import type { Entity } from '@backstage/catalog-model';
import type { HarborHosts } from './registryConfig';
import {
  ECOSYSTEM_ANNOTATIONS,
  isDeclarableImageRepository,
  RUNTIME_STACK_ANNOTATIONS,
} from '@internal/backstage-plugin-runtime-stack-common';

/** The Quay plugin's default instance, where its slugs point. */
const QUAY_HOST = 'quay.io';

/**
 * The image repositories an entity declares: `runtime-stack.io/images`, and
 * the ecosystem's registry slugs, so a service already set up for the Quay
 * or Harbor plugin needs no twin annotation: `quay.io/repository-slug` (an
 * `organization/repository` on quay.io) and `goharbor.io/repository-slug`
 * (read as the Harbor plugin reads it: a comma-separated list of
 * `project/repository` on the instance of `harbor.baseUrl`, or
 * `host/project/repository` on the one of `harbor.instances` with that
 * host; a slug no configured instance serves names no host and is skipped).
 */
export function declaredImageReferences(
  entity: Pick<Entity, 'metadata'>,
  options: { harbor?: HarborHosts } = {},
): string[] {
  const annotations = entity.metadata.annotations ?? {};
  // What the catalog reports as a problem of the annotation (a tag, a
  // digest, capitals) is not declared here either.
  const listed = (annotations[RUNTIME_STACK_ANNOTATIONS.images] ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(s => s && isDeclarableImageRepository(s));
  const trimSlug = (slug: string) => slug.trim().replace(/^\/+|\/+$/g, '');
  const quaySlug = trimSlug(
    annotations[ECOSYSTEM_ANNOTATIONS.quayRepositorySlug] ?? '',
  );
  const quay = quaySlug ? [`${QUAY_HOST}/${quaySlug}`] : [];
  const { defaultHost, instanceHosts = [] } = options.harbor ?? {};
  const harbor = (annotations[ECOSYSTEM_ANNOTATIONS.harborRepositorySlug] ?? '')
    .split(',')
    .map(trimSlug)
    .filter(Boolean)
    .flatMap(slug => {
      if (instanceHosts.includes(slug.split('/')[0])) return [slug];
      return defaultHost ? [`${defaultHost}/${slug}`] : [];
    });
  return [...new Set([...listed, ...quay, ...harbor])];
}
