export { startTestBackendClosingDatabases } from './startTestBackendClosingDatabases';
export {
  triggerableScheduler,
  type TriggerableScheduler,
} from './triggerableScheduler';
