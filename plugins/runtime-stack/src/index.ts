/**
 * The Runtime Stack frontend plugin: each service's runtime stack by layer.
 *
 * The default export is the plugin for the new frontend system; apps on the
 * legacy system use `runtimeStackLegacyPlugin` and `RuntimeStackPage`.
 *
 * @packageDocumentation
 */
export { runtimeStackPlugin as default } from './plugin';
export {
  EntityCoverageCard,
  EntityRuntimeStackContent,
  GroupRuntimeStackContent,
  runtimeStackLegacyPlugin,
  RuntimeStackClusterPickerField,
  RuntimeStackCoveragePreviewField,
  RuntimeStackPage,
  RuntimeStackScorecardsPage,
  RuntimeStackSearchResultListItem,
  RuntimeStackTeamsCoverageCard,
  SystemRuntimeStackContent,
} from './legacy';
export { runtimeStackApiRef, RuntimeStackClient } from './api';
export { runtimeStackTranslationRef } from './translation';
export type { RuntimeStackSearchResultListItemProps } from './components/RuntimeStackSearchResultListItem';
export type { ScorecardTab } from './components/ScorecardsPage';
export type {
  EntityName,
  OwnershipCheckResult,
  OwnershipHistoryPage,
  PlannedService,
  RuntimeStackApi,
} from './api';
