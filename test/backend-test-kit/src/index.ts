export { startTestBackendClosingDatabases } from './startTestBackendClosingDatabases';
