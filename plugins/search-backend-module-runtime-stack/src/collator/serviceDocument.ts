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
 * How the portal's pages name what a service refers to by id: its
 * requirement profile by the profile's title, its owner by the Group's
 * display name. Each falls back to the id (the owner to its ref's name)
 * where it is not given or does not know the id.
 */
export interface ServiceDocumentNames {
  profileTitleOf?: (profileId: string) => string | undefined;
  ownerTitleOf?: (ownerRef: string) => string | undefined;
}

/**
 * What the profile asks of the service. `required` leaves exempt
 * capabilities out, so a service with every required capability exempt
 * counts none: that is not a profile requiring nothing.
 */
function requirementSentence(
  service: SearchableService,
  profile: string,
): string {
  const { required, exemptCount } = service;
  if (required === 0 && exemptCount === 1) {
    return `The one required capability is exempt under the ${profile} profile.`;
  }
  if (required === 0) {
    return exemptCount > 0
      ? `All ${exemptCount} required capabilities are exempt under the ${profile} profile.`
      : `No capability is required under the ${profile} profile.`;
  }
  const exempt = exemptCount > 0 ? ` (${exemptCount} more exempt)` : '';
  return `${formatPercent(
    service.ratio,
  )} of ${required} required capabilities covered under the ${profile} profile${exempt}.`;
}

/** The name in an owner's entity ref; the ref itself if it does not parse. */
function ownerName(ownerRef: string): string {
  try {
    return parseEntityRef(ownerRef, { defaultKind: 'group' }).name;
  } catch {
    return ownerRef;
  }
}

/**
 * What a search for a tool, a capability or a gap should find: the tools
 * the service runs with, by capability, and the required capabilities it
 * lacks, in words a search box is typed with.
 */
export function serviceDocument(
  service: SearchableService,
  titles: LayerModelTitles,
  names: ServiceDocumentNames = {},
): RuntimeStackIndexableDocument {
  const { kind, namespace, name } = parseEntityRef(service.entityRef);
  // Words for people; the document's fields keep the ids filters match.
  const profile = names.profileTitleOf?.(service.profile) ?? service.profile;
  const ownerTitle = service.owner
    ? names.ownerTitleOf?.(service.owner)
    : undefined;
  const owner = service.owner
    ? ownerTitle ?? ownerName(service.owner)
    : undefined;
  const tools = service.tools.map(t => ({
    capability: titles.capabilityTitleOf(t.capability),
    tool: titles.toolTitleOf(t.tool),
    // A tool only declared is not known to run, even where another tool
    // covers its capability.
    confirmed: t.confirmed,
  }));
  const named = (list: typeof tools) =>
    list.map(t => `${t.tool} (${t.capability})`).join(', ');
  const confirmed = tools.filter(t => t.confirmed);
  const unconfirmed = tools.filter(t => !t.confirmed);
  const sentences = [
    requirementSentence(service, profile),
    confirmed.length > 0 ? `Runs with ${named(confirmed)}.` : '',
    unconfirmed.length > 0
      ? `Named, not confirmed: ${named(unconfirmed)}.`
      : '',
    tools.length === 0 ? 'No tools seen yet.' : '',
    service.gaps.length > 0
      ? `Gaps: ${service.gaps
          .map(g => `${titles.capabilityTitleOf(g.capability)} (${g.status})`)
          .join(', ')}.`
      : '',
    owner ? `Owned by ${owner}.` : '',
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
    ...(ownerTitle ? { ownerTitle } : {}),
    ...(service.system ? { system: service.system } : {}),
    profile: service.profile,
    coverage: service.ratio,
    required: service.required,
    exemptCount: service.exemptCount,
    gapCount: service.gapCount,
    tools: [...new Set(tools.map(t => t.tool))],
    confirmedTools: [...new Set(confirmed.map(t => t.tool))],
    authorization: { resourceRef: service.entityRef },
  };
}
