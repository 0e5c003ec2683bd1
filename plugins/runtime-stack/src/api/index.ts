export { runtimeStackApiRef } from './RuntimeStackApi';
export type {
  EntityName,
  OwnershipHistoryPage,
  PlannedService,
  RuntimeStackApi,
} from './RuntimeStackApi';
export { RuntimeStackClient } from './RuntimeStackClient';
