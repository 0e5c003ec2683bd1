export { runtimeStackApiRef } from './RuntimeStackApi';
export type { RuntimeStackApi } from './RuntimeStackApi';
export { RuntimeStackClient } from './RuntimeStackClient';
