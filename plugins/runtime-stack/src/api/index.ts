export { runtimeStackApiRef } from './RuntimeStackApi';
export type {
  EntityName,
  OwnershipHistoryPage,
  RuntimeStackApi,
} from './RuntimeStackApi';
export { RuntimeStackClient } from './RuntimeStackClient';
