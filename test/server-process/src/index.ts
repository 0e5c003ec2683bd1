/**
 * Starts a real server binary from Debian on a free loopback port for
 * tests, waits until it answers, and stops it again.
 *
 * @packageDocumentation
 */

export { findBinary, requireBinary } from './findBinary';
export { assertPortFree, findFreePort } from './freePort';
export {
  startServerProcess,
  type RunningServerProcess,
  type StartServerProcessOptions,
} from './startServerProcess';
