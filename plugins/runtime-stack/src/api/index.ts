export { runtimeStackApiRef } from './RuntimeStackApi';
export type {
  EntityName,
  OwnershipCheckResult,
  OwnershipHistoryPage,
  PlannedService,
  RuntimeStackApi,
} from './RuntimeStackApi';
export { RuntimeStackClient } from './RuntimeStackClient';
