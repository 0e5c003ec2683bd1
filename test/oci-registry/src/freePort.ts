// Where this package's tests have always imported it from.
export { findFreePort } from '@internal/server-process-testkit';
