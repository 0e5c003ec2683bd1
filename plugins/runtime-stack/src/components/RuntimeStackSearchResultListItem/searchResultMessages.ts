/**
 * The words of a runtime-stack search result, as `searchResult.*` messages of `runtimeStackTranslationRef`: kept beside
 * the components they belong to.
 */
export const searchResultMessages = {
  coverage: 'coverage: {{percent}}',
  /** The profile requires no capability: there is no coverage to give. */
  nothingRequired: 'nothing required',
  /** Every capability the profile requires is exempt: none left to count. */
  allExempt: 'all exempt',
  /** Required capabilities exempt, beside the coverage of the others. */
  exempt: '{{count}} exempt',
  /** A tool seen covering its capability. */
  confirmedTool: 'runs {{tool}}',
  /** A tool only declared, or seen covering its capability in part. */
  unconfirmedTool: '{{tool}}, not confirmed',
  noGaps: 'no gaps',
  gaps_one: '{{count}} gap',
  gaps_other: '{{count}} gaps',
  owner: 'owner: {{owner}}',
} as const;
