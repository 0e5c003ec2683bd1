import { parseEntityRef } from '@backstage/catalog-model';
import {
  formatPercent,
  type LayerModelTitles,
  type RuntimeStackSearchDocument,
  type SearchableService,
} from '@internal/backstage-plugin-runtime-stack-common';
import type { IndexableDocument } from '@backstage/plugin-search-common';

/**
 * The indexed document of one service, checked by the catalog's read
 * permission.
 *
 * @public
 */
export type RuntimeStackIndexableDocument = RuntimeStackSearchDocument &
  IndexableDocument;

/**
 * What a search for a tool, a capability or a gap should find: the tools
 * the service runs with, by capability, and the required capabilities it
 * lacks, in words a search box is typed with.
 */
export function serviceDocument(
  service: SearchableService,
  titles: LayerModelTitles,
): RuntimeStackIndexableDocument {
  const { kind, namespace, name } = parseEntityRef(service.entityRef);
  const tools = service.tools.map(t => ({
    capability: titles.capabilityTitleOf(t.capability),
    tool: titles.toolTitleOf(t.tool),
  }));
  const sentences = [
    service.required === 0
      ? `No capability is required under the ${service.profile} profile.`
      : `${formatPercent(service.ratio)} of ${
          service.required
        } required capabilities covered under the ${service.profile} profile.`,
    tools.length > 0
      ? `Runs with ${tools.map(t => `${t.tool} (${t.capability})`).join(', ')}.`
      : 'No tools seen yet.',
    service.gaps.length > 0
      ? `Gaps: ${service.gaps
          .map(g => `${titles.capabilityTitleOf(g.capability)} (${g.status})`)
          .join(', ')}.`
      : '',
  ];
  return {
    title: `${service.title ?? name} · runtime stack`,
    text: sentences.filter(Boolean).join(' '),
    // As the catalog's entity routes spell it: kind and namespace lower case.
    location: `/catalog/${encodeURIComponent(
      namespace.toLocaleLowerCase('en-US'),
    )}/${encodeURIComponent(
      kind.toLocaleLowerCase('en-US'),
    )}/${encodeURIComponent(name)}/runtime-stack`,
    entityRef: service.entityRef,
    ...(service.owner ? { owner: service.owner } : {}),
    ...(service.system ? { system: service.system } : {}),
    profile: service.profile,
    coverage: service.ratio,
    required: service.required,
    gapCount: service.gapCount,
    tools: [...new Set(tools.map(t => t.tool))],
    authorization: { resourceRef: service.entityRef },
  };
}
