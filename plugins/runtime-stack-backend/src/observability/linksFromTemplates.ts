import type { ObservabilityLink } from '@internal/backstage-plugin-runtime-stack-common';
import { expandLinkTemplate, type LinkTemplate } from './observabilityConfig';

/**
 * The configured link templates for one service, once per cluster and
 * namespace it runs in. A template that names neither (a tracing UI's
 * service page) gives the same URL everywhere: that is one link, not one per
 * cluster, and it is not said to belong to any of them.
 */
export function linksFromTemplates(
  templates: LinkTemplate[],
  service: string,
  placements: Array<{ cluster: string; namespace: string }>,
): ObservabilityLink[] {
  return templates.flatMap(template => {
    const expanded = (placements.length > 0 ? placements : [undefined]).flatMap(
      place => {
        const url = expandLinkTemplate(template.url, { service, ...place });
        return url ? [{ url, place }] : [];
      },
    );
    const urls = new Set(expanded.map(e => e.url));
    const everywhere = expanded.length > 1 && urls.size === 1;
    const seen = new Set<string>();
    return expanded.flatMap(({ url, place }) => {
      if (seen.has(url)) return [];
      seen.add(url);
      return [
        {
          title: template.title,
          url,
          ...(template.type ? { type: template.type } : {}),
          ...(place && !everywhere
            ? { cluster: place.cluster, namespace: place.namespace }
            : {}),
        },
      ];
    });
  });
}
