/**
 * The words of a runtime-stack search result, as `searchResult.*` messages of `runtimeStackTranslationRef`: kept beside
 * the components they belong to.
 */
export const searchResultMessages = {
  coverage: 'coverage: {{percent}}',
  /** The profile requires no capability: there is no coverage to give. */
  nothingRequired: 'nothing required',
  noGaps: 'no gaps',
  gaps_one: '{{count}} gap',
  gaps_other: '{{count}} gaps',
  owner: 'owner: {{owner}}',
} as const;
