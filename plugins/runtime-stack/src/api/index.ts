export { runtimeStackApiRef } from './RuntimeStackApi';
export type { EntityName, RuntimeStackApi } from './RuntimeStackApi';
export { RuntimeStackClient } from './RuntimeStackClient';
